/**
 * Gives each frame a wall-clock time (UTC ms) from when it arrived, steadied by the camera's own media
 * clock: `time = pts + offset`, where offset is the smallest `arrival − pts` seen over the last few
 * seconds (the frame that crossed the network fastest). Network jitter then moves no frame, and the
 * times keep the camera's frame spacing. A camera that restarts its timestamps, or jumps them, is a
 * discontinuity: the clock starts again from that frame's arrival and says so.
 */
export interface ClockPolicy {
  /** How long the smallest offset is remembered (ms). */
  windowMs: number;
  /** A media time going back by more than this (ms) is a restart of the camera's clock. */
  maxBackwardMs: number;
  /** A frame whose steadied time is further than this from its arrival (ms) is a discontinuity. */
  maxSkewMs: number;
}

export const defaultClockPolicy: ClockPolicy = { windowMs: 10_000, maxBackwardMs: 1, maxSkewMs: 2000 };

export interface Stamp {
  /** Wall-clock ms (UTC) for the frame. */
  at: number;
  /** The camera's clock jumped or restarted: this frame starts a new timeline. */
  discontinuity: boolean;
}

export class FrameClock {
  /** Increasing offsets with the arrival they were seen at: the front is the window's minimum. */
  private window: { arrival: number; offset: number }[] = [];
  private lastPts: number | null = null;
  private lastAt: number | null = null;

  constructor(private readonly p: ClockPolicy = defaultClockPolicy) {}

  /** Forgets the past (a new pull): the next frame starts a new timeline. */
  reset(): void {
    this.window = [];
    this.lastPts = null;
    this.lastAt = null;
  }

  stamp(arrival: number, pts: number): Stamp {
    let discontinuity = this.lastPts === null;
    if (this.lastPts !== null && pts < this.lastPts - this.p.maxBackwardMs) discontinuity = true;
    const offset = arrival - pts;
    if (!discontinuity && this.window.length > 0) {
      const predicted = pts + this.window[0]!.offset;
      if (Math.abs(arrival - predicted) > this.p.maxSkewMs) discontinuity = true;
    }
    if (discontinuity) this.window = [];
    this.window = this.window.filter((e) => e.arrival > arrival - this.p.windowMs && e.offset < offset);
    this.window.push({ arrival, offset });
    let at = pts + this.window[0]!.offset;
    // Never backwards, never two frames at one time (a smaller offset found later would do that).
    if (!discontinuity && this.lastAt !== null && at <= this.lastAt) at = this.lastAt + 1;
    this.lastPts = pts;
    this.lastAt = at;
    return { at, discontinuity };
  }
}
