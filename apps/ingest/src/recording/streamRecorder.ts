import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordingSettings, RecordingState } from '@cctv/protocol';
import type { Logger } from '../log';
import type { Frame } from '../streams/gopCache';
import type { NativeConfig, StreamSource } from '../streams/streamSource';
import { FrameClock } from './frameClock';
import { segmentPath } from './paths';
import type { RecordingRepository } from './recordingRepository';
import {
  SegmentBuilder,
  type KeyframeEntry,
  type SegmentAction,
  type SegmentPolicy,
  type TimedFrame,
} from './segmentBuilder';
import { SegmentFile } from './segmentFile';

/** The segment being written, as playback and the timeline see it before the index is closed. */
export interface OpenSegment {
  id: number;
  cameraId: string;
  file: string;
  startMs: number;
  /** End of the last fragment on disk. */
  endMs: number;
  /** Bytes on disk: a reader may read up to here. */
  bytes: number;
  frames: number;
  keyframes: KeyframeEntry[];
  config: NativeConfig;
}

export interface RecorderHooks {
  /** A write failed (full disk, failing disk): the storage manager frees space; an alarm is raised. */
  writeFailed(cameraId: string, error: NodeJS.ErrnoException): void;
  /** Writes work again after a failure. */
  writeRecovered(cameraId: string): void;
  stateChanged(cameraId: string): void;
  /** A fragment reached the disk (playback waiting at the newest footage may go on). */
  appended(cameraId: string): void;
}

export interface RecorderOptions {
  cameraId: string;
  profile: string;
  source: StreamSource;
  repo: RecordingRepository;
  /** The recordings folder. */
  dir: string;
  policy: SegmentPolicy;
  settings: RecordingSettings;
  hooks: RecorderHooks;
  log: Logger;
  /** Make footage durable (fdatasync) at least this often, besides at each segment's end. */
  syncEveryMs?: number;
  /** Bytes queued for the disk above which new fragments are dropped (a stalled disk). */
  maxQueuedBytes?: number;
}

interface Writing {
  meta: OpenSegment;
  file: SegmentFile | null;
  failed: boolean;
  lastSync: number;
}

/**
 * Records one camera stream: the camera's own frames (no re-encoding), timed by a FrameClock, cut
 * into segments by a SegmentBuilder, written in order by one queue, indexed as they close. In alarm
 * mode it keeps the last `preS` seconds (from a keyframe) in memory and writes only around alarms.
 * A failed write ends the segment where the disk still holds whole fragments; the next keyframe
 * starts a new one. Live viewers never wait for it: it only listens to the source.
 */
export class StreamRecorder {
  private readonly clock = new FrameClock();
  private readonly builder: SegmentBuilder;
  private writing: Writing | null = null;
  /** Segments whose file is written or closing but whose index row is not final yet. */
  private readonly unsettled = new Map<number, Writing>();
  private queue: Promise<void> = Promise.resolve();
  private queuedBytes = 0;
  private settings: RecordingSettings;
  private triggeredUntil = 0;
  private preroll: TimedFrame[] = [];
  private timer: NodeJS.Timeout | null = null;
  private failing: string | null = null;
  private stateValue: RecordingState = 'no-video';
  private stateSince = Date.now();
  private stopped = false;
  private readonly detach: () => void;
  droppedFragments = 0;

  constructor(private readonly o: RecorderOptions) {
    this.settings = o.settings;
    this.builder = new SegmentBuilder(o.policy);
    const onConfig = (c: NativeConfig) => this.apply(this.builder.configure(c));
    const onFrame = (f: Frame) => this.onFrame(f);
    const onState = () => this.refreshState();
    o.source.on('nativeConfigured', onConfig);
    o.source.on('nativeFrame', onFrame);
    o.source.on('state', onState);
    this.detach = () => {
      o.source.off('nativeConfigured', onConfig);
      o.source.off('nativeFrame', onFrame);
      o.source.off('state', onState);
    };
    const current = o.source.nativeConfig();
    if (current) this.apply(this.builder.configure(current));
    this.timer = setInterval(() => this.tick(), 250);
    this.timer.unref();
    this.refreshState();
  }

  get cameraId(): string {
    return this.o.cameraId;
  }

  state(): { state: RecordingState; message?: string; since: number } {
    const message =
      this.stateValue === 'failing'
        ? (this.failing ?? undefined)
        : this.stateValue === 'no-video'
          ? (this.o.source.status().message ?? 'The camera is not sending video.')
          : undefined;
    return message
      ? { state: this.stateValue, message, since: this.stateSince }
      : { state: this.stateValue, since: this.stateSince };
  }

