import { describe, expect, it } from 'vitest';
import { buildSdp, hasParameterSets, parseEncoderSdp } from './sdp.js';

// As written by ffmpeg 5.1 with -sdp_file for two H.264 outputs.
const FFMPEG_SDP = `v=0
o=- 0 0 IN IP4 127.0.0.1
s=No Name
t=0 0
a=tool:libavformat LIBAVFORMAT_VERSION
m=video 40000 RTP/AVP 96
c=IN IP4 127.0.0.1
b=AS:500
a=rtpmap:96 H264/90000
a=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z0LAFNoFBn58BEAAAAMAQAAADKPFCqg=,aM48gA==; profile-level-id=42C014
m=video 40002 RTP/AVP 96
c=IN IP4 127.0.0.1
a=rtpmap:96 H265/90000
a=fmtp:96 sprop-vps=QAEMAf//BAgAAAMAnggAAAMAADy6AkA=; sprop-sps=QgEBBAgA; sprop-pps=RAHAcDBgMSA=
`;

describe('parseEncoderSdp', () => {
  it('reads each output port, codec and fmtp parameters', () => {
    const media = parseEncoderSdp(FFMPEG_SDP);
    expect(media).toEqual([
      {
        port: 40000,
        payloadType: 96,
        codec: 'h264',
        fmtp: {
          'packetization-mode': '1',
          'sprop-parameter-sets': 'Z0LAFNoFBn58BEAAAAMAQAAADKPFCqg=,aM48gA==',
          'profile-level-id': '42C014',
        },
      },
      {
        port: 40002,
        payloadType: 96,
        codec: 'h265',
        fmtp: { 'sprop-vps': 'QAEMAf//BAgAAAMAnggAAAMAADy6AkA=', 'sprop-sps': 'QgEBBAgA', 'sprop-pps': 'RAHAcDBgMSA=' },
      },
    ]);
    expect(media.map((m) => hasParameterSets(m.codec, m.fmtp))).toEqual([true, true]);
  });

  it('finds nothing in a partial file', () => {
    expect(parseEncoderSdp('v=0\no=- 0 0 IN IP4 127.0.0.1\n')).toEqual([]);
    expect(hasParameterSets('h265', { 'sprop-vps': 'x' })).toBe(false);
  });
});

describe('buildSdp', () => {
  const track = { payloadType: 96, control: 'trackID=0', width: 640, height: 360, fps: 25 };
  it('describes an H.264 track with its parameter sets and control', () => {
    const sdp = buildSdp({
      sessionName: 'Camera 1',
      host: '127.0.0.1',
      version: 3,
      track: { ...track, codec: 'h264', fmtp: { 'sprop-parameter-sets': 'Z0I=,aM4=', 'profile-level-id': '42C014' } },
    });
    expect(sdp.split('\r\n')).toEqual([
      'v=0',
      'o=- 3 3 IN IP4 127.0.0.1',
      's=Camera 1',
      'c=IN IP4 0.0.0.0',
      't=0 0',
      'a=control:*',
      'a=range:npt=now-',
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H264/90000',
      'a=fmtp:96 sprop-parameter-sets=Z0I=,aM4=;profile-level-id=42C014;packetization-mode=1',
      'a=framerate:25',
      'a=x-dimensions:640,360',
      'a=control:trackID=0',
      '',
    ]);
  });

  it('describes an H.265 track and keeps line breaks out of the session name', () => {
    const sdp = buildSdp({
      sessionName: 'evil\r\nm=audio',
      host: 'h',
      version: 1,
      track: { ...track, codec: 'h265', fmtp: { 'sprop-vps': 'A', 'sprop-sps': 'B', 'sprop-pps': 'C' } },
    });
    expect(sdp).toContain('a=rtpmap:96 H265/90000\r\na=fmtp:96 sprop-vps=A;sprop-sps=B;sprop-pps=C\r\n');
    expect(sdp).toContain('s=evil  m=audio\r\n');
    expect(sdp).not.toContain('packetization-mode');
  });
});
