import type { Hold, HoldKind, RecordedSpan, RecordingSettings } from '@cctv/protocol';
import type { Db } from '../store/db';
import { packKeyframes, unpackKeyframes } from './keyframeIndex';
import type { KeyframeEntry } from './segmentBuilder';

const DAY_MS = 86_400_000;
/** No segment is longer than this (the recorder cuts them far shorter), so a time search can be bounded. */
export const MAX_SEGMENT_MS = 2 * 3_600_000;

/** One recorded file, as the index knows it. */
export interface Segment {
  id: number;
  cameraId: string;
  profile: string;
  startMs: number;
  endMs: number;
  /** Relative to the recordings folder. */
  file: string;
  bytes: number;
  frames: number;
  codec: string;
  width: number;
  height: number;
  config: Uint8Array;
  keyframes: KeyframeEntry[];
  open: boolean;
}

interface SegmentRow {
  id: number;
  camera_id: string;
  profile: string;
  start_ms: number;
  end_ms: number;
  file: string;
  bytes: number;
  frames: number;
  codec: string;
  width: number;
  height: number;
  config: Buffer;
  keyframes: Buffer;
  open: number;
}

const toSegment = (r: SegmentRow): Segment => ({
  id: r.id,
  cameraId: r.camera_id,
  profile: r.profile,
  startMs: r.start_ms,
  endMs: r.end_ms,
  file: r.file,
  bytes: r.bytes,
  frames: r.frames,
  codec: r.codec,
  width: r.width,
  height: r.height,
  config: new Uint8Array(r.config),
  keyframes: unpackKeyframes(r.keyframes),
  open: r.open === 1,
});

export interface NewSegment {
  cameraId: string;
  profile: string;
  startMs: number;
  file: string;
  codec: string;
  width: number;
  height: number;
  config: Uint8Array;
}

export interface ClosedSegment {
  endMs: number;
  bytes: number;
  frames: number;
  keyframes: readonly KeyframeEntry[];
}

/** A segment that may be deleted, with what the deletion log needs. */
export interface Deletable {
  id: number;
  cameraId: string;
  profile: string;
  file: string;
  bytes: number;
  startMs: number;
  endMs: number;
}

interface HoldRow {
  id: number;
  camera_id: string;
  from_ms: number;
  to_ms: number;
  kind: HoldKind;
  ref: string;
  reason: string;
  placed_by: number | null;
  placed_name: string | null;
  placed_at: number;
  released_by: number | null;
  released_name: string | null;
  released_at: number | null;
  release_reason: string | null;
}

const HOLD_SELECT = `SELECT h.*, p.display_name AS placed_name, r.display_name AS released_name
  FROM recording_holds h LEFT JOIN users p ON p.id = h.placed_by LEFT JOIN users r ON r.id = h.released_by`;

const toHold = (r: HoldRow): Hold => ({
  id: r.id,
  cameraId: r.camera_id,
  from: r.from_ms,
  to: r.to_ms,
  kind: r.kind,
  ref: r.ref,
  reason: r.reason,
  placedBy: r.placed_by === null ? null : { userId: r.placed_by, displayName: r.placed_name ?? '' },
  placedAt: r.placed_at,
  releasedAt: r.released_at,
  releasedBy: r.released_by === null ? null : { userId: r.released_by, displayName: r.released_name ?? '' },
  releaseReason: r.release_reason,
});

const NOT_HELD = `NOT EXISTS (SELECT 1 FROM recording_holds h WHERE h.camera_id = s.camera_id
  AND h.released_at IS NULL AND h.from_ms < s.end_ms AND h.to_ms > s.start_ms)`;

/**
 * The recording index: segments (one per file), holds, the deletion log and per-camera settings.
 * Everything the recorder, playback and retention know about footage goes through here, so the
 * index can move to a shared database with the rest of the store.
 */
export class RecordingRepository {
  constructor(private readonly db: Db) {}

  // --- segments ------------------------------------------------------------------------------------

