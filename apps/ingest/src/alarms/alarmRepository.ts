import type { Alarm, AlarmKind } from '@cctv/protocol';
import type { Db } from '../store/db';

interface Row {
  id: number;
  camera_id: string;
  kind: AlarmKind;
  at: number;
  camera_time: string | null;
  active: number;
  ended_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: number | null;
  ack_name: string | null;
  detail: string | null;
}

const SELECT = 'SELECT a.*, u.display_name AS ack_name FROM alarms a LEFT JOIN users u ON u.id = a.acknowledged_by';

function toAlarm(r: Row): Alarm {
  const extra = r.detail === null ? {} : { detail: r.detail };
  return {
    ...extra,
    id: r.id,
    cameraId: r.camera_id,
    kind: r.kind,
    at: r.at,
    active: r.active === 1,
    endedAt: r.ended_at,
    cameraTime: r.camera_time,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by === null ? null : { userId: r.acknowledged_by, displayName: r.ack_name ?? '' },
  };
}

/** The alarms table: raised, ended, acknowledged. Never deleted (an alarm log outlives its camera). */
export class AlarmRepository {
  constructor(private readonly db: Db) {}

  raise(
    cameraId: string,
    kind: AlarmKind,
    cameraTime: string | null,
    at = Date.now(),
    detail: string | null = null,
  ): Alarm {
    const id = Number(
      this.db
        .prepare('INSERT INTO alarms (camera_id, kind, at, camera_time, active, detail) VALUES (?, ?, ?, ?, 1, ?)')
        .run(cameraId, kind, at, cameraTime, detail).lastInsertRowid,
    );
    return this.get(id)!;
  }

  /** The newest active alarm of this kind on this camera ends; undefined when there is none. */
  end(cameraId: string, kind: AlarmKind, at = Date.now()): Alarm | undefined {
    const r = this.db
      .prepare(
        'UPDATE alarms SET active = 0, ended_at = ? WHERE id = (SELECT id FROM alarms WHERE camera_id = ? AND kind = ? AND active = 1 ORDER BY id DESC LIMIT 1) RETURNING id',
      )
      .get(at, cameraId, kind) as { id: number } | undefined;
    return r && this.get(r.id);
  }

  /** 'already' when someone acknowledged it first (the first acknowledgement stands). */
  acknowledge(id: number, userId: number, at = Date.now()): Alarm | 'already' | undefined {
    const before = this.get(id);
    if (!before) return undefined;
    if (before.acknowledgedAt !== null) return 'already';
    this.db.prepare('UPDATE alarms SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?').run(at, userId, id);
    return this.get(id);
  }

  /** A camera's alarms raised in [from, to), newest `limit` of them, oldest first. */
  between(cameraId: string, from: number, to: number, limit: number): Alarm[] {
    const rows = this.db
      .prepare(`${SELECT} WHERE a.camera_id = ? AND a.at >= ? AND a.at < ? ORDER BY a.at DESC LIMIT ?`)
      .all(cameraId, from, to, limit) as Row[];
    return rows.map(toAlarm).reverse();
  }

  isActive(cameraId: string, kind: AlarmKind): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM alarms WHERE camera_id = ? AND kind = ? AND active = 1 LIMIT 1')
        .get(cameraId, kind) !== undefined
    );
  }

  get(id: number): Alarm | undefined {
    const r = this.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
    return r && toAlarm(r);
  }

  list(q: { unacknowledgedOnly: boolean; cameraId?: string; limit: number }): Alarm[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.unacknowledgedOnly) where.push('a.acknowledged_at IS NULL');
    if (q.cameraId) {
      where.push('a.camera_id = ?');
      args.push(q.cameraId);
    }
    const sql = `${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY a.at DESC, a.id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, q.limit) as Row[]).map(toAlarm);
  }
}
