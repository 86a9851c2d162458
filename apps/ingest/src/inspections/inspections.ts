import type { CreateInspectionRequest, Inspection } from '@cctv/protocol';
import type { Actor, AuditLog } from '../audit/auditLog';
import type { Db } from '../store/db';

interface Row {
  id: number;
  date: string;
  inspector: string;
  checked: string;
  findings: string;
  recommendations: string;
  created_at: number;
}

/** Inspection reports by vetted volunteers, and supervisors' responses: kept for the annual review. */
export class InspectionRepository {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {}

  create(by: Actor & { userId: number }, req: Required<CreateInspectionRequest>): Inspection {
    return this.db.transaction(() => {
      const info = this.db
        .prepare(
          'INSERT INTO inspections (date, inspector_id, checked, findings, recommendations, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          req.date,
          by.userId,
          req.checked,
          JSON.stringify([...req.findings].sort((a, b) => a.principle - b.principle)),
          req.recommendations,
          Date.now(),
        );
      const id = Number(info.lastInsertRowid);
      this.audit.append(by, 'inspection.created', { target: `inspection:${id}`, details: { date: req.date } });
      return this.byId(id)!;
    })();
  }

  respond(by: Actor & { userId: number }, id: number, response: string): Inspection | undefined {
    return this.db.transaction(() => {
      if (!this.byId(id)) return undefined;
      this.db
        .prepare('INSERT INTO inspection_responses (inspection_id, user_id, at, response) VALUES (?, ?, ?, ?)')
        .run(id, by.userId, Date.now(), response);
      this.audit.append(by, 'inspection.responded', { target: `inspection:${id}` });
      return this.byId(id);
    })();
  }

  byId(id: number): Inspection | undefined {
    const r = this.db
      .prepare(
        'SELECT i.*, u.display_name AS inspector FROM inspections i JOIN users u ON u.id = i.inspector_id WHERE i.id = ?',
      )
      .get(id) as Row | undefined;
    return r && this.toInspection(r);
  }

  list(): Inspection[] {
    const rows = this.db
      .prepare(
        'SELECT i.*, u.display_name AS inspector FROM inspections i JOIN users u ON u.id = i.inspector_id ORDER BY i.date DESC, i.id DESC',
      )
      .all() as Row[];
    return rows.map((r) => this.toInspection(r));
  }

  private toInspection(r: Row): Inspection {
    const responses = this.db
      .prepare(
        'SELECT u.display_name AS by, r.at, r.response FROM inspection_responses r JOIN users u ON u.id = r.user_id WHERE r.inspection_id = ? ORDER BY r.id',
      )
      .all(r.id) as Inspection['responses'];
    return {
      id: r.id,
      date: r.date,
      inspector: r.inspector,
      checked: r.checked,
      findings: JSON.parse(r.findings) as Inspection['findings'],
      recommendations: r.recommendations,
      createdAt: r.created_at,
      responses,
    };
  }
}
