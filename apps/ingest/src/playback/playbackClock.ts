import type { PlaybackSpeed } from '@cctv/protocol';

export type ClockChange = 'seek' | 'speed' | 'pause' | 'play' | 'jump';

/**
 * The time a playback shows: footage time that runs at `speed` while playing. Playbacks that share a
 * clock (a locked wall) stay within a frame of each other because each sends a frame only when the
 * one clock has reached it. Pure apart from `now`.
 */
export class PlaybackClock {
  private anchorReal: number;
  private anchorPos: number;
  speed: PlaybackSpeed;
  paused: boolean;
  private readonly listeners = new Set<(change: ClockChange) => void>();

  constructor(
    readonly id: string,
    position: number,
    speed: PlaybackSpeed,
    paused: boolean,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.anchorReal = now();
    this.anchorPos = position;
    this.speed = speed;
    this.paused = paused;
  }

  /** Footage time now (UTC ms). */
  position(): number {
    return this.paused ? this.anchorPos : this.anchorPos + (this.now() - this.anchorReal) * this.speed;
  }

  /** Real ms until the clock reaches footage time `t` (0 when it has; Infinity while paused). */
  msUntil(t: number): number {
    const ahead = t - this.position();
    if (ahead <= 0) return 0;
    return this.paused ? Infinity : ahead / this.speed;
  }

  seek(t: number): void {
    this.reanchor(t);
    this.notify('seek');
  }

  /** Moves the clock without a seek (a gap skipped by a playback that is alone on its clock). */
  jump(t: number): void {
    this.reanchor(t);
    this.notify('jump');
  }

  setSpeed(speed: PlaybackSpeed): void {
    this.reanchor(this.position());
    this.speed = speed;
    this.notify('speed');
  }

  pause(): void {
    if (this.paused) return;
    this.reanchor(this.position());
    this.paused = true;
    this.notify('pause');
  }

  play(): void {
    if (!this.paused) return;
    this.reanchor(this.anchorPos);
    this.paused = false;
    this.notify('play');
  }

  onChange(listener: (change: ClockChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get members(): number {
    return this.listeners.size;
  }

  private reanchor(position: number): void {
    this.anchorPos = position;
    this.anchorReal = this.now();
  }

  private notify(change: ClockChange): void {
    for (const l of [...this.listeners]) l(change);
  }
}
