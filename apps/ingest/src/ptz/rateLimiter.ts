/**
 * At most `limit` events per key in any sliding window of `windowMs`. Pure: the caller passes the
 * time. Keys without a recent event are swept, so memory follows the active keys only.
 */
export class RateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts the event and answers true, or answers false (and counts nothing) when over the limit. */
  take(key: string, now: number): boolean {
    const times = (this.recent.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length >= this.limit) {
      this.recent.set(key, times);
      return false;
    }
    times.push(now);
    this.recent.set(key, times);
    return true;
  }

  sweep(now: number): void {
    for (const [key, times] of this.recent) {
      if (times.every((t) => now - t >= this.windowMs)) this.recent.delete(key);
    }
  }

  get size(): number {
    return this.recent.size;
  }
}
