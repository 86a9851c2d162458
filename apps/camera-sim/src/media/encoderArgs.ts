/**
 * The ffmpeg command line of a camera's encoder: raw I420 frames on stdin, one encode per profile
 * (main, and a scaled sub-stream from the same frames), each packetised by ffmpeg's RTP muxer to a
 * loopback UDP port the simulator owns. A pure function, so the exact command line is table-tested.
 */
import type { VideoCodec } from '../rtsp/sdp.js';

export interface Size {
  width: number;
  height: number;
}

export interface EncoderOutput {
  size: Size;
  /** Bits per second. */
  bitrate: number;
  /** UDP port on 127.0.0.1 that receives this output's RTP (and ffmpeg's RTCP reports). */
  port: number;
}

export interface EncoderArgsOptions {
  input: Size;
  fps: number;
  gop: number;
  codec: VideoCodec;
  outputs: readonly EncoderOutput[];
  sdpFile: string;
  /** RTP payload size; below the loopback and typical LAN MTU so UDP clients get whole packets. */
  packetSize?: number;
}

export function buildEncoderArgs(o: EncoderArgsOptions): string[] {
  if (o.outputs.length === 0) throw new RangeError('encoder needs at least one output');
  const args = ['-hide_banner', '-nostats', '-loglevel', 'error'];
  args.push('-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-video_size', `${o.input.width}x${o.input.height}`);
  args.push('-framerate', String(o.fps), '-i', 'pipe:0');
  const labels = o.outputs.map((_, i) => `v${i}`);
  const chains = [`[0:v]split=${o.outputs.length}${labels.map((l) => `[${l}s]`).join('')}`];
  o.outputs.forEach((out, i) => {
    const same = out.size.width === o.input.width && out.size.height === o.input.height;
    chains.push(`[v${i}s]${same ? 'null' : `scale=${out.size.width}:${out.size.height}`}[v${i}]`);
  });
  args.push('-filter_complex', chains.join(';'));
  o.outputs.forEach((out, i) => {
    args.push('-map', `[v${i}]`, ...codecArgs(o.codec, o.gop, out.bitrate));
    // Global header puts the parameter sets in the SDP file (sprop-*); dump_extra also repeats them
    // before every keyframe, so a client joining mid-stream or missing the SDP still decodes.
    args.push('-flags', '+global_header', '-bsf:v', 'dump_extra=freq=keyframe');
    args.push('-payload_type', '96', '-f', 'rtp');
    args.push(`rtp://127.0.0.1:${out.port}?rtcpport=${out.port}&pkt_size=${o.packetSize ?? 1200}`);
  });
  args.push('-sdp_file', o.sdpFile);
  return args;
}

function codecArgs(codec: VideoCodec, gop: number, bitrate: number): string[] {
  const rate = ['-b:v', `${bitrate}`, '-maxrate', `${bitrate}`, '-bufsize', `${bitrate}`];
  const gopArgs = ['-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0', '-bf', '0'];
  if (codec === 'h264') {
    return [
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-tune',
      'zerolatency',
      '-profile:v',
      'main',
      ...gopArgs,
      ...rate,
    ];
  }
  return [
    '-c:v',
    'libx265',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    ...gopArgs,
    ...rate,
    '-x265-params',
    `keyint=${gop}:min-keyint=${gop}:scenecut=0:bframes=0:log-level=error`,
  ];
}
