import type { FileHandle } from 'node:fs/promises';
import { parseMoof, parsePrft, readBoxHeader, type ParsedSample } from '@cctv/media';

/** One fragment of a segment file: where it is, its samples, and their bytes when asked for. */
export interface FragmentRead {
  /** Offset of the fragment's first box (its prft, else its moof). */
  offset: number;
  /** Offset just past its mdat: where the next fragment starts. */
  end: number;
  moofOffset: number;
  /** Sample times are in the track's timescale from the file's start. */
  samples: ParsedSample[];
  /** The prft's wall-clock ms for the first sample, when the file has one. */
  wallClockMs?: number;
  /** moof + mdat bytes (sample offsets count from its start) when read with data. */
  data?: Buffer;
}

async function readAt(fh: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, offset + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? buf : buf.subarray(0, got);
}

const MAX_MOOF = 4 * 1024 * 1024;
const MAX_FRAGMENT = 256 * 1024 * 1024;

/**
 * Reads the fragment that starts at `offset`, looking no further than `limit` (the bytes known to be
 * written). Null when the fragment is not complete before `limit` (the end of the footage, or a crash
 * cut it short); other boxes between fragments are skipped. A box that cannot be a fragment's throws.
 */
export async function readFragment(
  fh: FileHandle,
  offset: number,
  limit: number,
  withData: boolean,
): Promise<FragmentRead | null> {
  let at = offset;
  let wallClockMs: number | undefined;
  let start = offset;
  for (;;) {
    if (at + 16 > limit && at + 8 > limit) return null;
    const head = await readAt(fh, at, Math.min(16, limit - at));
    const h = readBoxHeader(head, 0);
    if (!h) return null;
    if (at + h.size > limit) return null;
    if (h.type === 'prft') {
      if (h.size > 64) throw new RangeError('mp4: prft box too large');
      const box = await readAt(fh, at, h.size);
      wallClockMs = parsePrft(box).wallClockMs;
      start = at;
      at += h.size;
      continue;
    }
    if (h.type !== 'moof') {
      // styp, sidx, free, …: not ours to read
      at += h.size;
      start = at;
      wallClockMs = undefined;
      continue;
    }
    if (h.size > MAX_MOOF) throw new RangeError(`mp4: moof of ${h.size} bytes`);
    const moofOffset = at;
    const mdatAt = at + h.size;
    if (mdatAt + 8 > limit) return null;
    const mdatHead = readBoxHeader(await readAt(fh, mdatAt, Math.min(16, limit - mdatAt)), 0);
    if (!mdatHead) return null;
    if (mdatHead.type !== 'mdat') throw new RangeError(`mp4: moof followed by "${mdatHead.type}"`);
    const end = mdatAt + mdatHead.size;
    if (end > limit) return null;
    if (end - moofOffset > MAX_FRAGMENT) throw new RangeError('mp4: fragment too large');
    const bytes = await readAt(fh, moofOffset, withData ? end - moofOffset : h.size);
    const parsed = parseMoof(bytes.subarray(0, h.size));
    for (const s of parsed.samples) {
      if (s.offset < h.size + mdatHead.headerSize || s.offset + s.size > end - moofOffset)
        throw new RangeError('mp4: a sample lies outside its mdat');
    }
    const r: FragmentRead = { offset: start, end, moofOffset, samples: parsed.samples };
    if (wallClockMs !== undefined) r.wallClockMs = wallClockMs;
    if (withData) r.data = bytes;
    return r;
  }
}
