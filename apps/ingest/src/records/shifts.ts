import type { Shift } from '@cctv/protocol';
import type { Db } from '../store/db';
import type { ChangeLog } from './changes';

interface Row {
  id: number;
  started_at: number;
  ended_at: number | null;
  started_by: string;
  on_duty: string;
  handover_notes: string;
  camera_faults: string;
  visitors: string;
  carried_over: string;
  signer: string | null;
  sign_off_at: number | null;
  rev: number;
}

const SELECT =
  'SELECT s.*, a.display_name AS started_by, b.display_name AS signer FROM shifts s JOIN users a ON a.id = s.started_by LEFT JOIN users b ON b.id = s.sign_off_by';

export class ShiftRepository {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
  ) {}

  current(): Shift | undefined {
    const r = this.db.prepare(`${SELECT} WHERE s.ended_at IS NULL ORDER BY s.id DESC LIMIT 1`).get() as Row | undefined;
    return r && toShift(r);
  }

  /** The last shift that ended (the one whose handover a new shift reads). */
  previous(): Shift | undefined {
    const r = this.db.prepare(`${SELECT} WHERE s.ended_at IS NOT NULL ORDER BY s.id DESC LIMIT 1`).get() as
      Row | undefined;
    return r && toShift(r);
  }

  start(userId: number, onDuty: string[]): Shift {
    const info = this.db
      .prepare('INSERT INTO shifts (started_at, started_by, on_duty, rev) VALUES (?, ?, ?, 0)')
      .run(Date.now(), userId, JSON.stringify(onDuty));
    return this.touch(Number(info.lastInsertRowid));
  }

  update(
    id: number,
    u: { handoverNotes?: string; cameraFaults?: string; visitors?: Shift['visitors']; onDuty?: string[] },
  ): Shift | undefined {
    if (!this.get(id)) return undefined;
    const sets: string[] = [];
    const args: unknown[] = [];
    if (u.handoverNotes !== undefined) {
      sets.push('handover_notes = ?');
      args.push(u.handoverNotes);
    }
    if (u.cameraFaults !== undefined) {
      sets.push('camera_faults = ?');
      args.push(u.cameraFaults);
    }
    if (u.visitors !== undefined) {
      sets.push('visitors = ?');
      args.push(JSON.stringify(u.visitors));
    }
    if (u.onDuty !== undefined) {
      sets.push('on_duty = ?');
      args.push(JSON.stringify(u.onDuty));
    }
    if (sets.length) this.db.prepare(`UPDATE shifts SET ${sets.join(', ')} WHERE id = ?`).run(...args, id);
    return this.touch(id);
  }

  end(id: number, carriedOver: string[]): Shift | undefined {
    if (!this.get(id)) return undefined;
    this.db
      .prepare('UPDATE shifts SET ended_at = coalesce(ended_at, ?), carried_over = ? WHERE id = ?')
      .run(Date.now(), JSON.stringify(carriedOver), id);
    return this.touch(id);
  }

  signOff(userId: number, id: number): Shift | undefined {
    if (!this.get(id)) return undefined;
    this.db.prepare('UPDATE shifts SET sign_off_by = ?, sign_off_at = ? WHERE id = ?').run(userId, Date.now(), id);
    return this.touch(id);
  }

  get(id: number): Shift | undefined {
    const r = this.db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as Row | undefined;
    return r && toShift(r);
  }

  list(limit: number): Shift[] {
    return (this.db.prepare(`${SELECT} ORDER BY s.id DESC LIMIT ?`).all(limit) as Row[]).map(toShift);
  }

  private touch(id: number): Shift {
    const rev = this.changes.next('shift', id);
    this.db.prepare('UPDATE shifts SET rev = ? WHERE id = ?').run(rev, id);
    return this.get(id)!;
  }
}

function toShift(r: Row): Shift {
  return {
    id: r.id,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    startedBy: r.started_by,
    onDuty: JSON.parse(r.on_duty) as string[],
    handoverNotes: r.handover_notes,
    cameraFaults: r.camera_faults,
    visitors: JSON.parse(r.visitors) as Shift['visitors'],
    carriedOver: JSON.parse(r.carried_over) as string[],
    signOff: r.sign_off_at !== null ? { by: r.signer ?? '', at: r.sign_off_at } : null,
    rev: r.rev,
  };
}
