import type { MediaServerToClient, PlaybackId, PlaybackState, PlaybackStatus } from '@cctv/protocol';
import type { AuditLog, Actor } from '../audit/auditLog';
import type { Logger } from '../log';
import { CommandFailure } from '../socket/commands';
import { FootageCursor, type FootageFrame, type FootageSource, type FootageTrack } from './footageCursor';
import type { ClockChange, PlaybackClock } from './playbackClock';
import { ukTime } from './ukTime';

/** What a session needs of the console's media socket. */
export interface PlaybackSink {
  emit<E extends 'stream:configured' | 'stream:frameArrived' | 'playback:stateChanged'>(
    event: E,
    ...args: Parameters<MediaServerToClient[E]>
  ): unknown;
}

export interface SessionDeps {
  id: PlaybackId;
  cameraId: string;
  cameraName: string;
  clock: PlaybackClock;
  source: FootageSource & { waitForFootage(cameraId: string, ms: number): Promise<void> };
  sink: PlaybackSink;
  audit: AuditLog;
  actor: Actor;
  log: Logger;
  /** Unacknowledged frames / bytes before the session waits for the console. */
  window?: { frames: number; bytes: number };
}

/** Footage further apart than this is a gap. */
const GAP_MS = 3000;
/** Behind the clock by more than this, skip to the next keyframe (the console cannot keep up). */
const MAX_BEHIND_MS = 1000;
/** At this speed and above only keyframes are sent. */
const KEYFRAMES_ONLY_FROM = 8;
/** Viewing is audited at least this often during a long playback. */
const AUDIT_EVERY_MS = 5 * 60_000;

/**
 * One playback feed: frames of one camera's recording sent on the media namespace when its clock
 * reaches them, like a live stream (same events, same decoder path in the console). Waits for the
 * console's acknowledgements rather than piling frames up; skips to keyframes when it falls behind.
 */
export class PlaybackSession {
  readonly cursor: FootageCursor;
  private clockOff: () => void;
  private gen = 0;
  private seq = 0;
  private inflight: { seq: number; bytes: number }[] = [];
  private inflightBytes = 0;
  private pending: FootageFrame | null = null;
  private lastAt: number | null = null;
  private needKey = false;
  private statusValue: PlaybackStatus = 'paused';
  private message: string | undefined;
  private wakeUp: (() => void) | null = null;
  private viewed: { from: number; to: number; since: number } | null = null;
  private closed = false;
  private readonly window: { frames: number; bytes: number };
  /** One cursor operation at a time (a seek must not interleave with the loop's read). */
  private cursorLock: Promise<unknown> = Promise.resolve();

  constructor(private readonly d: SessionDeps) {
    this.cursor = new FootageCursor(d.source, d.cameraId);
    this.clockOff = d.clock.onChange((c) => this.onClock(c));
    this.window = d.window ?? { frames: 60, bytes: 8 * 1024 * 1024 };
  }

  get id(): PlaybackId {
    return this.d.id;
  }

  get clock(): PlaybackClock {
    return this.d.clock;
  }

  get cameraId(): string {
    return this.d.cameraId;
  }

  state(): PlaybackState {
    const s: PlaybackState = {
      playbackId: this.d.id,
      cameraId: this.d.cameraId,
      status: this.statusValue,
      position: this.lastAt ?? Math.round(this.d.clock.position()),
      speed: this.d.clock.speed,
      clock: this.d.clock.id,
    };
    if (this.message) s.message = this.message;
    return s;
  }

  /**
   * Positions at `at` and returns; the frames follow once the caller has answered (the console must
   * know the playback's id before its frames arrive). Throws a CommandFailure when there is no
   * footage to show.
   */
  async open(at: number): Promise<void> {
    const gen = ++this.gen;
    const burst = await this.seekFrames(at, true);
    // The answer says where it starts (and whether a gap was skipped to get there).
    this.statusValue = this.d.clock.paused ? 'paused' : 'playing';
    this.message = burst?.note;
    setImmediate(() => {
      if (gen !== this.gen || this.closed || !burst) return;
      this.sendBurst(burst.frames, burst.track);
      void this.loop(gen);
    });
  }

  /** One frame forward: the clock pauses and moves to the next frame of this camera. */
  async stepForward(): Promise<void> {
    this.d.clock.pause();
    const next = this.pending ?? (await this.nextFrame());
    if (typeof next === 'string') {
      this.setStatus('paused', 'This is the newest footage.');
      return;
    }
    this.pending = next;
    this.d.clock.jump(next.at);
  }

