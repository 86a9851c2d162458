import type { Incident, IncidentChange, IncidentQuery, NarrativeEntry } from '@cctv/protocol';
import type { Db } from '../store/db';
import { nextInSequence, type ChangeLog } from './changes';

interface Row {
  id: number;
  ref: string;
  version: number;
  status: 'open' | 'closed';
  started_at: number;
  ended_at: number | null;
  district: string;
  town: string;
  location: string;
  cameras: string;
  source: Incident['source'];
  category: string;
  police_refs: string;
  outcome: Incident['outcome'];
  outcome_notes: string;
  evidence: string;
  shared_with_police: number;
  operator: string;
  created_at: number;
  updated_at: number;
  reviewer: string | null;
  review_at: number | null;
  review_notes: string | null;
  has_snapshot: number;
  rev: number;
}

/** The fields an incident is written with (validated and defaulted by the protocol's schemas). */
export interface IncidentFields {
  startedAt: number;
  endedAt?: number | null;
  district: string;
  town: string;
  location: string;
  cameras: string[];
  source: Incident['source'];
  category: string;
  policeRefs: Incident['policeRefs'];
  outcome?: Incident['outcome'];
  outcomeNotes?: string;
  evidence: string[];
  sharedWithPolice: boolean;
}

const COLUMNS_OF_ROW = `SELECT i.*, o.display_name AS operator, r.display_name AS reviewer,
  EXISTS (SELECT 1 FROM incident_snapshots s WHERE s.incident_id = i.id) AS has_snapshot`;
const PEOPLE = 'JOIN users o ON o.id = i.operator_id LEFT JOIN users r ON r.id = i.review_by';
const SELECT = `${COLUMNS_OF_ROW} FROM incidents i ${PEOPLE}`;

const COLUMNS: Record<keyof IncidentFields, { column: string; encode: (v: never) => unknown }> = {
  startedAt: { column: 'started_at', encode: (v: number) => v },
  endedAt: { column: 'ended_at', encode: (v: number | null) => v ?? null },
  district: { column: 'district', encode: (v: string) => v },
  town: { column: 'town', encode: (v: string) => v },
  location: { column: 'location', encode: (v: string) => v },
  cameras: { column: 'cameras', encode: (v: string[]) => JSON.stringify(v) },
  source: { column: 'source', encode: (v: string) => v },
  category: { column: 'category', encode: (v: string) => v },
  policeRefs: { column: 'police_refs', encode: (v: object) => JSON.stringify(v) },
  outcome: { column: 'outcome', encode: (v: string | null) => v ?? null },
  outcomeNotes: { column: 'outcome_notes', encode: (v: string) => v ?? '' },
  evidence: { column: 'evidence', encode: (v: string[]) => JSON.stringify(v) },
  sharedWithPolice: { column: 'shared_with_police', encode: (v: boolean) => (v ? 1 : 0) },
};

/** Above this many incidents in a text search's time range, its id bounds are not worth reading. */
const ID_RANGE_CAP = 100_000;

/** An incident is closed once it has an end time and an outcome. */
const statusOf = (endedAt: number | null | undefined, outcome: unknown): 'open' | 'closed' =>
  endedAt != null && outcome != null ? 'closed' : 'open';

/** FTS5 query from what an operator typed: each word a prefix term, all required; no operators. */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}

