import type { RecordedSpan } from '@cctv/protocol';

/**
 * The missing stretches of footage in [from, to]: between spans, and after the last one. Time before
 * a camera's first footage is not a gap (a camera added an hour ago has an hour of footage, not 23
 * hours missing).
 */
export function gapsIn(
  spans: readonly RecordedSpan[],
  from: number,
  to: number,
  oldest: number | null,
): RecordedSpan[] {
  const out: RecordedSpan[] = [];
  let cursor = Math.max(from, oldest ?? to);
  for (const s of spans) {
    if (s.to <= cursor) continue;
    if (s.from > cursor) out.push({ from: cursor, to: Math.min(s.from, to) });
    cursor = Math.max(cursor, s.to);
    if (cursor >= to) break;
  }
  if (cursor < to) out.push({ from: cursor, to });
  return out.filter((g) => g.to > g.from);
}

export function sumGaps(gaps: readonly RecordedSpan[]): { count: number; ms: number } {
  return { count: gaps.length, ms: gaps.reduce((n, g) => n + (g.to - g.from), 0) };
}
