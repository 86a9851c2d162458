import { describe, expect, it } from 'vitest';
import { buildEncoderArgs } from './encoderArgs.js';

const base = {
  input: { width: 1280, height: 720 },
  fps: 25,
  gop: 50,
  sdpFile: '/tmp/cam-01.sdp',
};

describe('buildEncoderArgs', () => {
  it('encodes main and a scaled sub from one raw input, each to its own RTP port', () => {
    const args = buildEncoderArgs({
      ...base,
      codec: 'h264',
      outputs: [
        { size: { width: 1280, height: 720 }, bitrate: 2_000_000, port: 40000 },
        { size: { width: 640, height: 360 }, bitrate: 500_000, port: 40002 },
      ],
    });
    const x264 = (bitrate: number): string[] =>
      `-c:v libx264 -preset ultrafast -tune zerolatency -profile:v main -g 50 -keyint_min 50 -sc_threshold 0 -bf 0 -b:v ${bitrate} -maxrate ${bitrate} -bufsize ${bitrate} -flags +global_header -bsf:v dump_extra=freq=keyframe -payload_type 96 -f rtp`.split(
        ' ',
      );
    expect(args).toEqual([
      ...'-hide_banner -nostats -loglevel error -f rawvideo -pix_fmt yuv420p -video_size 1280x720 -framerate 25 -i pipe:0'.split(
        ' ',
      ),
      '-filter_complex',
      '[0:v]split=2[v0s][v1s];[v0s]null[v0];[v1s]scale=640:360[v1]',
      '-map',
      '[v0]',
      ...x264(2_000_000),
      'rtp://127.0.0.1:40000?rtcpport=40000&pkt_size=1200',
      '-map',
      '[v1]',
      ...x264(500_000),
      'rtp://127.0.0.1:40002?rtcpport=40002&pkt_size=1200',
      '-sdp_file',
      '/tmp/cam-01.sdp',
    ]);
  });

  it('uses libx265 with a fixed GOP and no B-frames for h265', () => {
    const args = buildEncoderArgs({
      ...base,
      codec: 'h265',
      outputs: [{ size: { width: 1280, height: 720 }, bitrate: 1_000_000, port: 5000 }],
    });
    expect(args).toContain('libx265');
    expect(args).not.toContain('libx264');
    expect(args[args.indexOf('-x265-params') + 1]).toBe('keyint=50:min-keyint=50:scenecut=0:bframes=0:log-level=error');
    expect(args[args.indexOf('-filter_complex') + 1]).toBe('[0:v]split=1[v0s];[v0s]null[v0]');
  });

  it('refuses to build an encoder with no outputs', () => {
    expect(() => buildEncoderArgs({ ...base, codec: 'h264', outputs: [] })).toThrow(RangeError);
  });
});
