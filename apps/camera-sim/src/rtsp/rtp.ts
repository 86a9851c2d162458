/**
 * RTP (RFC 3550) header work the relay needs: each RTSP session gets its own SSRC, sequence and
 * timestamp base, so a client never sees the encoder's numbering (which restarts with the encoder).
 * Also: where a keyframe starts (clients join there), and TCP interleaved framing (RFC 2326 10.12).
 */
import type { VideoCodec } from './sdp.js';

export const RTP_HEADER_MIN = 12;

export function isRtp(packet: Buffer): boolean {
  return packet.length >= RTP_HEADER_MIN && packet[0]! >> 6 === 2;
}

/** RTCP packet types 200..204 share the port with RTP when ffmpeg sends its reports there. */
export function isRtcp(packet: Buffer): boolean {
  return packet.length >= 8 && packet[0]! >> 6 === 2 && packet[1]! >= 200 && packet[1]! <= 204;
}

export const rtpSeq = (p: Buffer): number => p.readUInt16BE(2);
export const rtpTimestamp = (p: Buffer): number => p.readUInt32BE(4);
export const rtpMarker = (p: Buffer): boolean => (p[1]! & 0x80) !== 0;

/** Offset of the payload: fixed header, CSRCs and any header extension. Null when malformed. */
export function rtpPayloadOffset(p: Buffer): number | null {
  if (!isRtp(p)) return null;
  let offset = RTP_HEADER_MIN + (p[0]! & 0x0f) * 4;
  if (p[0]! & 0x10) {
    if (p.length < offset + 4) return null;
    offset += 4 + p.readUInt16BE(offset + 2) * 4;
  }
  return offset <= p.length ? offset : null;
}

/** Writes seq, timestamp and SSRC into a copy-owned packet, in place. */
export function rewriteRtpHeader(p: Buffer, offset: number, seq: number, timestamp: number, ssrc: number): void {
  p.writeUInt16BE(seq & 0xffff, offset + 2);
  p.writeUInt32BE(timestamp >>> 0, offset + 4);
  p.writeUInt32BE(ssrc >>> 0, offset + 8);
}

/** `$`, channel, 16-bit length, then the packet. */
export function interleavedHeader(channel: number, length: number): Buffer {
  if (length > 0xffff) throw new RangeError(`interleaved frame too long: ${length}`);
  const h = Buffer.allocUnsafe(4);
  h[0] = 0x24;
  h[1] = channel;
  h.writeUInt16BE(length, 2);
  return h;
}

const H264_KEY = new Set([5, 7, 8]);
const H265_KEY = new Set([16, 17, 18, 19, 20, 21, 32, 33, 34]);

/**
 * Whether this packet carries a NAL that can start decoding (parameter set or IRAP/IDR slice start):
 * single NAL units, aggregation packets (STAP-A / AP) and the first fragment of FU-A / FU.
 */
export function startsKeyframe(codec: VideoCodec, p: Buffer): boolean {
  const off = rtpPayloadOffset(p);
  if (off === null || off >= p.length) return false;
  const payload = p.subarray(off);
  if (codec === 'h264') {
    const type = payload[0]! & 0x1f;
    if (type === 24) return aggregated(payload, 1, (b) => H264_KEY.has(b & 0x1f));
    if (type === 28) return payload.length > 1 && (payload[1]! & 0x80) !== 0 && H264_KEY.has(payload[1]! & 0x1f);
    return H264_KEY.has(type);
  }
  const type = (payload[0]! >> 1) & 0x3f;
  if (type === 48) return aggregated(payload, 2, (b) => H265_KEY.has((b >> 1) & 0x3f));
  if (type === 49) return payload.length > 2 && (payload[2]! & 0x80) !== 0 && H265_KEY.has(payload[2]! & 0x3f);
  return H265_KEY.has(type);
}

function aggregated(payload: Buffer, headerLen: number, isKey: (firstByte: number) => boolean): boolean {
  for (let i = headerLen; i + 2 < payload.length;) {
    const size = payload.readUInt16BE(i);
    if (isKey(payload[i + 2]!)) return true;
    i += 2 + size;
  }
  return false;
}
