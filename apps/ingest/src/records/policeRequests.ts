import type { CreatePoliceRequest, PoliceRequest } from '@cctv/protocol';
import type { Db } from '../store/db';
import { nextInSequence, type ChangeLog } from './changes';

interface Row {
  id: number;
  number: string;
  received_at: number;
  requester: string;
  lawful_basis: PoliceRequest['lawfulBasis'];
  ripa: string | null;
  police_refs: string;
  cameras: string;
  window_from: number;
  window_to: number;
  reason: string;
  urgency: PoliceRequest['urgency'];
  incident_id: number | null;
  status: PoliceRequest['status'];
  logged_by: string;
  decision: string | null;
  release: string | null;
  disposal: string | null;
  rev: number;
}

const SELECT = 'SELECT p.*, u.display_name AS logged_by FROM police_requests p JOIN users u ON u.id = p.logged_by';

export type RequestOutcome = PoliceRequest | 'not-found' | 'not-approved' | 'already-decided' | 'not-released';

/** The disclosure log: requests, the data controller's decision (always before release), release, disposal. */
export class PoliceRequestRepository {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
  ) {}

  create(
    userId: number,
    r: Required<Omit<CreatePoliceRequest, 'ripa' | 'incidentId'>> & Pick<CreatePoliceRequest, 'ripa' | 'incidentId'>,
  ): PoliceRequest {
    const year = new Date(r.receivedAt).getUTCFullYear();
    const number = `PR-${year}-${String(nextInSequence(this.db, `request:${year}`)).padStart(4, '0')}`;
    const info = this.db
      .prepare(
        `INSERT INTO police_requests (number, received_at, requester, lawful_basis, ripa, police_refs, cameras, window_from, window_to,
          reason, urgency, incident_id, status, logged_by, created_at, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'awaiting-decision', ?, ?, 0)`,
      )
      .run(
        number,
        r.receivedAt,
        JSON.stringify(r.requester),
        r.lawfulBasis,
        r.ripa ? JSON.stringify(r.ripa) : null,
        JSON.stringify(r.policeRefs),
        JSON.stringify(r.cameras),
        r.window.from,
        r.window.to,
        r.reason,
        r.urgency,
        r.incidentId ?? null,
        userId,
        Date.now(),
      );
    return this.touch(Number(info.lastInsertRowid));
  }

  decide(userId: number, id: number, decision: 'approved' | 'refused', reason: string, byName: string): RequestOutcome {
    const r = this.get(id);
    if (!r) return 'not-found';
    if (r.decision) return 'already-decided';
    this.db
      .prepare('UPDATE police_requests SET decision = ?, status = ? WHERE id = ?')
      .run(JSON.stringify({ decision, by: byName, byId: userId, at: Date.now(), reason }), decision, id);
    return this.touch(id);
  }

  release(id: number, release: Omit<NonNullable<PoliceRequest['release']>, 'by'>, byName: string): RequestOutcome {
    const r = this.get(id);
    if (!r) return 'not-found';
    if (r.decision?.decision !== 'approved') return 'not-approved';
    this.db
      .prepare("UPDATE police_requests SET release = ?, status = 'released' WHERE id = ?")
      .run(JSON.stringify({ ...release, by: byName }), id);
    return this.touch(id);
  }

  dispose(id: number, disposal: Omit<NonNullable<PoliceRequest['disposal']>, 'by'>, byName: string): RequestOutcome {
    const r = this.get(id);
    if (!r) return 'not-found';
    if (!r.release) return 'not-released';
    this.db
      .prepare('UPDATE police_requests SET disposal = ? WHERE id = ?')
      .run(JSON.stringify({ ...disposal, by: byName }), id);
    return this.touch(id);
  }

  get(id: number): PoliceRequest | undefined {
    const row = this.db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as Row | undefined;
    return row && toRequest(row);
  }

  list(q: { status?: PoliceRequest['status']; text?: string; beforeId?: number; limit: number }): PoliceRequest[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.status) {
      where.push('p.status = ?');
      args.push(q.status);
    }
    if (q.beforeId) {
      where.push('p.id < ?');
      args.push(q.beforeId);
    }
    if (q.text) {
      where.push(
        "(p.number LIKE ? ESCAPE '\\' OR p.reason LIKE ? ESCAPE '\\' OR p.requester LIKE ? ESCAPE '\\' OR p.police_refs LIKE ? ESCAPE '\\')",
      );
      const like = `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      args.push(like, like, like, like);
    }
    // Urgent requests waiting for a decision come first: a data controller works down this list.
    const order =
      "CASE WHEN p.status = 'awaiting-decision' THEN CASE p.urgency WHEN 'immediate' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END ELSE 3 END, p.id DESC";
    const rows = this.db
      .prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`)
      .all(...args, q.limit) as Row[];
    return rows.map(toRequest);
  }

  private touch(id: number): PoliceRequest {
    const rev = this.changes.next('policeRequest', id);
    this.db.prepare('UPDATE police_requests SET rev = ? WHERE id = ?').run(rev, id);
    return this.get(id)!;
  }
}

function toRequest(r: Row): PoliceRequest {
  const decision = r.decision
    ? (JSON.parse(r.decision) as NonNullable<PoliceRequest['decision']> & { byId?: number })
    : null;
  const release = r.release ? (JSON.parse(r.release) as NonNullable<PoliceRequest['release']>) : null;
  return {
    id: r.id,
    number: r.number,
    receivedAt: r.received_at,
    requester: JSON.parse(r.requester) as PoliceRequest['requester'],
    lawfulBasis: r.lawful_basis,
    ripa: r.ripa ? (JSON.parse(r.ripa) as PoliceRequest['ripa']) : null,
    policeRefs: JSON.parse(r.police_refs) as PoliceRequest['policeRefs'],
    cameras: JSON.parse(r.cameras) as string[],
    window: { from: r.window_from, to: r.window_to },
    reason: r.reason,
    urgency: r.urgency,
    ...(r.incident_id !== null ? { incidentId: r.incident_id } : {}),
    status: r.status,
    loggedBy: r.logged_by,
    decision: decision && { decision: decision.decision, by: decision.by, at: decision.at, reason: decision.reason },
    release,
    disposal: r.disposal ? (JSON.parse(r.disposal) as PoliceRequest['disposal']) : null,
    turnaroundMs: release ? release.releasedAt - r.received_at : null,
    rev: r.rev,
  };
}
