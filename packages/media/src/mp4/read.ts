/**
 * Reading back what `write.ts` writes (and what other fMP4 writers produce for one video track): box
 * headers, the init segment's codec configuration, and each fragment's samples. Hostile or truncated
 * input gives a RangeError, never an out-of-bounds read.
 */
import type { VideoCodecFamily } from './write';

export interface BoxHeader {
  type: string;
  /** Offset of the box within the buffer given. */
  start: number;
  /** Header size (8, or 16 for a 64-bit size). */
  headerSize: number;
  /** Whole box size; for size 0 ("to the end"), the rest of the buffer. */
  size: number;
}

/** The box header at `at`, or null when fewer than 8 bytes (16 for a large size) remain. */
export function readBoxHeader(buf: Uint8Array, at: number, end = buf.length): BoxHeader | null {
  if (at + 8 > end) return null;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let size = view.getUint32(at);
  const type = String.fromCharCode(buf[at + 4]!, buf[at + 5]!, buf[at + 6]!, buf[at + 7]!);
  let headerSize = 8;
  if (size === 1) {
    if (at + 16 > end) return null;
    size = view.getUint32(at + 8) * 2 ** 32 + view.getUint32(at + 12);
    headerSize = 16;
  } else if (size === 0) {
    size = end - at;
  }
  if (size < headerSize) throw new RangeError(`mp4: box "${printable(type)}" at ${at} has a size of ${size}`);
  return { type, start: at, headerSize, size };
}

/** The boxes directly inside [from, to). A box that runs past `to` ends the list with an error. */
export function childBoxes(buf: Uint8Array, from = 0, to = buf.length): BoxHeader[] {
  const out: BoxHeader[] = [];
  let at = from;
  while (at < to) {
    const h = readBoxHeader(buf, at, to);
    if (!h) throw new RangeError(`mp4: ${to - at} stray bytes at ${at}`);
    if (at + h.size > to) throw new RangeError(`mp4: box "${printable(h.type)}" at ${at} runs past its parent`);
    out.push(h);
    at += h.size;
  }
  return out;
}

function printable(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?');
}

function find(buf: Uint8Array, path: string[], from = 0, to = buf.length): BoxHeader | undefined {
  let range = { from, to };
  let found: BoxHeader | undefined;
  for (const type of path) {
    found = childBoxes(buf, range.from, range.to).find((b) => b.type === type);
    if (!found) return undefined;
    range = { from: found.start + found.headerSize, to: found.start + found.size };
  }
  return found;
}

export interface InitInfo {
  family: VideoCodecFamily;
  width: number;
  height: number;
  timescale: number;
  /** The avcC or hvcC record. */
  config: Uint8Array;
}

/** The video track of an init segment (`moov`). */
export function parseInit(buf: Uint8Array): InitInfo {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const moov = find(buf, ['moov']);
  if (!moov) throw new RangeError('mp4: no moov box');
  const inner = { from: moov.start + moov.headerSize, to: moov.start + moov.size };
  for (const trak of childBoxes(buf, inner.from, inner.to).filter((b) => b.type === 'trak')) {
    const tFrom = trak.start + trak.headerSize;
    const tTo = trak.start + trak.size;
    const hdlr = find(buf, ['mdia', 'hdlr'], tFrom, tTo);
    if (!hdlr || hdlr.start + 20 > tTo) continue;
    const handler = String.fromCharCode(...buf.subarray(hdlr.start + 16, hdlr.start + 20));
    if (handler !== 'vide') continue;
    const mdhd = find(buf, ['mdia', 'mdhd'], tFrom, tTo);
    if (!mdhd) throw new RangeError('mp4: video track without mdhd');
    const v = buf[mdhd.start + 8];
    const timescale = view.getUint32(mdhd.start + 12 + (v === 1 ? 16 : 8));
    const stsd = find(buf, ['mdia', 'minf', 'stbl', 'stsd'], tFrom, tTo);
    if (!stsd) throw new RangeError('mp4: video track without stsd');
    const entries = childBoxes(buf, stsd.start + 16, stsd.start + stsd.size);
    const entry = entries[0];
    if (!entry) throw new RangeError('mp4: empty stsd');
    const family: VideoCodecFamily | undefined =
      entry.type === 'avc1' || entry.type === 'avc3'
        ? 'avc1'
        : entry.type === 'hvc1' || entry.type === 'hev1'
          ? 'hvc1'
          : undefined;
    if (!family) throw new RangeError(`mp4: unsupported video sample entry "${printable(entry.type)}"`);
    const body = entry.start + entry.headerSize;
    if (body + 78 > entry.start + entry.size) throw new RangeError('mp4: truncated visual sample entry');
    const width = view.getUint16(body + 24);
    const height = view.getUint16(body + 26);
    const cfg = childBoxes(buf, body + 78, entry.start + entry.size).find(
      (b) => b.type === (family === 'avc1' ? 'avcC' : 'hvcC'),
    );
    if (!cfg) throw new RangeError(`mp4: sample entry without ${family === 'avc1' ? 'avcC' : 'hvcC'}`);
    return {
      family,
      width,
      height,
      timescale,
      config: buf.slice(cfg.start + cfg.headerSize, cfg.start + cfg.size),
    };
  }
  throw new RangeError('mp4: no video track');
}