  /** One frame back: the clock pauses and every playback on it shows the frame before this one's. */
  stepBack(): void {
    this.d.clock.pause();
    const shown = this.lastAt ?? this.d.clock.position();
    this.d.clock.seek(shown - 1);
  }

  /** Leaves a shared clock for a clock of its own (same position, speed, pause). */
  moveTo(clock: PlaybackClock): void {
    this.clockOff();
    this.d.clock = clock;
    this.clockOff = clock.onChange((c) => this.onClock(c));
    this.wake();
  }

  acknowledge(seq: number): void {
    let n = 0;
    while (n < this.inflight.length && this.inflight[n]!.seq <= seq) {
      this.inflightBytes -= this.inflight[n]!.bytes;
      n++;
    }
    if (n > 0) {
      this.inflight.splice(0, n);
      this.wake();
    }
  }

  async close(reason?: string): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.gen++;
    this.clockOff();
    this.flushViewed();
    this.wake();
    if (reason) {
      this.statusValue = 'ended';
      this.message = reason;
      this.d.sink.emit('playback:stateChanged', this.state());
    }
    await this.withCursor(() => this.cursor.close());
  }

  // ---------------------------------------------------------------------------------------------

  private onClock(change: ClockChange): void {
    if (this.closed) return;
    if (change === 'seek') {
      const gen = ++this.gen;
      this.wake();
      void this.seekFrames(this.d.clock.position(), false)
        .then((burst) => {
          if (gen !== this.gen || this.closed) return;
          if (burst) {
            this.sendBurst(burst.frames, burst.track);
            this.setStatus(this.d.clock.paused ? 'paused' : 'playing', burst.note);
          }
          void this.loop(gen);
        })
        .catch((e: unknown) => this.fail(e));
      return;
    }
    if (change === 'pause') this.setStatus('paused', undefined);
    if (change === 'play') this.setStatus('playing', undefined);
    if (change === 'speed') this.publish();
    this.wake();
  }

  /**
   * Seeks the cursor; null (with the status saying why) when this camera has nothing at that time
   * and the clock is shared; a CommandFailure when the seek was asked for this playback alone.
   */
  private async seekFrames(
    at: number,
    strict: boolean,
  ): Promise<{ frames: FootageFrame[]; track: FootageTrack; note: string | undefined } | null> {
    this.flushViewed();
    this.pending = null;
    this.needKey = false;
    const r = await this.withCursor(() => this.cursor.seek(at));
    if (!r.ok) {
      const message =
        r.reason === 'no-footage'
          ? `${this.d.cameraName} has no recorded footage.`
          : r.reason === 'before-oldest'
            ? `The oldest footage of ${this.d.cameraName} is from ${ukTime(r.oldest!)}.`
            : at > Date.now()
              ? `${ukTime(at)} is in the future.`
              : `${this.d.cameraName} has no footage after ${ukTime(r.newest ?? at)} yet.`;
      if (strict) throw new CommandFailure('NOT_FOUND', message, 'at');
      this.lastAt = null;
      this.setStatus('waiting', message);
      return null;
    }
    let note: string | undefined;
    const last = r.frames[r.frames.length - 1]!;
    if (r.skippedGap) {
      note = `No recording from ${ukTime(r.skippedGap.from)} to ${ukTime(r.skippedGap.to)}.`;
      // Alone on its clock, a playback moves its clock to the footage; on a shared clock it waits.
      if (this.d.clock.members === 1) this.d.clock.jump(last.at);
    }
    return { frames: r.frames, track: r.track, note };
  }

  private sendBurst(frames: FootageFrame[], track: FootageTrack): void {
    this.sendConfig(track);
    frames.forEach((f, i) => this.send(f, i < frames.length - 1));
  }

  private sendConfig(track: FootageTrack): void {
    this.d.sink.emit('stream:configured', {
      streamId: this.d.id,
      codec: track.codec,
      width: track.width,
      height: track.height,
      description: track.record,
    });
  }

  private send(f: FootageFrame, decodeOnly: boolean): void {
    const seq = this.seq++;
    this.inflight.push({ seq, bytes: f.data.length });
    this.inflightBytes += f.data.length;
    this.d.sink.emit('stream:frameArrived', {
      streamId: this.d.id,
      seq,
      pts: f.at,
      key: f.key,
      data: f.data,
      ...(decodeOnly ? { decodeOnly: true } : {}),
    });
    if (!decodeOnly) {
      this.lastAt = f.at;
      const v = this.viewed;
      if (v) {
        v.from = Math.min(v.from, f.at);
        v.to = Math.max(v.to, f.at);
        if (Date.now() - v.since > AUDIT_EVERY_MS) this.flushViewed();
      } else this.viewed = { from: f.at, to: f.at, since: Date.now() };
    }
  }

  private withCursor<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.cursorLock.then(fn, fn);
    this.cursorLock = run.catch(() => undefined);
    return run;
  }

  /** The cursor's next frame, unless a seek came first (then 'wait': the loop that asked is over). */
  private async nextFrame(gen = this.gen): Promise<FootageFrame | 'wait' | 'end'> {
    try {
      return await this.withCursor(() => (gen === this.gen ? this.cursor.next() : Promise.resolve('wait' as const)));
    } catch (e) {
      this.d.log.warn({ camera: this.d.cameraId, err: (e as Error).message }, 'playback could not read footage');
      return 'end';
    }
  }

  private async loop(gen: number): Promise<void> {
    const clock = () => this.d.clock;
    while (gen === this.gen && !this.closed) {
      const next = this.pending ?? (await this.nextFrame(gen));
      if (gen !== this.gen || this.closed) return;
      this.pending = typeof next === 'string' ? null : next;
      if (next === 'wait' || next === 'end') {
        if (!clock().paused)
          this.setStatus(
            'waiting',
            next === 'wait'
              ? 'Showing the newest footage; more follows as it is recorded.'
              : 'There is no more footage.',
          );
        if (next === 'wait')
          await Promise.race([this.d.source.waitForFootage(this.d.cameraId, 1000), this.sleep(1000)]);
        else await this.sleep(1000);
        continue;
      }
      const track = this.cursor.takeTrackChange();
      if (track) {
        this.sendConfig(track);
        this.needKey = !next.key;
      }
      if (clock().speed >= KEYFRAMES_ONLY_FROM && !next.key) {
        this.pending = null;
        await this.withCursor(() => this.cursor.skipToKeyframeAfter(next.at));
        continue;
      }
      // A gap: alone on its clock, jump over it; on a shared clock, wait for the clock to get there.
      if (this.lastAt !== null && next.at - this.lastAt > GAP_MS && clock().position() < next.at) {
        if (clock().members === 1) {
          this.message = `No recording from ${ukTime(this.lastAt)} to ${ukTime(next.at)}; skipped.`;
          clock().jump(next.at);
          this.publish();
        } else if (this.statusValue !== 'waiting') {
          this.setStatus('waiting', `No recording here until ${ukTime(next.at)}.`);
        }
      }
      const wait = clock().msUntil(next.at);
      if (wait > 0) {
        if (clock().paused) this.setStatus('paused', this.message);
        await this.sleep(wait === Infinity ? 60_000 : Math.min(wait, 60_000));
        continue;
      }
      if (this.statusValue !== (clock().paused ? 'paused' : 'playing'))
        this.setStatus(clock().paused ? 'paused' : 'playing', undefined);
      // Behind the clock (the console or the disk cannot keep up): skip to the next keyframe.
      if (!next.key && (this.needKey || clock().position() - next.at > MAX_BEHIND_MS)) {
        this.needKey = true;
        this.pending = null;
        continue;
      }
      if (this.inflight.length >= this.window.frames || this.inflightBytes + next.data.length > this.window.bytes) {
        // Wait for the console to take what it has; it acknowledges as it decodes.
        await this.sleep(250);
        continue;
      }
      this.needKey = false;
      this.pending = null;
      this.send(next, false);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      const prev = this.wakeUp;
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wakeUp = () => {
        prev?.();
        done();
      };
    });
  }

  private wake(): void {
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  private setStatus(status: PlaybackStatus, message: string | undefined): void {
    if (status === this.statusValue && message === this.message) return;
    this.statusValue = status;
    this.message = message;
    this.publish();
  }

  private publish(): void {
    if (!this.closed) this.d.sink.emit('playback:stateChanged', this.state());
  }

  private fail(e: unknown): void {
    this.d.log.warn({ camera: this.d.cameraId, err: (e as Error).message }, 'playback failed');
    this.setStatus('waiting', `The footage could not be read: ${(e as Error).message}`);
  }

  /** Who watched which camera's footage, for which period (one entry per stretch watched). */
  private flushViewed(): void {
    const v = this.viewed;
    this.viewed = null;
    if (!v) return;
    this.d.audit.append(this.d.actor, 'playback.viewed', {
      cameraId: this.d.cameraId,
      target: this.d.id,
      details: { from: v.from, to: v.to },
    });
  }
}
