import type { Db } from '../store/db';

export type ChangeKind = 'incident' | 'policeRequest' | 'shift';

/** The change counter: every create or change takes the next rev inside the writer's transaction. */
export class ChangeLog {
  private readonly insert;
  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO changes (kind, entity_id, at) VALUES (?, ?, ?)');
  }

  next(kind: ChangeKind, entityId: number): number {
    return Number(this.insert.run(kind, entityId, Date.now()).lastInsertRowid);
  }

  latest(): number {
    return (
      this.db.prepare("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0) AS rev").get() as {
        rev: number;
      }
    ).rev;
  }

  /** The records changed after `rev`, each once, in the order of their latest change. */
  since(rev: number, limit = 10_000): { kind: ChangeKind; id: number }[] {
    return (
      this.db
        .prepare(
          'SELECT kind, entity_id AS id, max(rev) AS last FROM changes WHERE rev > ? GROUP BY kind, entity_id ORDER BY last LIMIT ?',
        )
        .all(rev, limit) as { kind: ChangeKind; id: number }[]
    ).map(({ kind, id }) => ({ kind, id }));
  }
}

/** Takes the next number of a yearly sequence (`incident:2026` → 124). */
export function nextInSequence(db: Db, name: string): number {
  db.prepare('INSERT INTO counters (name, value) VALUES (?, 0) ON CONFLICT(name) DO NOTHING').run(name);
  return (
    db.prepare('UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value').get(name) as { value: number }
  ).value;
}