export interface ParsedSample {
  /** Decode time in timescale units. */
  time: number;
  duration: number;
  size: number;
  /** Offset of the sample's bytes from the start of the moof. */
  offset: number;
  key: boolean;
}

export interface ParsedFragment {
  sequence: number;
  baseTime: number;
  samples: ParsedSample[];
}

/**
 * A `moof` box (the whole box, starting at offset 0 of `moof`): its samples with their decode times
 * and their offsets from the start of the moof (default-base-is-moof, or a base data offset that
 * equals the moof's own position, as written here).
 */
export function parseMoof(moof: Uint8Array): ParsedFragment {
  const view = new DataView(moof.buffer, moof.byteOffset, moof.byteLength);
  const top = readBoxHeader(moof, 0);
  if (!top || top.type !== 'moof') throw new RangeError('mp4: not a moof box');
  if (top.size > moof.length) throw new RangeError('mp4: truncated moof');
  const inner = childBoxes(moof, top.headerSize, top.size);
  const mfhd = inner.find((b) => b.type === 'mfhd');
  const traf = inner.find((b) => b.type === 'traf');
  if (!mfhd || !traf) throw new RangeError('mp4: moof without mfhd or traf');
  const sequence = view.getUint32(mfhd.start + 12);
  const parts = childBoxes(moof, traf.start + traf.headerSize, traf.start + traf.size);
  const tfhd = parts.find((b) => b.type === 'tfhd');
  if (!tfhd) throw new RangeError('mp4: traf without tfhd');
  const tfFlags = view.getUint32(tfhd.start + 8) & 0xffffff;
  let p = tfhd.start + 16;
  if (tfFlags & 0x01) p += 8; // base data offset: taken as the moof's own start (single-track files)
  if (tfFlags & 0x02) p += 4;
  let defaultDuration = 0;
  let defaultSize = 0;
  let defaultFlags = 0;
  if (tfFlags & 0x08) {
    defaultDuration = view.getUint32(p);
    p += 4;
  }
  if (tfFlags & 0x10) {
    defaultSize = view.getUint32(p);
    p += 4;
  }
  if (tfFlags & 0x20) defaultFlags = view.getUint32(p);
  const tfdt = parts.find((b) => b.type === 'tfdt');
  let baseTime = 0;
  if (tfdt) {
    baseTime =
      moof[tfdt.start + 8] === 1
        ? view.getUint32(tfdt.start + 12) * 2 ** 32 + view.getUint32(tfdt.start + 16)
        : view.getUint32(tfdt.start + 12);
  }
  const samples: ParsedSample[] = [];
  let time = baseTime;
  for (const trun of parts.filter((b) => b.type === 'trun')) {
    const end = trun.start + trun.size;
    const flags = view.getUint32(trun.start + 8) & 0xffffff;
    const count = view.getUint32(trun.start + 12);
    let q = trun.start + 16;
    let offset = 0;
    if (flags & 0x001) {
      offset = view.getInt32(q);
      q += 4;
    }
    let firstFlags: number | undefined;
    if (flags & 0x004) {
      firstFlags = view.getUint32(q);
      q += 4;
    }
    const per =
      (flags & 0x100 ? 4 : 0) + (flags & 0x200 ? 4 : 0) + (flags & 0x400 ? 4 : 0) + (flags & 0x800 ? 4 : 0) || 0;
    if (count > 1_000_000 || q + count * per > end) throw new RangeError('mp4: trun runs past its box');
    for (let i = 0; i < count; i++) {
      const duration = flags & 0x100 ? view.getUint32(q) : defaultDuration;
      if (flags & 0x100) q += 4;
      const size = flags & 0x200 ? view.getUint32(q) : defaultSize;
      if (flags & 0x200) q += 4;
      let sFlags = i === 0 && firstFlags !== undefined ? firstFlags : defaultFlags;
      if (flags & 0x400) {
        sFlags = view.getUint32(q);
        q += 4;
      }
      if (flags & 0x800) q += 4; // composition offset: decode order = presentation order here
      samples.push({ time, duration, size, offset, key: (sFlags & 0x00010000) === 0 });
      time += duration;
      offset += size;
    }
  }
  return { sequence, baseTime, samples };
}

/** A `prft` box: the wall-clock ms (from its NTP time) of the media time it names. */
export function parsePrft(box: Uint8Array): { wallClockMs: number; mediaTime: number } {
  const view = new DataView(box.buffer, box.byteOffset, box.byteLength);
  const h = readBoxHeader(box, 0);
  if (!h || h.type !== 'prft' || h.size > box.length || h.size < 28) throw new RangeError('mp4: not a prft box');
  const version = box[8];
  const seconds = view.getUint32(16) - 2_208_988_800;
  const fraction = view.getUint32(20);
  const mediaTime = version === 1 ? view.getUint32(24) * 2 ** 32 + view.getUint32(28) : view.getUint32(24);
  return { wallClockMs: Math.round(seconds * 1000 + (fraction / 2 ** 32) * 1000), mediaTime };
}
