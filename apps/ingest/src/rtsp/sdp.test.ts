import { describe, expect, it } from 'vitest';
import { parseVideoTrack, resolveControl, SdpError } from './sdp';

// What the camera simulator (and many cameras) answer: session control "*", an audio track first here.
const camera = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=Camera 1',
  'a=control:*',
  'm=audio 0 RTP/AVP 0',
  'a=control:trackID=2',
  'm=video 0 RTP/AVP 96',
  'a=rtpmap:96 H264/90000',
  'a=fmtp:96 packetization-mode=1;profile-level-id=42C016;sprop-parameter-sets=Z0LAFtoCgL/lhAAAAwAEAAADACo8WLqA,aM48gA==',
  'a=control:trackID=1',
  'm=video 0 RTP/AVP 97',
  'a=rtpmap:97 H265/90000',
].join('\r\n');

describe('SDP', () => {
  it('takes the first video track with its control URL and decoded parameter sets', () => {
    const t = parseVideoTrack(camera, 'rtsp://127.0.0.1:8554/main/');
    expect(t).toMatchObject({
      encoding: 'H264',
      payloadType: 96,
      clockRate: 90000,
      control: 'rtsp://127.0.0.1:8554/main/trackID=1',
      packetizationMode: 1,
    });
    expect(t.parameterSets.map((p) => p[0]! & 0x1f)).toEqual([7, 8]);
  });

  it('names another codec so the pull can go to ffmpeg, and knows static payload types', () => {
    expect(parseVideoTrack('m=video 0 RTP/AVP 98\na=rtpmap:98 h265/90000\n', 'rtsp://h/s').encoding).toBe('H265');
    expect(parseVideoTrack('m=video 0 RTP/AVP 26\n', 'rtsp://h/s').encoding).toBe('JPEG');
  });

  it.each([
    ['no video', 'v=0\r\nm=audio 0 RTP/AVP 0\r\n'],
    ['no payload type', 'm=video 0 RTP/AVP\r\n'],
    ['an unmapped dynamic payload type', 'm=video 0 RTP/AVP 96\r\n'],
    ['an empty body', ''],
  ])('refuses a description with %s', (_name, sdp) => {
    expect(() => parseVideoTrack(sdp, 'rtsp://h/s')).toThrow(SdpError);
  });

  it('resolves control attributes as cameras and ffmpeg do', () => {
    expect(resolveControl('rtsp://h/s', 'trackID=1')).toBe('rtsp://h/s/trackID=1');
    expect(resolveControl('rtsp://h/s/', 'trackID=1')).toBe('rtsp://h/s/trackID=1');
    expect(resolveControl('rtsp://h/s/', 'rtsp://other/x')).toBe('rtsp://other/x');
    expect(parseVideoTrack('m=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\na=control:*\n', 'rtsp://h/s').control).toBe(
      'rtsp://h/s',
    );
  });
});
