/** Spread of a set of samples: every figure the benchmark reports carries one of these. */
export interface Spread {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of sorted values. */
function rank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function spread(values: readonly number[]): Spread {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : x);
  const mean = v.length ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN;
  return {
    n: v.length,
    min: round(v[0] ?? Number.NaN),
    p50: round(rank(v, 50)),
    p95: round(rank(v, 95)),
    p99: round(rank(v, 99)),
    max: round(v.at(-1) ?? Number.NaN),
    mean: round(mean),
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` gives a value, or throws after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => T | undefined | false | null | Promise<T | undefined | false | null>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false && v !== null) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    await sleep(intervalMs);
  }
}