  /** The segment being written, if any (what is on disk of it). */
  openSegment(): OpenSegment | null {
    return this.writing && !this.writing.failed ? this.writing.meta : null;
  }

  /**
   * A segment of this camera whose index row is not final yet: being written (`writing`), or ended
   * and closing. Readers take its size from here until the index has it.
   */
  unsettledSegment(id: number): { meta: OpenSegment; writing: boolean } | null {
    const w = this.unsettled.get(id);
    if (!w) return null;
    return { meta: w.meta, writing: w === this.writing && !w.failed };
  }

  configure(settings: RecordingSettings): void {
    const was = this.settings.mode;
    this.settings = settings;
    if (settings.mode !== was) {
      this.preroll = [];
      if (settings.mode !== 'continuous') this.apply(this.builder.close('stop'));
    }
    this.refreshState();
  }

  /** An alarm on this camera began (until: null) or ended (until: when it ended). */
  alarm(active: boolean, at: number): void {
    if (this.settings.mode !== 'alarm') return;
    const post = this.settings.postS * 1000;
    if (active) {
      this.triggeredUntil = Infinity;
      // What was kept from before the alarm goes to disk first, in order.
      const buffered = this.preroll;
      this.preroll = [];
      for (const f of buffered) this.apply(this.builder.frame(f));
    } else {
      this.triggeredUntil = at + post;
    }
    this.refreshState();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.detach();
    this.apply(this.builder.close('stop'));
    await this.queue;
  }

  private get recordingNow(): boolean {
    if (this.settings.mode === 'continuous') return true;
    if (this.settings.mode === 'off') return false;
    return Date.now() <= this.triggeredUntil;
  }

  private onFrame(f: Frame): void {
    if (this.stopped || this.settings.mode === 'off') return;
    const stamp = this.clock.stamp(f.at, f.pts);
    const timed: TimedFrame = { at: stamp.at, key: f.key, data: f.data, discontinuity: stamp.discontinuity };
    if (this.recordingNow) {
      this.apply(this.builder.frame(timed));
    } else {
      this.keepPreroll(timed);
    }
    if (this.stateValue === 'no-video') this.refreshState();
  }

  /** Alarm mode: keep at least preS seconds, starting at a keyframe. */
  private keepPreroll(f: TimedFrame): void {
    if (f.discontinuity) this.preroll = [];
    if (this.preroll.length === 0 && !f.key) return;
    this.preroll.push(f);
    const keep = f.at - this.settings.preS * 1000;
    let cut = 0;
    for (let i = 0; i < this.preroll.length; i++) {
      if (this.preroll[i]!.key && this.preroll[i]!.at <= keep) cut = i;
    }
    if (cut > 0) this.preroll = this.preroll.slice(cut);
    // bounded whatever the camera sends: ten minutes of frames at most
    if (this.preroll.length > 15_000) this.preroll = [];
  }

  private tick(): void {
    if (this.stopped) return;
    if (this.settings.mode === 'alarm' && this.builder.isOpen && !this.recordingNow) {
      this.apply(this.builder.close('stop'));
    }
    this.apply(this.builder.tick(Date.now()));
    this.refreshState();
  }

  private apply(actions: SegmentAction[]): void {
    for (const a of actions) {
      if (a.type === 'open') this.open(a);
      else if (a.type === 'append') this.append(a);
      else this.close(a.endMs);
    }
  }

  private open(a: Extract<SegmentAction, { type: 'open' }>): void {
    const file = segmentPath(this.o.cameraId, this.o.profile, a.startMs);
    let id: number;
    try {
      id = this.o.repo.openSegment({
        cameraId: this.o.cameraId,
        profile: this.o.profile,
        startMs: a.startMs,
        file,
        codec: a.config.codec,
        width: a.config.width,
        height: a.config.height,
        config: a.config.record,
      });
    } catch (e) {
      this.o.log.error({ camera: this.o.cameraId, err: (e as Error).message }, 'cannot index a new segment');
      this.fail(e as NodeJS.ErrnoException);
      this.builder.close('stop');
      return;
    }
    const w: Writing = {
      meta: {
        id,
        cameraId: this.o.cameraId,
        file,
        startMs: a.startMs,
        endMs: a.startMs,
        bytes: 0,
        frames: 0,
        keyframes: [],
        config: a.config as NativeConfig,
      },
      file: null,
      failed: false,
      lastSync: Date.now(),
    };
    this.writing = w;
    this.unsettled.set(id, w);
    this.enqueue(
      a.init.length,
      async () => {
        w.file = await SegmentFile.create(join(this.o.dir, file));
        await w.file.append([a.init]);
        w.meta.bytes = w.file.written;
      },
      w,
    );
    this.refreshState();
  }

