import { mkdir, rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import {
  streamIdOf,
  type Alarm,
  type CameraRecordingStatus,
  type Hold,
  type HoldQuery,
  type PlaceHoldRequest,
  type RecordingSettings,
  type StorageStatus,
  type Timeline,
  type TimelineQuery,
} from '@cctv/protocol';
import type { AlarmService } from '../alarms/alarmService';
import { SYSTEM, type AuditLog } from '../audit/auditLog';
import type { Logger } from '../log';
import type { IncidentRepository } from '../records/incidents';
import { CommandFailure } from '../socket/commands';
import type { SocketData } from '../socket/socketData';
import type { Db } from '../store/db';
import type { StreamSupervisor } from '../streams/supervisor';
import { gapsIn, sumGaps } from './gaps';
import { RecordingRepository, type Deletable } from './recordingRepository';
import { Repairer, type RepairReport } from './repair';
import { defaultSegmentPolicy, type SegmentPolicy } from './segmentBuilder';
import { bytesToFree, defaultLimits, type StorageLimits } from './storagePolicy';
import { DIR_MODE } from './segmentFile';
import { StreamRecorder, type OpenSegment } from './streamRecorder';

export interface RecordingOptions {
  /** The recordings folder. */
  dir: string;
  limits?: Partial<StorageLimits>;
  segment?: Partial<SegmentPolicy>;
  /** Which profile is recorded (the camera's main stream by default). */
  profile?: 'main' | 'sub';
  /** How often retention and the disk budget are enforced (ms). */
  sweepEveryMs?: number;
  syncEveryMs?: number;
}

const DAY_MS = 86_400_000;

/**
 * The recorder module: one StreamRecorder per camera (the camera's main stream, from the pull the live
 * wall already has), start-up repair, retention and the disk budget, holds, and the figures and
 * timelines the consoles ask for.
 */
export class RecordingService {
  readonly repo: RecordingRepository;
  readonly dir: string;
  readonly profile: 'main' | 'sub';
  readonly limits: StorageLimits;
  readonly policy: SegmentPolicy;
  private readonly recorders = new Map<string, StreamRecorder>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private queuedSweep: Promise<void> | null = null;
  private fullSince: number | null = null;
  private fullMessage: string | null = null;
  private statusCache: { at: number; value: CameraRecordingStatus[] } | null = null;
  private readonly appendWaiters = new Map<string, Set<() => void>>();
  private stopped = false;
  lastRepair: RepairReport | null = null;
  /** Consoles hear of state changes here (wired by app.ts). */
  onStateChanged: (s: CameraRecordingStatus) => void = () => undefined;

  constructor(
    db: Db,
    private readonly supervisor: StreamSupervisor,
    private readonly audit: AuditLog,
    private readonly alarms: AlarmService,
    private readonly incidents: IncidentRepository,
    private readonly log: Logger,
    private readonly o: RecordingOptions,
  ) {
    this.repo = new RecordingRepository(db);
    this.dir = o.dir;
    this.profile = o.profile ?? 'main';
    this.limits = { ...defaultLimits, ...o.limits };
    this.policy = { ...defaultSegmentPolicy, ...o.segment };
  }

  /** Repairs what a crash left, then starts recording every camera. */
  async start(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: DIR_MODE });
    const repairer = new Repairer(this.dir, this.repo, this.log, (what, details) =>
      this.audit.append(SYSTEM, 'recording.repaired', {
        cameraId: typeof details.cameraId === 'string' ? details.cameraId : undefined,
        details: { what, ...details },
      }),
    );
    this.lastRepair = await repairer.quick();
    this.log.info({ ...this.lastRepair }, 'recordings checked');
    for (const cam of this.supervisor.cameras()) this.startCamera(cam.id);
    this.supervisor.on('cameraAdded', (id) => this.startCamera(id));
    this.supervisor.on('cameraRemoving', (id) => void this.stopCamera(id));
    this.sweepTimer = setInterval(() => void this.sweep('schedule'), this.o.sweepEveryMs ?? 60_000);
    this.sweepTimer.unref();
    void this.sweep('start');
    // Everything else (every folder against every row) in the background, once things have settled.
    const later = setTimeout(() => {
      if (this.stopped) return;
      void repairer
        .reconcileAll()
        .then((r) => this.log.info({ ...r }, 'recordings reconciled with the index'))
        .catch((e: unknown) => this.log.warn({ err: (e as Error).message }, 'reconciling recordings failed'));
    }, 30_000);
    later.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await Promise.all([...this.recorders.keys()].map((id) => this.stopCamera(id)));
    await this.sweeping;
  }

  private startCamera(cameraId: string): void {
    if (this.recorders.has(cameraId) || this.stopped) return;
    const streamId = streamIdOf(cameraId, this.profile);
    const settings = this.repo.settings(cameraId);
    const source = this.supervisor.source(streamId);
    if (!source) return;
    const recorder = new StreamRecorder({
      cameraId,
      profile: this.profile,
      source,
      repo: this.repo,
      dir: this.dir,
      policy: this.policy,
      settings,
      log: this.log,
      syncEveryMs: this.o.syncEveryMs,
      hooks: {
        writeFailed: (id, e) => this.onWriteFailed(id, e),
        writeRecovered: (id) => this.alarms.endInternal(id, 'recording'),
        stateChanged: (id) => this.publish(id),
        appended: (id) => this.wake(id),
      },
    });
    this.recorders.set(cameraId, recorder);
    // The recorder is a viewer of the stream like any other: it keeps the pull running.
    if (settings.mode !== 'off') this.supervisor.acquire(streamId);
  }

  private async stopCamera(cameraId: string): Promise<void> {
    const r = this.recorders.get(cameraId);
    if (!r) return;
    this.recorders.delete(cameraId);
    const settings = this.repo.settings(cameraId);
    if (settings.mode !== 'off') this.supervisor.release(streamIdOf(cameraId, this.profile));
    await r.stop();
  }

  /** An alarm from a camera (alarm-mode recording starts; it ends postS after the alarm ends). */
  onAlarm(a: Alarm): void {
    if (a.kind === 'recording') return;
    this.recorders.get(a.cameraId)?.alarm(a.active, a.endedAt ?? a.at);
  }

  /** The segment being written for a camera, if any. */
  openSegment(cameraId: string): OpenSegment | null {
    return this.recorders.get(cameraId)?.openSegment() ?? null;
  }

  /** What playback reads footage through. */
  footage() {
    return {
      repo: this.repo,
      dir: this.dir,
      profile: this.profile,
      openSegment: (cameraId: string) => this.openSegment(cameraId),
      unsettledSegment: (cameraId: string, id: number) => this.unsettledSegment(cameraId, id),
      waitForFootage: (cameraId: string, ms: number) => this.waitForFootage(cameraId, ms),
    };
  }

  /** A segment whose index row is not final yet (see StreamRecorder.unsettledSegment). */
  unsettledSegment(cameraId: string, id: number): { meta: OpenSegment; writing: boolean } | null {
    return this.recorders.get(cameraId)?.unsettledSegment(id) ?? null;
  }

  /** Resolves when the camera's next fragment reaches the disk (or after `ms`). */
  waitForFootage(cameraId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.appendWaiters.get(cameraId) ?? new Set();
      this.appendWaiters.set(cameraId, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
    });
  }

  private wake(cameraId: string): void {
    const set = this.appendWaiters.get(cameraId);
    if (set) for (const w of [...set]) w();
  }

  // --- figures -------------------------------------------------------------------------------------

  status(now = Date.now()): CameraRecordingStatus[] {
    if (this.statusCache && now - this.statusCache.at < 2000) return this.statusCache.value;
    const since = now - DAY_MS;
    const bytes = this.repo.bytesSince(since);
    const holds = this.repo.activeHoldCounts();
    const value = this.supervisor.cameras().map((c) => this.statusOf(c.id, now, bytes, holds));
    this.statusCache = { at: now, value };
    return value;
  }

  private statusOf(
    cameraId: string,
    now: number,
    bytes: Map<string, number>,
    holds: Map<string, number>,
  ): CameraRecordingStatus {
    const settings = this.repo.settings(cameraId);
    const r = this.recorders.get(cameraId);
    const open = r?.openSegment() ?? null;
    const extent = this.repo.extent(cameraId, this.profile);
    const since = now - DAY_MS;
    const spans = this.spans(cameraId, since, now);
    const gaps =
      settings.mode === 'continuous'
        ? sumGaps(gapsIn(spans, since, now, extent.oldest).filter((g) => g.to - g.from > this.policy.gapMs))
        : { count: 0, ms: 0 };
    const state = r?.state() ?? { state: 'off' as const, since: now };
    const status: CameraRecordingStatus = {
      cameraId,
      settings,
      state: state.state,
      since: state.since,
      bytesLast24h: (bytes.get(cameraId) ?? 0) + (open?.bytes ?? 0),
      gapsLast24h: gaps,
      oldest: extent.oldest,
      newest: open ? open.endMs : extent.newest,
      activeHolds: holds.get(cameraId) ?? 0,
    };
    if (state.message) status.message = state.message;
    return status;
  }

  private publish(cameraId: string): void {
    this.statusCache = null;
    if (!this.supervisor.hasCamera(cameraId)) return;
    this.onStateChanged(
      this.statusOf(cameraId, Date.now(), this.repo.bytesSince(Date.now() - DAY_MS), this.repo.activeHoldCounts()),
    );
  }

  private spans(cameraId: string, from: number, to: number) {
    return this.repo.spans(cameraId, this.profile, from, to, this.policy.gapMs, (id) => {
      const open = this.openSegment(cameraId);
      return open && open.id === id ? open.endMs : undefined;
    });
  }

  timeline(q: Required<TimelineQuery>): Timeline {
    if (!this.supervisor.hasCamera(q.cameraId) && this.repo.extent(q.cameraId, this.profile).oldest === null)
      throw new CommandFailure('NOT_FOUND', `There is no camera "${q.cameraId}".`);
    const extent = this.repo.extent(q.cameraId, this.profile);
    const open = this.openSegment(q.cameraId);
    return {
      cameraId: q.cameraId,
      from: q.from,
      to: q.to,
      spans: this.spans(q.cameraId, q.from, q.to),
      alarms: this.alarms.repo
        .between(q.cameraId, q.from, q.to, 2000)
        .map((a) => ({ id: a.id, kind: a.kind, at: a.at, endedAt: a.endedAt })),
      incidents: this.incidents.touchingCamera(q.cameraId, q.from, q.to, 500),
      holds: this.repo
        .holds({ activeOnly: true, cameraId: q.cameraId, from: q.from, to: q.to })
        .map((h) => ({ id: h.id, from: h.from, to: h.to, kind: h.kind })),
      oldest: extent.oldest,
      newest: open ? open.endMs : extent.newest,
    };
  }

  async storage(): Promise<StorageStatus> {
    const fs = await statfs(this.dir);
    const status: StorageStatus = {
      state: this.fullSince === null ? 'ok' : 'full',
      totalBytes: fs.blocks * fs.bsize,
      freeBytes: fs.bavail * fs.bsize,
      recordedBytes: this.recordedBytes(),
      budgetBytes: this.limits.budgetBytes,
      minFreeBytes: this.limits.minFreeBytes,
      retentionDays: this.limits.retentionDays,
      oldest: this.repo.oldest(),
      heldBytes: this.repo.heldBytes(),
    };
    if (this.fullMessage) status.message = this.fullMessage;
    return status;
  }

  private recordedBytes(): number {
    let open = 0;
    for (const r of this.recorders.values()) open += r.openSegment()?.bytes ?? 0;
    return this.repo.totalBytes() + open;
  }

  // --- settings and holds --------------------------------------------------------------------------

  configure(s: RecordingSettings, ctx: SocketData): RecordingSettings {
    if (!this.supervisor.hasCamera(s.cameraId))
      throw new CommandFailure('NOT_FOUND', `There is no camera "${s.cameraId}".`);
    const before = this.repo.settings(s.cameraId);
    this.repo.saveSettings(s, ctx.user.id);
    const streamId = streamIdOf(s.cameraId, this.profile);
    if (before.mode === 'off' && s.mode !== 'off') this.supervisor.acquire(streamId);
    if (before.mode !== 'off' && s.mode === 'off') this.supervisor.release(streamId);
    this.recorders.get(s.cameraId)?.configure(s);
    this.audit.append(ctx.actor, 'recording.configured', {
      cameraId: s.cameraId,
      target: `camera:${s.cameraId}`,
      details: { before, after: s },
    });
    this.publish(s.cameraId);
    return this.repo.settings(s.cameraId);
  }

  placeHold(
    req: Required<Omit<PlaceHoldRequest, 'ref'>> & { ref: string },
    actor: SocketData['actor'],
    userId: number | null,
  ): Hold[] {
    const holds = req.cameraIds.map((cameraId) => {
      const existing = this.repo.findHold(cameraId, req.kind, req.ref, req.from, req.to);
      if (existing) return existing;
      const h = this.repo.placeHold(
        { cameraId, from: req.from, to: req.to, kind: req.kind, ref: req.ref, reason: req.reason },
        userId,
      );
      this.audit.append(actor, 'recording.held', {
        cameraId,
        target: `hold:${h.id}`,
        details: { from: h.from, to: h.to, kind: h.kind, ref: h.ref, reason: h.reason },
      });
      return h;
    });
    for (const id of new Set(req.cameraIds)) this.publish(id);
    return holds;
  }

  releaseHold(id: number, reason: string, ctx: SocketData): Hold {
    const r = this.repo.releaseHold(id, ctx.user.id, reason);
    if (r === undefined) throw new CommandFailure('NOT_FOUND', `There is no hold ${id}.`);
    if (r === 'already') throw new CommandFailure('CONFLICT', 'This hold was released already.');
    this.audit.append(ctx.actor, 'recording.released', {
      cameraId: r.cameraId,
      target: `hold:${id}`,
      details: { from: r.from, to: r.to, kind: r.kind, ref: r.ref, reason },
    });
    this.publish(r.cameraId);
    return r;
  }

  holds(q: Required<Omit<HoldQuery, 'cameraId' | 'ref'>> & Pick<HoldQuery, 'cameraId' | 'ref'>): Hold[] {
    return this.repo.holds(q);
  }

  // --- retention and the disk budget ---------------------------------------------------------------

  /**
   * Runs retention and the budget (one sweep at a time): a sweep asked for while one runs starts when
   * it ends, so the caller's sweep sees the index as it is now; requests made meanwhile share it.
   */
  sweep(why: 'schedule' | 'start' | 'disk-full'): Promise<void> {
    if (this.queuedSweep) return this.queuedSweep;
    const run = (): Promise<void> =>
      this.runSweep(why).catch((e: unknown) =>
        this.log.error({ err: (e as Error).message }, 'sweeping recordings failed'),
      );
    if (!this.sweeping) {
      this.sweeping = run().finally(() => (this.sweeping = null));
      return this.sweeping;
    }
    this.queuedSweep = this.sweeping.then(() => {
      this.queuedSweep = null;
      this.sweeping = run().finally(() => (this.sweeping = null));
      return this.sweeping;
    });
    return this.queuedSweep;
  }

  private async runSweep(why: string): Promise<void> {
    const now = Date.now();
    let expired: Deletable[];
    do {
      expired = this.repo.expired(now, this.limits.retentionDays, 200);
      await this.delete(expired, 'retention');
    } while (expired.length === 200 && !this.stopped);
    let need = await this.needToFree(why === 'disk-full');
    while (need > 0 && !this.stopped) {
      const batch = this.repo.oldestUnheld(50);
      if (batch.length === 0) break;
      let freed = 0;
      const take: Deletable[] = [];
      for (const d of batch) {
        take.push(d);
        freed += d.bytes;
        if (freed >= need) break;
      }
      await this.delete(take, why === 'disk-full' ? 'disk-full' : 'disk-budget');
      need = await this.needToFree(why === 'disk-full');
    }
    if (need > 0) {
      const message = `The recordings disk is short of ${Math.ceil(need / 2 ** 20)} MB and all remaining footage is held.`;
      if (this.fullMessage !== message) this.log.error({ needBytes: need }, 'recordings disk full of held footage');
      this.fullSince ??= now;
      this.fullMessage = message;
    } else if (this.fullSince !== null && why !== 'disk-full') {
      this.fullSince = null;
      this.fullMessage = null;
    }
  }

  /**
   * Bytes of footage to delete now. After a write failed for want of space, at least 5 % of the disk
   * is freed, whatever the minimum free space says (it may be 0), so writing can go on.
   */
  private async needToFree(diskFull = false): Promise<number> {
    let freeBytes = Number.MAX_SAFE_INTEGER;
    let totalBytes = 0;
    try {
      const fs = await statfs(this.dir);
      freeBytes = fs.bavail * fs.bsize;
      totalBytes = fs.blocks * fs.bsize;
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'cannot read the recordings disk space');
    }
    const limits = diskFull
      ? { ...this.limits, minFreeBytes: Math.max(this.limits.minFreeBytes, Math.ceil(totalBytes * 0.05)) }
      : this.limits;
    return bytesToFree(limits, { recordedBytes: this.recordedBytes(), freeBytes });
  }

  private async delete(list: Deletable[], reason: string): Promise<void> {
    if (list.length === 0) return;
    const done: Deletable[] = [];
    for (const d of list) {
      try {
        await rm(join(this.dir, d.file), { force: true });
        done.push(d);
      } catch (e) {
        this.log.warn({ file: d.file, err: (e as Error).message }, 'cannot delete a recording');
      }
    }
    this.repo.recordDeletions(done, reason);
    const byCamera = new Map<string, Deletable[]>();
    for (const d of done) byCamera.set(d.cameraId, [...(byCamera.get(d.cameraId) ?? []), d]);
    for (const [cameraId, ds] of byCamera) {
      this.audit.append(SYSTEM, 'recording.deleted', {
        cameraId,
        details: {
          reason,
          from: Math.min(...ds.map((d) => d.startMs)),
          to: Math.max(...ds.map((d) => d.endMs)),
          segments: ds.length,
          bytes: ds.reduce((n, d) => n + d.bytes, 0),
        },
      });
    }
    this.log.info({ reason, segments: done.length }, 'footage deleted');
    this.statusCache = null;
  }

  private onWriteFailed(cameraId: string, e: NodeJS.ErrnoException): void {
    const full = e.code === 'ENOSPC' || e.code === 'EDQUOT';
    if (full) {
      this.fullSince ??= Date.now();
      this.fullMessage = 'The recordings disk is full: the oldest unheld footage is being deleted.';
      void this.sweep('disk-full');
    }
    this.alarms.raiseInternal(
      cameraId,
      'recording',
      full
        ? 'The recordings disk is full: footage of this camera is being lost while space is freed.'
        : `Footage of this camera cannot be written (${e.code ?? e.message}).`,
    );
  }
}