  openSegment(s: NewSegment, now = Date.now()): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO recording_segments (camera_id, profile, start_ms, end_ms, file, bytes, frames, codec, width, height, config, keyframes, open, created_at)
           VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, x'', 1, ?)`,
        )
        .run(s.cameraId, s.profile, s.startMs, s.startMs, s.file, s.codec, s.width, s.height, s.config, now)
        .lastInsertRowid,
    );
  }

  closeSegment(id: number, c: ClosedSegment): void {
    this.db
      .prepare('UPDATE recording_segments SET end_ms = ?, bytes = ?, frames = ?, keyframes = ?, open = 0 WHERE id = ?')
      .run(c.endMs, c.bytes, c.frames, packKeyframes(c.keyframes), id);
  }

  /** Segments still marked open: being written, or left so by a crash. */
  openSegments(): Segment[] {
    return (this.db.prepare('SELECT * FROM recording_segments WHERE open = 1').all() as SegmentRow[]).map(toSegment);
  }

  segment(id: number): Segment | undefined {
    const r = this.db.prepare('SELECT * FROM recording_segments WHERE id = ?').get(id) as SegmentRow | undefined;
    return r && toSegment(r);
  }

  segmentByFile(file: string): Segment | undefined {
    const r = this.db.prepare('SELECT * FROM recording_segments WHERE file = ?').get(file) as SegmentRow | undefined;
    return r && toSegment(r);
  }

  /** Segments overlapping [from, to), oldest first (open ones included, with the end last indexed). */
  segmentsBetween(cameraId: string, profile: string, from: number, to: number, limit = 10_000): Segment[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM recording_segments WHERE camera_id = ? AND profile = ? AND start_ms < ?
             AND start_ms >= ? AND (end_ms > ? OR open = 1) ORDER BY start_ms LIMIT ?`,
        )
        .all(cameraId, profile, to, from - MAX_SEGMENT_MS, from, limit) as SegmentRow[]
    ).map(toSegment);
  }

  /** The segment holding `t`, else the first one after it. */
  segmentFrom(cameraId: string, profile: string, t: number): Segment | undefined {
    const at = this.db
      .prepare(
        `SELECT * FROM recording_segments WHERE camera_id = ? AND profile = ? AND start_ms <= ?
           ORDER BY start_ms DESC LIMIT 1`,
      )
      .get(cameraId, profile, t) as SegmentRow | undefined;
    if (at && (at.end_ms > t || at.open === 1)) return toSegment(at);
    return this.segmentAfter(cameraId, profile, t);
  }

  /** The first segment starting after `t`. */
  segmentAfter(cameraId: string, profile: string, t: number): Segment | undefined {
    const r = this.db
      .prepare(
        'SELECT * FROM recording_segments WHERE camera_id = ? AND profile = ? AND start_ms > ? ORDER BY start_ms LIMIT 1',
      )
      .get(cameraId, profile, t) as SegmentRow | undefined;
    return r && toSegment(r);
  }

  /** The last segment starting before `t`. */
  segmentBefore(cameraId: string, profile: string, t: number): Segment | undefined {
    const r = this.db
      .prepare(
        'SELECT * FROM recording_segments WHERE camera_id = ? AND profile = ? AND start_ms < ? ORDER BY start_ms DESC LIMIT 1',
      )
      .get(cameraId, profile, t) as SegmentRow | undefined;
    return r && toSegment(r);
  }

  /**
   * Continuous footage in [from, to): segments that follow each other within `joinMs` make one span.
   * Open segments end at `openEnd(id)` (the recorder's figure), or at their start.
   */
  spans(
    cameraId: string,
    profile: string,
    from: number,
    to: number,
    joinMs: number,
    openEnd: (id: number) => number | undefined,
  ): RecordedSpan[] {
    const rows = this.db
      .prepare(
        `SELECT id, start_ms, end_ms, open FROM recording_segments INDEXED BY recording_segments_time
          WHERE camera_id = ? AND profile = ? AND start_ms < ? AND start_ms >= ?
          ORDER BY start_ms`,
      )
      .raw()
      .all(cameraId, profile, to, from - MAX_SEGMENT_MS) as [number, number, number, number][];
    const spans: RecordedSpan[] = [];
    for (const [id, start, indexedEnd, open] of rows) {
      const end = open ? (openEnd(id) ?? indexedEnd) : indexedEnd;
      if (end <= from) continue;
      const s = Math.max(start, from);
      const e = Math.min(end, to);
      const last = spans[spans.length - 1];
      if (last && s - last.to <= joinMs) last.to = Math.max(last.to, e);
      else if (e > s) spans.push({ from: s, to: e });
    }
    return spans;
  }

  /** Oldest start and newest end of a camera's footage. */
  extent(cameraId: string, profile: string): { oldest: number | null; newest: number | null } {
    const r = this.db
      .prepare(
        'SELECT MIN(start_ms) AS oldest, MAX(end_ms) AS newest FROM recording_segments WHERE camera_id = ? AND profile = ?',
      )
      .get(cameraId, profile) as { oldest: number | null; newest: number | null };
    return r;
  }

  /** Bytes of closed segments that started since `since`, per camera. */
  bytesSince(since: number): Map<string, number> {
    const rows = this.db
      .prepare('SELECT camera_id, SUM(bytes) AS b FROM recording_segments WHERE start_ms >= ? GROUP BY camera_id')
      .raw()
      .all(since) as [string, number][];
    return new Map(rows);
  }

  totalBytes(): number {
    return (this.db.prepare('SELECT COALESCE(SUM(bytes), 0) AS b FROM recording_segments').get() as { b: number }).b;
  }

  heldBytes(): number {
    return (
      this.db.prepare(`SELECT COALESCE(SUM(bytes), 0) AS b FROM recording_segments s WHERE NOT ${NOT_HELD}`).get() as {
        b: number;
      }
    ).b;
  }

  oldest(): number | null {
    return (this.db.prepare('SELECT MIN(start_ms) AS o FROM recording_segments').get() as { o: number | null }).o;
  }

  /** Every closed segment's file, a page at a time (other queries may run between pages). */
  *allClosedFiles(pageSize = 1000): Generator<{ id: number; file: string; cameraId: string }> {
    const page = this.db.prepare(
      'SELECT id, file, camera_id AS cameraId FROM recording_segments WHERE open = 0 AND id > ? ORDER BY id LIMIT ?',
    );
    let after = 0;
    for (;;) {
      const rows = page.all(after, pageSize) as { id: number; file: string; cameraId: string }[];
      if (rows.length === 0) return;
      yield* rows;
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Rows whose file is gone, or that a repair found empty. */
  removeSegment(id: number): void {
    this.db.prepare('DELETE FROM recording_segments WHERE id = ?').run(id);
  }

  /**
   * Closed segments past their camera's retention that no hold covers, oldest first.
   * `defaultDays` applies to cameras without their own retention.
   */
  expired(now: number, defaultDays: number, limit: number): Deletable[] {
    return this.deletable(
      `s.end_ms < ? - COALESCE((SELECT r.retention_days FROM recording_settings r WHERE r.camera_id = s.camera_id), ?) * ${DAY_MS}`,
      [now, defaultDays],
      limit,
    );
  }

  /** The oldest closed segments that no hold covers (for the disk budget). */
  oldestUnheld(limit: number): Deletable[] {
    return this.deletable('1', [], limit);
  }

  private deletable(condition: string, args: unknown[], limit: number): Deletable[] {
    return this.db
      .prepare(
        `SELECT s.id, s.camera_id AS cameraId, s.profile, s.file, s.bytes, s.start_ms AS startMs, s.end_ms AS endMs
             FROM recording_segments s INDEXED BY recording_segments_age
            WHERE s.open = 0 AND ${condition} AND ${NOT_HELD}
            ORDER BY s.start_ms LIMIT ?`,
      )
      .all(...args, limit) as Deletable[];
  }

  /** Removes the rows of deleted files and writes the deletion log, in one transaction. */
  recordDeletions(done: readonly Deletable[], reason: string, now = Date.now()): void {
    const del = this.db.prepare('DELETE FROM recording_segments WHERE id = ?');
    const log = this.db.prepare(
      'INSERT INTO recording_deletions (at, camera_id, profile, from_ms, to_ms, segments, bytes, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      const byCamera = new Map<string, Deletable[]>();
      for (const d of done) {
        del.run(d.id);
        const k = `${d.cameraId}\u0000${d.profile}`;
        byCamera.set(k, [...(byCamera.get(k) ?? []), d]);
      }
      for (const list of byCamera.values()) {
        const first = list[0]!;
        log.run(
          now,
          first.cameraId,
          first.profile,
          Math.min(...list.map((d) => d.startMs)),
          Math.max(...list.map((d) => d.endMs)),
          list.length,
          list.reduce((n, d) => n + d.bytes, 0),
          reason,
        );
      }
    })();
  }

  // --- holds ---------------------------------------------------------------------------------------

  placeHold(
    h: { cameraId: string; from: number; to: number; kind: HoldKind; ref: string; reason: string },
    by: number | null,
    now = Date.now(),
  ): Hold {
    const id = Number(
      this.db
        .prepare(
          'INSERT INTO recording_holds (camera_id, from_ms, to_ms, kind, ref, reason, placed_by, placed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(h.cameraId, h.from, h.to, h.kind, h.ref, h.reason, by, now).lastInsertRowid,
    );
    return this.hold(id)!;
  }

  /** An active hold of this kind and ref on this camera covering [from, to) already, if any. */
  findHold(cameraId: string, kind: HoldKind, ref: string, from: number, to: number): Hold | undefined {
    const r = this.db
      .prepare(
        `${HOLD_SELECT} WHERE h.camera_id = ? AND h.kind = ? AND h.ref = ? AND h.released_at IS NULL AND h.from_ms <= ? AND h.to_ms >= ?`,
      )
      .get(cameraId, kind, ref, from, to) as HoldRow | undefined;
    return r && toHold(r);
  }

  releaseHold(id: number, by: number | null, reason: string, now = Date.now()): Hold | 'already' | undefined {
    const h = this.hold(id);
    if (!h) return undefined;
    if (h.releasedAt !== null) return 'already';
    this.db
      .prepare('UPDATE recording_holds SET released_at = ?, released_by = ?, release_reason = ? WHERE id = ?')
      .run(now, by, reason, id);
    return this.hold(id);
  }

  hold(id: number): Hold | undefined {
    const r = this.db.prepare(`${HOLD_SELECT} WHERE h.id = ?`).get(id) as HoldRow | undefined;
    return r && toHold(r);
  }

  holds(q: { activeOnly: boolean; cameraId?: string; ref?: string; from?: number; to?: number }): Hold[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.activeOnly) where.push('h.released_at IS NULL');
    if (q.cameraId) {
      where.push('h.camera_id = ?');
      args.push(q.cameraId);
    }
    if (q.ref) {
      where.push('h.ref = ?');
      args.push(q.ref);
    }
    if (q.from !== undefined && q.to !== undefined) {
      where.push('h.from_ms < ? AND h.to_ms > ?');
      args.push(q.to, q.from);
    }
    return (
      this.db
        .prepare(`${HOLD_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY h.id DESC LIMIT 1000`)
        .all(...args) as HoldRow[]
    ).map(toHold);
  }

  activeHoldCounts(): Map<string, number> {
    const rows = this.db
      .prepare('SELECT camera_id, COUNT(*) FROM recording_holds WHERE released_at IS NULL GROUP BY camera_id')
      .raw()
      .all() as [string, number][];
    return new Map(rows);
  }

  // --- settings ------------------------------------------------------------------------------------

  settings(cameraId: string): RecordingSettings {
    const r = this.db
      .prepare('SELECT mode, pre_s, post_s, retention_days FROM recording_settings WHERE camera_id = ?')
      .get(cameraId) as
      { mode: RecordingSettings['mode']; pre_s: number; post_s: number; retention_days: number | null } | undefined;
    if (!r) return { cameraId, mode: 'continuous', preS: 10, postS: 30, retentionDays: null };
    return { cameraId, mode: r.mode, preS: r.pre_s, postS: r.post_s, retentionDays: r.retention_days };
  }

  saveSettings(s: RecordingSettings, by: number | null, now = Date.now()): void {
    this.db
      .prepare(
        `INSERT INTO recording_settings (camera_id, mode, pre_s, post_s, retention_days, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(camera_id) DO UPDATE SET mode = excluded.mode, pre_s = excluded.pre_s, post_s = excluded.post_s,
           retention_days = excluded.retention_days, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(s.cameraId, s.mode, s.preS, s.postS, s.retentionDays, now, by);
  }
}
