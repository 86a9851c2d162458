import { createHash } from 'node:crypto';
import type { AuditAction, AuditEntry, AuditSearchRequest, AuditVerification } from '@cctv/protocol';
import type { Db } from '../store/db';

/** Who did it, from where. */
export interface Actor {
  userId: number | null;
  username: string | null;
  workstation: string | null;
}

export const SYSTEM: Actor = { userId: null, username: 'system', workstation: null };

interface Row {
  id: number;
  at: number;
  user_id: number | null;
  username: string | null;
  workstation: string | null;
  action: AuditAction;
  camera_id: string | null;
  target: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** The hash of a row: its predecessor's hash and every field, in a fixed order. */
export function entryHash(prevHash: string, r: Omit<Row, 'hash' | 'prev_hash'>): string {
  const canonical = JSON.stringify([
    prevHash,
    r.id,
    r.at,
    r.user_id,
    r.username,
    r.workstation,
    r.action,
    r.camera_id,
    r.target,
    r.details,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const where = (clause: string[]): string => (clause.length ? `WHERE ${clause.join(' AND ')}` : '');

/** The WHERE clause for a search: who, which camera, what, when. */
function filter(q: Omit<AuditSearchRequest, 'limit' | 'beforeId'>): { clause: string[]; args: unknown[] } {
  const clause: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    clause.push(sql);
    args.push(value);
  };
  if (q.username) add('username = ?', q.username);
  if (q.cameraId) add('camera_id = ?', q.cameraId);
  if (q.action) add('action = ?', q.action);
  if (q.from !== undefined) add('at >= ?', q.from);
  if (q.to !== undefined) add('at <= ?', q.to);
  return { clause, args };
}

function toEntry(r: Row): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    workstation: r.workstation,
    action: r.action,
    cameraId: r.camera_id,
    target: r.target,
    details: JSON.parse(r.details) as Record<string, unknown>,
    hash: r.hash,
  };
}

/**
 * The append-only, hash-chained audit trail. Each append reads the last hash and writes the new row in
 * one transaction (better-sqlite3 is synchronous, so appends never interleave). Never swept by retention.
 */
export class AuditLog {
  private readonly insert;
  private readonly last;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT INTO audit (id, at, user_id, username, workstation, action, camera_id, target, details, prev_hash, hash) VALUES (@id, @at, @user_id, @username, @workstation, @action, @camera_id, @target, @details, @prev_hash, @hash)',
    );
    this.last = db.prepare(
      "SELECT hash, (SELECT seq FROM sqlite_sequence WHERE name = 'audit') AS seq FROM audit ORDER BY id DESC LIMIT 1",
    );
  }

  append(
    actor: Actor,
    action: AuditAction,
    what: { cameraId?: string; target?: string; details?: Record<string, unknown> } = {},
  ): AuditEntry {
    return this.db.transaction(() => {
      const last = this.last.get() as { hash: string; seq: number } | undefined;
      const row: Omit<Row, 'hash'> = {
        id: (last?.seq ?? 0) + 1,
        at: Date.now(),
        user_id: actor.userId,
        username: actor.username,
        workstation: actor.workstation,
        action,
        camera_id: what.cameraId ?? null,
        target: what.target ?? null,
        details: JSON.stringify(what.details ?? {}),
        prev_hash: last?.hash ?? GENESIS,
      };
      const full: Row = { ...row, hash: entryHash(row.prev_hash, row) };
      this.insert.run(full);
      return toEntry(full);
    })();
  }

  search(q: AuditSearchRequest): AuditEntry[] {
    const { clause, args } = filter(q);
    if (q.beforeId !== undefined) {
      clause.push('id < ?');
      args.push(q.beforeId);
    }
    const sql = `SELECT * FROM audit ${where(clause)} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, q.limit ?? 100) as Row[]).map(toEntry);
  }

  /** Every entry matching the query, oldest first, for export. */
  *iterate(q: Omit<AuditSearchRequest, 'limit' | 'beforeId'>): Generator<AuditEntry> {
    const { clause, args } = filter(q);
    for (const r of this.db
      .prepare(`SELECT * FROM audit ${where(clause)} ORDER BY id`)
      .iterate(...args) as Iterable<Row>) {
      yield toEntry(r);
    }
  }

  /**
   * Walks the chain from the first entry. Ids must run 1, 2, 3 … with no gap (a deleted row leaves
   * one); each row must point at its predecessor's hash and hash to its own; and the last id must equal
   * SQLite's sequence (a deleted last row leaves the sequence ahead).
   */
  verify(): AuditVerification {
    let prev = GENESIS;
    let expectedId = 1;
    let n = 0;
    for (const r of this.db.prepare('SELECT * FROM audit ORDER BY id').iterate() as Iterable<Row>) {
      if (r.id !== expectedId) {
        return { ok: false, entries: n, brokenAtId: expectedId, reason: `entry ${expectedId} is missing (deleted)` };
      }
      if (r.prev_hash !== prev) {
        return {
          ok: false,
          entries: n,
          brokenAtId: r.id,
          reason: `entry ${r.id} does not follow entry ${r.id - 1} (reordered, or the one before it was changed)`,
        };
      }
      if (entryHash(r.prev_hash, r) !== r.hash) {
        return { ok: false, entries: n, brokenAtId: r.id, reason: `entry ${r.id} was changed after it was written` };
      }
      prev = r.hash;
      expectedId++;
      n++;
    }
    const seq =
      (this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").get() as { seq: number } | undefined)
        ?.seq ?? 0;
    if (seq !== n) {
      return {
        ok: false,
        entries: n,
        brokenAtId: n + 1,
        reason: `entries after ${n} are missing (deleted); the trail had ${seq}`,
      };
    }
    return { ok: true, entries: n, lastHash: n > 0 ? prev : null };
  }
}

/** CSV with every field quoted where needed; formulas are defused for spreadsheet users. */
export function toCsvRow(values: (string | number | null)[]): string {
  return values
    .map((v) => {
      if (v === null) return '';
      let s = String(v);
      if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

export const CSV_HEADER = ['id', 'time (UTC)', 'user', 'workstation', 'action', 'camera', 'target', 'details', 'hash'];

export function auditCsvRow(e: AuditEntry): string {
  return toCsvRow([
    e.id,
    new Date(e.at).toISOString(),
    e.username,
    e.workstation,
    e.action,
    e.cameraId,
    e.target,
    JSON.stringify(e.details),
    e.hash,
  ]);
}
