/**
 * A tiny fragmented-MP4 writer for the Media Source Extensions fallback: an init segment from the
 * avcC record, then one `moof`+`mdat` fragment per access unit (AVCC samples go in unchanged).
 * Assumes decode order = presentation order (no B-frames), which is how cameras' low-latency
 * streams are set up.
 */

export const TIMESCALE = 90_000;

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}
function u16(n: number): number[] {
  return [(n >>> 8) & 0xff, n & 0xff];
}
function u64(n: number): number[] {
  return [...u32(Math.floor(n / 2 ** 32)), ...u32(n >>> 0)];
}
function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

export function box(type: string, ...parts: (number[] | Uint8Array)[]): Uint8Array<ArrayBuffer> {
  const size = 8 + parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  out.set([...u32(size), ...ascii(type)], 0);
  let at = 8;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function fullBox(
  type: string,
  version: number,
  flags: number,
  ...parts: (number[] | Uint8Array)[]
): Uint8Array<ArrayBuffer> {
  return box(type, [version, (flags >>> 16) & 0xff, (flags >>> 8) & 0xff, flags & 0xff], ...parts);
}

const MATRIX = [
  ...u32(0x10000),
  ...u32(0),
  ...u32(0),
  ...u32(0),
  ...u32(0x10000),
  ...u32(0),
  ...u32(0),
  ...u32(0),
  ...u32(0x40000000),
];

export function initSegment(width: number, height: number, avcC: Uint8Array): Uint8Array<ArrayBuffer> {
  const mvhd = fullBox(
    'mvhd',
    0,
    0,
    u32(0),
    u32(0),
    u32(TIMESCALE),
    u32(0),
    u32(0x10000),
    u16(0x100),
    Array(10).fill(0),
    MATRIX,
    Array(24).fill(0),
    u32(2),
  );
  const tkhd = fullBox(
    'tkhd',
    0,
    3,
    u32(0),
    u32(0),
    u32(1),
    u32(0),
    u32(0),
    Array(8).fill(0),
    u16(0),
    u16(0),
    u16(0),
    u16(0),
    MATRIX,
    u32(width << 16),
    u32(height << 16),
  );
  const mdhd = fullBox('mdhd', 0, 0, u32(0), u32(0), u32(TIMESCALE), u32(0), u16(0x55c4), u16(0));
  const hdlr = fullBox('hdlr', 0, 0, u32(0), ascii('vide'), Array(12).fill(0), ascii('video'), [0]);
  const avc1 = box(
    'avc1',
    Array(6).fill(0),
    u16(1),
    Array(16).fill(0),
    u16(width),
    u16(height),
    u32(0x480000),
    u32(0x480000),
    u32(0),
    u16(1),
    Array(32).fill(0),
    u16(0x18),
    u16(0xffff),
    box('avcC', avcC),
  );
  const stbl = box(
    'stbl',
    fullBox('stsd', 0, 0, u32(1), avc1),
    fullBox('stts', 0, 0, u32(0)),
    fullBox('stsc', 0, 0, u32(0)),
    fullBox('stsz', 0, 0, u32(0), u32(0)),
    fullBox('stco', 0, 0, u32(0)),
  );
  const dinf = box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1)));
  const minf = box('minf', fullBox('vmhd', 0, 1, Array(8).fill(0)), dinf, stbl);
  const trak = box('trak', tkhd, box('mdia', mdhd, hdlr, minf));
  const mvex = box('mvex', fullBox('trex', 0, 0, u32(1), u32(1), u32(0), u32(0), u32(0)));
  return concat(
    box('ftyp', ascii('iso5'), u32(512), ascii('iso5'), ascii('iso6'), ascii('mp41')),
    box('moov', mvhd, trak, mvex),
  );
}

export interface Sample {
  /** Fragment sequence number (1-based, increasing). */
  sequence: number;
  /** Decode time in TIMESCALE units. */
  decodeTime: number;
  /** Duration in TIMESCALE units. */
  duration: number;
  key: boolean;
  data: Uint8Array;
}

export function mediaSegment(s: Sample): Uint8Array<ArrayBuffer> {
  const flags = s.key ? 0x02000000 : 0x01010000;
  const trun = (dataOffset: number) =>
    fullBox('trun', 0, 0x000701, u32(1), u32(dataOffset), u32(s.duration), u32(s.data.length), u32(flags));
  const traf = (dataOffset: number) =>
    box('traf', fullBox('tfhd', 0, 0x020000, u32(1)), fullBox('tfdt', 1, 0, u64(s.decodeTime)), trun(dataOffset));
  const moofOf = (dataOffset: number) => box('moof', fullBox('mfhd', 0, 0, u32(s.sequence)), traf(dataOffset));
  const moofSize = moofOf(0).length;
  return concat(moofOf(moofSize + 8), box('mdat', s.data));
}

export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Top-level boxes of a buffer as [type, size] (for tests and debugging). */
export function listBoxes(buf: Uint8Array, from = 0, to = buf.length): [string, number][] {
  const out: [string, number][] = [];
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let at = from; at + 8 <= to;) {
    const size = view.getUint32(at);
    out.push([String.fromCharCode(...buf.subarray(at + 4, at + 8)), size]);
    if (size < 8) break;
    at += size;
  }
  return out;
}
