/**
 * What the ingest needs from a camera's SDP (RFC 4566; RFC 6184 for H.264): the first video track, its
 * encoding, payload type, control URL and, for H.264, the parameter sets it announces.
 */

export interface VideoTrack {
  /** Upper case, as in a=rtpmap (H264, H265, JPEG, MP4V-ES...). */
  encoding: string;
  payloadType: number;
  clockRate: number;
  /** Absolute URL for SETUP. */
  control: string;
  fmtp: Record<string, string>;
  /** H.264 sprop-parameter-sets, decoded (SPS and PPS NAL units). */
  parameterSets: Uint8Array[];
  packetizationMode: number;
}

export class SdpError extends Error {
  override name = 'SdpError';
}

/** Static payload types with a video encoding (RFC 3551), for cameras that leave out a=rtpmap. */
const STATIC: Record<number, string> = { 26: 'JPEG', 31: 'H261', 32: 'MPV', 34: 'H263' };

export function parseVideoTrack(sdp: string, base: string): VideoTrack {
  const lines = sdp.split(/\r?\n/).map((l) => l.trim());
  let sessionControl: string | undefined;
  let inVideo = false;
  let inMedia = false;
  let seenVideo = false;
  let pt: number | undefined;
  let control: string | undefined;
  const rtpmap = new Map<number, { encoding: string; clockRate: number }>();
  const fmtpLines = new Map<number, string>();
  for (const line of lines) {
    if (line.startsWith('m=')) {
      if (seenVideo) break; // the first video track only
      inMedia = true;
      inVideo = line.startsWith('m=video ');
      if (inVideo) {
        seenVideo = true;
        const fields = line.split(/\s+/);
        pt = Number(fields[3]);
        if (!Number.isInteger(pt) || pt < 0 || pt > 127)
          throw new SdpError(`a video line without a payload type: "${line}"`);
      }
      continue;
    }
    if (!line.startsWith('a=')) continue;
    const attr = line.slice(2);
    if (attr.startsWith('control:')) {
      if (inVideo) control = attr.slice(8).trim();
      else if (!inMedia) sessionControl = attr.slice(8).trim();
    } else if (inVideo && attr.startsWith('rtpmap:')) {
      const m = /^rtpmap:(\d+)\s+([^/\s]+)\/(\d+)/.exec(attr);
      if (m) rtpmap.set(Number(m[1]), { encoding: m[2]!.toUpperCase(), clockRate: Number(m[3]) });
    } else if (inVideo && attr.startsWith('fmtp:')) {
      const m = /^fmtp:(\d+)\s+(.*)$/.exec(attr);
      if (m) fmtpLines.set(Number(m[1]), m[2]!);
    }
  }
  if (!seenVideo || pt === undefined) throw new SdpError('the camera describes no video track');
  const staticEncoding = STATIC[pt];
  const map = rtpmap.get(pt) ?? (staticEncoding ? { encoding: staticEncoding, clockRate: 90000 } : undefined);
  if (!map) throw new SdpError(`no encoding is given for payload type ${pt}`);
  const fmtp: Record<string, string> = {};
  for (const part of (fmtpLines.get(pt) ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) fmtp[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  const parameterSets: Uint8Array[] = [];
  if (map.encoding === 'H264' && fmtp['sprop-parameter-sets']) {
    for (const b64 of fmtp['sprop-parameter-sets'].split(',')) {
      const bytes = Buffer.from(b64.trim(), 'base64');
      if (bytes.length > 0) parameterSets.push(new Uint8Array(bytes));
    }
  }
  const sessionBase = sessionControl && sessionControl !== '*' ? resolveControl(base, sessionControl) : base;
  return {
    encoding: map.encoding,
    payloadType: pt,
    clockRate: map.clockRate,
    control: control && control !== '*' ? resolveControl(sessionBase, control) : sessionBase,
    fmtp,
    parameterSets,
    packetizationMode: Number(fmtp['packetization-mode'] ?? '0'),
  };
}

/**
 * A control attribute against the base URL (Content-Base, else the request URL). Absolute URLs stand;
 * relative ones are joined with one slash, as cameras and ffmpeg do (RFC 2326 C.1.1).
 */
export function resolveControl(base: string, control: string): string {
  if (/^rtsps?:\/\//i.test(control)) return control;
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + control.replace(/^\/+/, '');
}