  private append(a: Extract<SegmentAction, { type: 'append' }>): void {
    const w = this.writing;
    if (!w || w.failed) return;
    if (this.queuedBytes + a.bytes > (this.o.maxQueuedBytes ?? 64 * 1024 * 1024)) {
      // The disk is not keeping up: end the segment here rather than hold memory without bound.
      this.droppedFragments++;
      this.fail(
        Object.assign(new Error('The recordings disk is not keeping up; footage is being dropped.'), { code: 'EBUSY' }),
      );
      w.failed = true;
      if (this.writing === w) this.writing = null;
      this.closeWriting(w);
      this.builder.close('stop');
      return;
    }
    this.enqueue(
      a.bytes,
      async () => {
        if (!w.file) return;
        await w.file.append(a.chunks);
        const m = w.meta;
        if (a.key) m.keyframes.push({ t: a.startMs - m.startMs, offset: a.offset });
        m.bytes = w.file.written;
        m.endMs = a.endMs;
        m.frames += a.frames;
        if (Date.now() - w.lastSync >= (this.o.syncEveryMs ?? 10_000)) {
          w.lastSync = Date.now();
          await w.file.sync();
        }
        if (this.failing) {
          this.failing = null;
          this.o.hooks.writeRecovered(this.o.cameraId);
        }
        this.o.hooks.appended(this.o.cameraId);
      },
      w,
    );
  }

  private close(endMs: number): void {
    const w = this.writing;
    if (!w) return;
    this.writing = null;
    void endMs; // the index keeps the end of what reached the disk (meta.endMs), not of what was built
    this.closeWriting(w);
    this.refreshState();
  }

  /** Closes the file and the index row once everything queued for it is written. */
  private closeWriting(w: Writing): void {
    this.queue = this.queue.then(async () => {
      try {
        await w.file?.close();
      } catch (e) {
        this.o.log.warn({ camera: this.o.cameraId, err: (e as Error).message }, 'closing a segment file failed');
      }
      try {
        if (w.meta.frames === 0) {
          // Nothing but the header reached the disk: no footage, no row (the file goes with it).
          this.o.repo.removeSegment(w.meta.id);
          if (w.file) await rm(w.file.path, { force: true });
        } else {
          this.o.repo.closeSegment(w.meta.id, {
            endMs: w.meta.endMs,
            bytes: w.meta.bytes,
            frames: w.meta.frames,
            keyframes: w.meta.keyframes,
          });
        }
      } catch (e) {
        this.o.log.error({ camera: this.o.cameraId, err: (e as Error).message }, 'cannot close a segment in the index');
      }
      this.unsettled.delete(w.meta.id);
    });
  }

  private enqueue(bytes: number, job: () => Promise<void>, w: Writing): void {
    this.queuedBytes += bytes;
    this.queue = this.queue.then(async () => {
      try {
        if (!w.failed) await job();
      } catch (e) {
        if (!w.failed) {
          w.failed = true;
          this.fail(e as NodeJS.ErrnoException);
          // End the segment where the disk holds whole fragments; the next keyframe starts another.
          if (this.writing === w) {
            this.writing = null;
            this.builder.close('stop');
          }
          this.closeWriting(w);
        }
      } finally {
        this.queuedBytes -= bytes;
      }
    });
  }

  private fail(e: NodeJS.ErrnoException): void {
    const message =
      e.code === 'ENOSPC'
        ? 'The recordings disk is full: footage is being lost while space is freed.'
        : e.code === 'EACCES' || e.code === 'EPERM'
          ? 'The service may not write to the recordings folder.'
          : e.code === 'EROFS'
            ? 'The recordings disk is read-only.'
            : e.code === 'EBUSY'
              ? e.message
              : `Footage could not be written (${e.code ?? e.message}).`;
    const first = this.failing === null;
    this.failing = message;
    if (first) this.o.log.error({ camera: this.o.cameraId, code: e.code, err: e.message }, 'recording write failed');
    this.o.hooks.writeFailed(this.o.cameraId, e);
    this.refreshState();
  }

  private refreshState(): void {
    let next: RecordingState;
    const live = this.o.source.status().state;
    if (this.settings.mode === 'off') next = 'off';
    else if (this.failing) next = 'failing';
    else if (live !== 'live') next = 'no-video';
    else if (!this.recordingNow) next = 'waiting';
    else next = 'recording';
    if (next === this.stateValue) return;
    this.stateValue = next;
    this.stateSince = Date.now();
    this.o.hooks.stateChanged(this.o.cameraId);
  }
}