/** The only code that reads and writes incident tables. */
export class IncidentRepository {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
  ) {}

  create(userId: number, f: IncidentFields, firstLine?: string): Incident {
    const now = Date.now();
    const year = new Date(f.startedAt).getUTCFullYear();
    const ref = `${year}/${String(nextInSequence(this.db, `incident:${year}`)).padStart(6, '0')}`;
    const info = this.db
      .prepare(
        `INSERT INTO incidents (ref, version, status, started_at, ended_at, district, town, location, cameras, source, category,
          police_refs, outcome, outcome_notes, evidence, shared_with_police, operator_id, created_at, updated_at, rev)
         VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      )
      .run(
        ref,
        statusOf(f.endedAt, f.outcome),
        f.startedAt,
        f.endedAt ?? null,
        f.district,
        f.town,
        f.location,
        JSON.stringify(f.cameras),
        f.source,
        f.category,
        JSON.stringify(f.policeRefs),
        f.outcome ?? null,
        f.outcomeNotes ?? '',
        JSON.stringify(f.evidence),
        f.sharedWithPolice ? 1 : 0,
        userId,
        now,
        now,
      );
    const id = Number(info.lastInsertRowid);
    if (firstLine) this.insertNarrative(id, userId, 'operator', firstLine, f.startedAt);
    this.touch(id);
    return this.get(id)!;
  }

  /** Applies changed fields; the old and new values go into the history. Returns null on a stale version. */
  update(
    userId: number,
    id: number,
    version: number,
    changes: Partial<IncidentFields>,
    reason: string,
  ): Incident | 'stale' | undefined {
    const before = this.get(id, false);
    if (!before) return undefined;
    if (before.version !== version) return 'stale';
    const diff: IncidentChange['changes'] = {};
    const sets: string[] = [];
    const args: unknown[] = [];
    for (const [key, value] of Object.entries(changes) as [keyof IncidentFields, unknown][]) {
      if (value === undefined) continue;
      const old = (before as unknown as Record<string, unknown>)[key];
      if (JSON.stringify(old ?? null) === JSON.stringify(value ?? null)) continue;
      diff[key] = { from: old ?? null, to: value ?? null };
      sets.push(`${COLUMNS[key].column} = ?`);
      args.push(COLUMNS[key].encode(value as never));
    }
    if (sets.length === 0) return before;
    const endedAt = 'endedAt' in changes ? changes.endedAt : before.endedAt;
    const outcome = 'outcome' in changes ? changes.outcome : before.outcome;
    const now = Date.now();
    this.db
      .prepare(
        `UPDATE incidents SET ${sets.join(', ')}, status = ?, version = version + 1, updated_at = ? WHERE id = ?`,
      )
      .run(...args, statusOf(endedAt, outcome), now, id);
    this.db
      .prepare(
        'INSERT INTO incident_history (incident_id, at, user_id, version, reason, changes) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, now, userId, version + 1, reason, JSON.stringify(diff));
    this.touch(id);
    return this.get(id)!;
  }

  addNarrative(
    userId: number,
    id: number,
    kind: NarrativeEntry['kind'],
    text: string,
    at = Date.now(),
  ): Incident | undefined {
    if (!this.exists(id)) return undefined;
    this.insertNarrative(id, userId, kind, text, at);
    this.db.prepare('UPDATE incidents SET updated_at = ? WHERE id = ?').run(Date.now(), id);
    this.touch(id);
    return this.get(id)!;
  }

  review(userId: number, id: number, notes: string): Incident | undefined {
    if (!this.exists(id)) return undefined;
    this.db
      .prepare('UPDATE incidents SET review_by = ?, review_at = ?, review_notes = ?, updated_at = ? WHERE id = ?')
      .run(userId, Date.now(), notes, Date.now(), id);
    this.touch(id);
    return this.get(id)!;
  }

  saveSnapshot(id: number, cameraId: string, jpeg: Uint8Array): void {
    this.db
      .prepare('INSERT OR REPLACE INTO incident_snapshots (incident_id, camera_id, taken_at, jpeg) VALUES (?, ?, ?, ?)')
      .run(id, cameraId, Date.now(), jpeg);
    this.touch(id);
  }

  snapshot(id: number): Buffer | undefined {
    return (
      this.db.prepare('SELECT jpeg FROM incident_snapshots WHERE incident_id = ?').get(id) as
        { jpeg: Buffer } | undefined
    )?.jpeg;
  }

  /**
   * Incidents naming a camera that overlap [from, to) (open ones count for an hour), for the
   * recording timeline. Incidents longer than a week are not looked for before `from`.
   */
  touchingCamera(
    cameraId: string,
    from: number,
    to: number,
    limit: number,
  ): { id: number; ref: string; category: string; from: number; to: number | null }[] {
    return this.db
      .prepare(
        `SELECT id, ref, category, started_at AS "from", ended_at AS "to" FROM incidents
          WHERE started_at < ? AND started_at > ? AND COALESCE(ended_at, started_at + 3600000) > ?
            AND EXISTS (SELECT 1 FROM json_each(incidents.cameras) WHERE value = ?)
          ORDER BY started_at LIMIT ?`,
      )
      .all(to, from - 7 * 86_400_000, from, cameraId, limit) as {
      id: number;
      ref: string;
      category: string;
      from: number;
      to: number | null;
    }[];
  }

  exists(id: number): boolean {
    return this.db.prepare('SELECT 1 FROM incidents WHERE id = ?').get(id) !== undefined;
  }

  get(id: number, withNarrative = true): Incident | undefined {
    const row = this.db.prepare(`${SELECT} WHERE i.id = ?`).get(id) as Row | undefined;
    if (!row) return undefined;
    return this.toIncident(row, withNarrative ? this.narrative(id) : []);
  }

  history(id: number): IncidentChange[] {
    return (
      this.db
        .prepare(
          'SELECT h.at, u.display_name AS by, h.version, h.reason, h.changes FROM incident_history h JOIN users u ON u.id = h.user_id WHERE h.incident_id = ? ORDER BY h.id',
        )
        .all(id) as (Omit<IncidentChange, 'changes'> & { changes: string })[]
    ).map((h) => ({ ...h, changes: JSON.parse(h.changes) as IncidentChange['changes'] }));
  }

  /**
   * Newest first, by start time (text searches: newest created first, which FTS5 walks without
   * sorting). `sharedOnly` is the police liaison view.
   */
  list(q: IncidentQuery & { limit: number }, sharedOnly: boolean): Incident[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (sharedOnly) where.push('i.shared_with_police = 1');
    if (q.from !== undefined) {
      where.push('i.started_at >= ?');
      args.push(q.from);
    }
    if (q.to !== undefined) {
      where.push('i.started_at <= ?');
      args.push(q.to);
    }
    if (q.district) {
      where.push('i.district = ?');
      args.push(q.district);
    }
    if (q.category) {
      where.push('i.category = ?');
      args.push(q.category);
    }
    if (q.status) {
      where.push('i.status = ?');
      args.push(q.status);
    }
    const match = q.text ? ftsQuery(q.text) : null;
    let sql: string;
    if (match) {
      if (q.from !== undefined || q.to !== undefined) {
        const ids = this.idsStartedBetween(q.from, q.to);
        if (ids === 'none') return [];
        if (ids) {
          where.push('f.rowid >= ?', 'f.rowid <= ?');
          args.push(ids.lo, ids.hi);
        }
      }
      if (q.beforeId !== undefined) {
        where.push('f.rowid < ?');
        args.push(q.beforeId);
      }
      // FTS5 drives (CROSS JOIN keeps it the outer loop) and consumes ORDER BY rowid DESC and the rowid
      // bound itself, so LIMIT stops the walk after one page instead of joining and sorting every match.
      where.unshift('f.incident_fts MATCH ?');
      args.unshift(match);
      sql = `${COLUMNS_OF_ROW} FROM incident_fts f CROSS JOIN incidents i ON i.id = f.rowid ${PEOPLE}
        WHERE ${where.join(' AND ')} ORDER BY f.rowid DESC LIMIT ?`;
    } else {
      if (q.beforeId !== undefined) {
        where.push('(i.started_at, i.id) < (SELECT started_at, id FROM incidents WHERE id = ?)');
        args.push(q.beforeId);
      }
      sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.started_at DESC, i.id DESC LIMIT ?`;
    }
    const rows = this.db.prepare(sql).all(...args, q.limit) as Row[];
    return rows.map((r) => this.toIncident(r, []));
  }

  /**
   * The lowest and highest id of the incidents that started in a time range, to bound a text search's
   * walk of the index (a superset: the started_at filter still decides), so a search in one month a
   * year ago does not walk a year of newer matches first. Read from the started_at index, up to
   * ID_RANGE_CAP incidents: beyond that the scan costs more than it saves, and the search runs unbounded.
   */
  private idsStartedBetween(from?: number, to?: number): { lo: number; hi: number } | 'none' | undefined {
    const r = this.db
      .prepare(
        `SELECT min(id) AS lo, max(id) AS hi, count(*) AS n FROM
          (SELECT id FROM incidents WHERE started_at >= ? AND started_at <= ? LIMIT ${ID_RANGE_CAP + 1})`,
      )
      .get(from ?? 0, to ?? Number.MAX_SAFE_INTEGER) as { lo: number | null; hi: number | null; n: number };
    if (r.n === 0) return 'none';
    return r.n > ID_RANGE_CAP ? undefined : { lo: r.lo!, hi: r.hi! };
  }

  categories(): string[] {
    return (
      this.db.prepare('SELECT name FROM categories WHERE retired = 0 ORDER BY position').all() as { name: string }[]
    ).map((r) => r.name);
  }

  seedCategories(names: readonly string[]): void {
    const insert = this.db.prepare(
      'INSERT INTO categories (name, position) VALUES (?, ?) ON CONFLICT(name) DO NOTHING',
    );
    names.forEach((n, i) => insert.run(n, i));
  }

  /** Open incidents' references, for a shift's carry-over. */
  openRefs(): string[] {
    return (
      this.db.prepare("SELECT ref FROM incidents WHERE status = 'open' ORDER BY id").all() as { ref: string }[]
    ).map((r) => r.ref);
  }

  private insertNarrative(id: number, userId: number, kind: NarrativeEntry['kind'], text: string, at: number): void {
    this.db
      .prepare('INSERT INTO incident_narrative (incident_id, at, user_id, kind, text) VALUES (?, ?, ?, ?, ?)')
      .run(id, at, userId, kind, text);
  }

  private narrative(id: number): NarrativeEntry[] {
    return this.db
      .prepare(
        'SELECT n.id, n.at, u.display_name AS by, n.kind, n.text FROM incident_narrative n JOIN users u ON u.id = n.user_id WHERE n.incident_id = ? ORDER BY n.id',
      )
      .all(id) as NarrativeEntry[];
  }

  /** Takes a rev and refreshes the search index for the incident. */
  private touch(id: number): void {
    const rev = this.changes.next('incident', id);
    this.db.prepare('UPDATE incidents SET rev = ? WHERE id = ?').run(rev, id);
    const r = this.db
      .prepare('SELECT ref, district, town, location, police_refs FROM incidents WHERE id = ?')
      .get(id) as {
      ref: string;
      district: string;
      town: string;
      location: string;
      police_refs: string;
    };
    const narrative =
      (
        this.db
          .prepare('SELECT group_concat(text, char(10)) AS t FROM incident_narrative WHERE incident_id = ?')
          .get(id) as { t: string | null }
      ).t ?? '';
    const police = Object.values(JSON.parse(r.police_refs) as Record<string, string>).join(' ');
    this.db.prepare('DELETE FROM incident_fts WHERE rowid = ?').run(id);
    this.db
      .prepare('INSERT INTO incident_fts (rowid, ref, place, narrative, police) VALUES (?, ?, ?, ?, ?)')
      .run(id, r.ref.replace('/', ' '), `${r.district} ${r.town} ${r.location}`, narrative, police);
  }

  private toIncident(r: Row, narrative: NarrativeEntry[]): Incident {
    return {
      id: r.id,
      ref: r.ref,
      version: r.version,
      status: r.status,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      district: r.district,
      town: r.town,
      location: r.location,
      cameras: JSON.parse(r.cameras) as string[],
      source: r.source,
      category: r.category,
      policeRefs: JSON.parse(r.police_refs) as Incident['policeRefs'],
      outcome: r.outcome,
      outcomeNotes: r.outcome_notes,
      evidence: JSON.parse(r.evidence) as string[],
      sharedWithPolice: r.shared_with_police === 1,
      operator: r.operator,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      review: r.review_at !== null ? { by: r.reviewer ?? '', at: r.review_at, notes: r.review_notes ?? '' } : null,
      hasSnapshot: r.has_snapshot === 1,
      narrative,
      rev: r.rev,
    };
  }
}
