/**
 * The SDP a camera answers to DESCRIBE (RFC 4566, with RFC 6184 / RFC 7798 fmtp parameters).
 * The parameter sets come from the encoder, so a client knows the resolution before the first
 * keyframe arrives.
 */

export type VideoCodec = 'h264' | 'h265';

export interface SdpTrack {
  codec: VideoCodec;
  payloadType: number;
  /** fmtp parameters as the encoder reported them, e.g. sprop-parameter-sets, profile-level-id. */
  fmtp: Record<string, string>;
  control: string;
  width: number;
  height: number;
  fps: number;
}

export interface SdpOptions {
  sessionName: string;
  host: string;
  /** A number that changes when the stream's parameters change (o= version). */
  version: number;
  track: SdpTrack;
}

const ENCODING: Record<VideoCodec, string> = { h264: 'H264', h265: 'H265' };

export function buildSdp({ sessionName, host, version, track }: SdpOptions): string {
  const fmtp = { ...track.fmtp };
  if (track.codec === 'h264') fmtp['packetization-mode'] ??= '1';
  const fmtpLine = Object.entries(fmtp)
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
  const lines = [
    'v=0',
    `o=- ${version} ${version} IN IP4 ${host}`,
    `s=${sessionName.replace(/[\r\n]/g, ' ')}`,
    'c=IN IP4 0.0.0.0',
    't=0 0',
    'a=control:*',
    'a=range:npt=now-',
    `m=video 0 RTP/AVP ${track.payloadType}`,
    `a=rtpmap:${track.payloadType} ${ENCODING[track.codec]}/90000`,
    ...(fmtpLine ? [`a=fmtp:${track.payloadType} ${fmtpLine}`] : []),
    `a=framerate:${track.fps}`,
    `a=x-dimensions:${track.width},${track.height}`,
    `a=control:${track.control}`,
  ];
  return lines.join('\r\n') + '\r\n';
}

export interface EncoderSdpMedia {
  port: number;
  payloadType: number;
  codec: VideoCodec;
  fmtp: Record<string, string>;
}

/** Reads the per-output media sections of the SDP file ffmpeg writes with `-sdp_file`. */
export function parseEncoderSdp(text: string): EncoderSdpMedia[] {
  const media: EncoderSdpMedia[] = [];
  let current: EncoderSdpMedia | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const m = /^m=video (\d+) RTP\/AVP (\d+)/.exec(line);
    if (m) {
      current = { port: Number(m[1]), payloadType: Number(m[2]), codec: 'h264', fmtp: {} };
      media.push(current);
      continue;
    }
    if (!current) continue;
    const rtpmap = /^a=rtpmap:\d+ (H264|H265)\//i.exec(line);
    if (rtpmap) current.codec = rtpmap[1]!.toUpperCase() === 'H265' ? 'h265' : 'h264';
    const fmtp = /^a=fmtp:\d+ (.*)$/.exec(line);
    if (fmtp) {
      for (const part of fmtp[1]!.split(';')) {
        const eq = part.indexOf('=');
        if (eq > 0) current.fmtp[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
      }
    }
  }
  return media;
}

/** True when the fmtp carries the parameter sets a decoder needs to start. */
export function hasParameterSets(codec: VideoCodec, fmtp: Record<string, string>): boolean {
  if (codec === 'h264') return Boolean(fmtp['sprop-parameter-sets']);
  return Boolean(fmtp['sprop-vps'] && fmtp['sprop-sps'] && fmtp['sprop-pps']);
}
