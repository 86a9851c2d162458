/**
 * RTP (RFC 3550) and the H.264 payload format (RFC 6184, packetization modes 0 and 1): packets in,
 * access units out. An access unit is handed on when the packet that carries the RTP marker bit (the
 * last packet of a picture) arrives, so no frame waits for the next one to start. A camera that never
 * sets the marker still works: a new timestamp closes the previous access unit.
 */

export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  seq: number;
  timestamp: number;
  ssrc: number;
  payload: Uint8Array;
}

/** Parses one RTP packet; null when it is not one (wrong version, truncated, bad padding). */
export function parseRtp(packet: Uint8Array): RtpPacket | null {
  if (packet.length < 12 || packet[0]! >> 6 !== 2) return null;
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  let offset = 12 + (packet[0]! & 0x0f) * 4;
  if (packet[0]! & 0x10) {
    if (packet.length < offset + 4) return null;
    offset += 4 + view.getUint16(offset + 2) * 4;
  }
  let end = packet.length;
  if (packet[0]! & 0x20) {
    const pad = packet[packet.length - 1]!;
    if (pad === 0) return null;
    end -= pad;
  }
  if (offset > end) return null;
  return {
    payloadType: packet[1]! & 0x7f,
    marker: (packet[1]! & 0x80) !== 0,
    seq: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    payload: packet.subarray(offset, end),
  };
}

export interface AccessUnit {
  /** RTP timestamp (90 kHz) unwrapped past 2^32, counted from the first access unit handed on. */
  timestamp: number;
  /** NAL units without start codes or length prefixes. */
  nals: Uint8Array[];
  /** Holds an IDR slice: decoding can start here. */
  key: boolean;
}

export interface DepacketizerOptions {
  /** An access unit larger than this is dropped (and decoding resumes at the next keyframe). */
  maxAccessUnitBytes?: number;
}

export const NAL = { IDR: 5, SEI: 6, SPS: 7, PPS: 8, AUD: 9, STAP_A: 24, FU_A: 28 } as const;

/**
 * Reassembles H.264 access units from RTP packets in arrival order (TCP keeps that order; over UDP the
 * caller reorders first). A lost packet, an unsupported packet type or an oversized picture drops the
 * picture and everything after it until the next keyframe, because a picture that refers to a broken
 * one would decode into garbage.
 */
export class H264Depacketizer {
  /** Packets the sequence numbers say never arrived. */
  lostPackets = 0;
  /** Access units dropped: broken, oversized, or waiting for a keyframe after a loss. */
  droppedUnits = 0;
  private readonly max: number;
  private nals: Uint8Array[] = [];
  private bytes = 0;
  private ts: number | null = null;
  private broken = false;
  private needKey = true;
  private fu: Uint8Array[] | null = null;
  private fuBytes = 0;
  private lastSeq: number | null = null;
  private lastRaw = 0;
  private ext: number | null = null;

  constructor(options: DepacketizerOptions = {}) {
    this.max = options.maxAccessUnitBytes ?? 8 * 1024 * 1024;
  }

  /** The access units this packet completes: none, one, or two (a unit left open and this one). */
  push(p: RtpPacket): AccessUnit[] {
    const out: AccessUnit[] = [];
    if (this.lastSeq !== null) {
      const gap = (p.seq - this.lastSeq - 1) & 0xffff;
      if (gap !== 0) {
        if (gap > 0x8000) return out; // late duplicate or reordered: already past it
        this.lostPackets += gap;
        this.broken = true;
        this.fu = null;
      }
    }
    this.lastSeq = p.seq;
    if (this.ts !== null && p.timestamp !== this.ts && (this.nals.length > 0 || this.fu || this.broken)) {
      this.flush(out); // the camera did not mark the end of the previous picture
    }
    this.ts = p.timestamp;
    this.take(p.payload);
    if (p.marker) this.flush(out);
    return out;
  }

  private take(payload: Uint8Array): void {
    if (payload.length === 0) return;
    const type = payload[0]! & 0x1f;
    if (type >= 1 && type <= 23) {
      this.fu = null;
      this.add(payload);
    } else if (type === NAL.STAP_A) {
      for (let i = 1; i < payload.length;) {
        if (i + 2 > payload.length) return this.breakUnit();
        const size = (payload[i]! << 8) | payload[i + 1]!;
        i += 2;
        if (size === 0 || i + size > payload.length) return this.breakUnit();
        this.add(payload.subarray(i, i + size));
        i += size;
      }
    } else if (type === NAL.FU_A) {
      if (payload.length < 3) return this.breakUnit();
      const start = (payload[1]! & 0x80) !== 0;
      const end = (payload[1]! & 0x40) !== 0;
      const body = payload.subarray(2);
      if (start) {
        this.fu = [Uint8Array.of((payload[0]! & 0xe0) | (payload[1]! & 0x1f)), body];
        this.fuBytes = 1 + body.length;
      } else if (this.fu) {
        this.fu.push(body);
        this.fuBytes += body.length;
      } else {
        return this.breakUnit(); // the start of this NAL unit was lost
      }
      if (this.fuBytes > this.max) return this.breakUnit();
      if (end) {
        const nal = concat(this.fu, this.fuBytes);
        this.fu = null;
        this.add(nal);
      }
    } else {
      // STAP-B, MTAP and FU-B belong to the interleaved mode, which is never negotiated here; 0, 30 and 31
      // are reserved. Nothing in them can be used.
      this.breakUnit();
    }
  }

  private add(nal: Uint8Array): void {
    this.bytes += nal.length;
    if (this.bytes > this.max) return this.breakUnit();
    this.nals.push(nal);
  }

  private breakUnit(): void {
    this.broken = true;
    this.fu = null;
  }

  private flush(out: AccessUnit[]): void {
    const nals = this.nals;
    const broken = this.broken || this.fu !== null;
    const raw = this.ts!;
    this.nals = [];
    this.bytes = 0;
    this.fu = null;
    this.broken = false;
    if (nals.length === 0 && !broken) return;
    const key = nals.some((n) => (n[0]! & 0x1f) === NAL.IDR);
    if (broken) {
      this.droppedUnits++;
      this.needKey = true;
      return;
    }
    if (this.needKey && !key) {
      // Parameter sets may come ahead of the keyframe in a picture of their own: keep them.
      if (nals.every((n) => isParameterSet(n))) out.push({ timestamp: this.unwrap(raw), nals, key: false });
      else this.droppedUnits++;
      return;
    }
    this.needKey = false;
    out.push({ timestamp: this.unwrap(raw), nals, key });
  }

  private unwrap(raw: number): number {
    if (this.ext === null) {
      this.ext = 0;
    } else {
      this.ext += (raw - this.lastRaw) | 0; // signed 32-bit step, so a wrap past 2^32 counts forward
    }
    this.lastRaw = raw;
    return this.ext;
  }
}

export function isParameterSet(nal: Uint8Array): boolean {
  const t = nal[0]! & 0x1f;
  return t === NAL.SPS || t === NAL.PPS;
}

/** Length-prefixed (4 bytes) NAL units: the sample format of avcC-described streams. */
export function toAvcc(nals: readonly Uint8Array[]): Uint8Array {
  const size = nals.reduce((n, nal) => n + 4 + nal.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let p = 0;
  for (const nal of nals) {
    view.setUint32(p, nal.length);
    out.set(nal, p + 4);
    p += 4 + nal.length;
  }
  return out;
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}
