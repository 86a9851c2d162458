/**
 * A segment's keyframe positions, packed for the index: per keyframe, the ms since the previous one
 * and the bytes since the previous one, as unsigned LEB128 varints (a 5-minute segment with a
 * keyframe every 2 s packs into well under 1 KB).
 */
import type { KeyframeEntry } from './segmentBuilder';

export function packKeyframes(entries: readonly KeyframeEntry[]): Uint8Array {
  const out: number[] = [];
  const put = (n: number) => {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`keyframe index: ${n} cannot be packed`);
    while (n >= 0x80) {
      out.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    out.push(n);
  };
  let t = 0;
  let offset = 0;
  for (const e of entries) {
    put(e.t - t);
    put(e.offset - offset);
    t = e.t;
    offset = e.offset;
  }
  return Uint8Array.from(out);
}

export function unpackKeyframes(bytes: Uint8Array): KeyframeEntry[] {
  const out: KeyframeEntry[] = [];
  let i = 0;
  const get = (): number => {
    let n = 0;
    let scale = 1;
    for (;;) {
      if (i >= bytes.length) throw new RangeError('keyframe index: truncated');
      const b = bytes[i++]!;
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
      if (scale > 2 ** 49) throw new RangeError('keyframe index: varint too long');
    }
  };
  let t = 0;
  let offset = 0;
  while (i < bytes.length) {
    t += get();
    offset += get();
    out.push({ t, offset });
  }
  return out;
}

/** The last keyframe at or before `t` ms into the segment (the first one when `t` is before it). */
export function keyframeAtOrBefore(entries: readonly KeyframeEntry[], t: number): KeyframeEntry | undefined {
  let lo = 0;
  let hi = entries.length - 1;
  let found: KeyframeEntry | undefined = entries[0];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.t <= t) {
      found = entries[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
