/** Counts events and bytes over a sliding one-second window, for fps and bitrate figures. */
export class RateMeter {
  private readonly buckets: { at: number; count: number; bytes: number }[] = [];

  constructor(
    private readonly windowMs = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  add(bytes: number): void {
    const t = this.now();
    const sec = Math.floor(t / 250) * 250;
    const last = this.buckets[this.buckets.length - 1];
    if (last && last.at === sec) {
      last.count++;
      last.bytes += bytes;
    } else {
      this.buckets.push({ at: sec, count: 1, bytes });
    }
    this.trim(t);
  }

  /** Events per second and kilobits per second over the window. */
  read(): { perSecond: number; kbps: number } {
    this.trim(this.now());
    let count = 0;
    let bytes = 0;
    for (const b of this.buckets) {
      count += b.count;
      bytes += b.bytes;
    }
    const seconds = this.windowMs / 1000;
    return { perSecond: Math.round((count / seconds) * 10) / 10, kbps: Math.round((bytes * 8) / 1000 / seconds) };
  }

  private trim(t: number): void {
    while (this.buckets.length > 0 && this.buckets[0]!.at <= t - this.windowMs) this.buckets.shift();
  }
}
