/**
 * A drift-free frame clock: frame n is due at start + n * period, so timer lateness never
 * accumulates. When the process falls more than a few frames behind (a long GC pause, a busy
 * machine) it skips ahead instead of bursting the missed frames, as a camera sensor would.
 */
import { performance } from 'node:perf_hooks';

export type FrameCallback = (index: number) => void;

export class FramePacer {
  private timer: NodeJS.Timeout | undefined;
  private start = 0;
  private index = 0;
  skipped = 0;

  /** `speed` > 1 runs faster than real time (used to pre-encode the loop clip). */
  constructor(
    private readonly fps: number,
    private readonly onFrame: FrameCallback,
    private readonly speed = 1,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  begin(): void {
    if (this.timer) return;
    this.start = performance.now();
    this.index = 0;
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private get period(): number {
    return 1000 / this.fps / this.speed;
  }

  private schedule(): void {
    const due = this.start + this.index * this.period;
    this.timer = setTimeout(() => this.tick(), Math.max(0, due - performance.now()));
  }

  private tick(): void {
    const behind = Math.floor((performance.now() - this.start) / this.period) - this.index;
    if (behind > 3) {
      this.skipped += behind;
      this.index += behind;
    }
    this.onFrame(this.index);
    this.index++;
    if (this.timer) this.schedule();
  }
}
