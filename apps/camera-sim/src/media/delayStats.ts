/** A rolling window of delay samples (ms), summarised as percentiles for logs and benchmarks. */
export interface DelaySummary {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export class DelayStats {
  private readonly samples: number[] = [];
  private next = 0;

  constructor(private readonly window = 1000) {}

  add(ms: number): void {
    if (this.samples.length < this.window) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.window;
  }

  summary(): DelaySummary {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0 };
  }
}
