import {
  DEFAULT_CATEGORIES,
  type CreateIncidentRequest,
  type Incident,
  type IncidentQuery,
  type PoliceRequest,
  type RecordChanges,
  type Shift,
} from '@cctv/protocol';
import type { z } from 'zod';
import type { controlCommands } from '@cctv/protocol';
import type { AuditLog } from '../audit/auditLog';
import type { Logger } from '../log';
import { CommandFailure } from '../socket/commands';
import type { SocketData } from '../socket/socketData';
import type { Db } from '../store/db';
import { ChangeLog } from './changes';
import { IncidentRepository, type IncidentFields } from './incidents';
import { PoliceRequestRepository, type RequestOutcome } from './policeRequests';
import { ShiftRepository } from './shifts';

type Req<K extends keyof typeof controlCommands> = z.output<(typeof controlCommands)[K]['request']>;

/** Where changes go once committed; the socket layer decides who may see each. */
export interface RecordsListener {
  incident(i: Incident): void;
  policeRequest(r: PoliceRequest): void;
  shift(s: Shift): void;
}

/** Changed records one catch-up answer carries at most. */
const CATCH_UP_LIMIT = 10_000;

const canSeeAll = (ctx: SocketData) => ctx.user.permissions.includes('records:viewAll');

function requestOk(r: RequestOutcome, id: number): PoliceRequest {
  if (r === 'not-found') throw new CommandFailure('NOT_FOUND', `No police request ${id}.`);
  if (r === 'not-approved')
    throw new CommandFailure('CONFLICT', 'Nothing is released before a data controller approves the request.');
  if (r === 'already-decided')
    throw new CommandFailure('CONFLICT', 'This request has already been decided; the decision stands.');
  if (r === 'not-released') throw new CommandFailure('CONFLICT', 'Nothing was released for this request.');
  return r;
}

/**
 * The control room's records: the occurrence log, police requests and disclosures, shift logs. Each
 * command's write and its audit entry commit in one transaction (synchronous=FULL: durable before the
 * console is told), and only then is the change published.
 */
export class RecordsService {
  readonly incidents: IncidentRepository;
  readonly requests: PoliceRequestRepository;
  readonly shifts: ShiftRepository;
  readonly changes: ChangeLog;
  private readonly log: Logger;
  listener: RecordsListener = { incident: () => undefined, policeRequest: () => undefined, shift: () => undefined };

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    log: Logger,
    private readonly snapshot: (cameraId: string) => Promise<Buffer | undefined>,
  ) {
    this.log = log;
    this.changes = new ChangeLog(db);
    this.incidents = new IncidentRepository(db, this.changes);
    this.requests = new PoliceRequestRepository(db, this.changes);
    this.shifts = new ShiftRepository(db, this.changes);
    if (this.incidents.categories().length === 0) this.incidents.seedCategories(DEFAULT_CATEGORIES);
  }

  async createIncident(req: Req<'incident:create'>, ctx: SocketData): Promise<Incident> {
    this.checkCategory(req.category);
    const { narrative, snapshotFrom, ...fields } = req as CreateIncidentRequest & IncidentFields;
    // The picture is taken before the transaction: ffmpeg is slow and the database must not wait on it.
    const jpeg = snapshotFrom
      ? await this.snapshot(snapshotFrom).catch((e: unknown) => {
          this.log.warn({ camera: snapshotFrom, err: e }, 'snapshot failed; the incident is logged without one');
          return undefined;
        })
      : undefined;
    const incident = this.db.transaction(() => {
      const i = this.incidents.create(ctx.user.id, fields, narrative);
      if (jpeg && snapshotFrom) this.incidents.saveSnapshot(i.id, snapshotFrom, jpeg);
      this.audit.append(ctx.actor, 'record.created', {
        target: `incident:${i.ref}`,
        cameraId: snapshotFrom,
        details: { category: i.category, district: i.district },
      });
      return this.incidents.get(i.id)!;
    })();
    this.listener.incident(incident);
    return incident;
  }

  updateIncident(req: Req<'incident:update'>, ctx: SocketData): Incident {
    if (req.changes.category) this.checkCategory(req.changes.category);
    const result = this.db.transaction(() => {
      const r = this.incidents.update(
        ctx.user.id,
        req.id,
        req.version,
        req.changes as Partial<IncidentFields>,
        req.reason ?? '',
      );
      if (r && r !== 'stale')
        this.audit.append(ctx.actor, 'record.changed', {
          target: `incident:${r.ref}`,
          details: { fields: Object.keys(req.changes), version: r.version },
        });
      return r;
    })();
    if (result === undefined) throw new CommandFailure('NOT_FOUND', `No incident ${req.id}.`);
    if (result === 'stale')
      throw new CommandFailure(
        'CONFLICT',
        'Someone else changed this incident since you opened it. Reload it and apply your change again.',
      );
    this.listener.incident(result);
    return result;
  }

  addNarrative(req: Req<'incident:addNarrative'>, ctx: SocketData, kind: 'operator' | 'police-comment'): Incident {
    const result = this.db.transaction(() => {
      const existing = this.incidents.get(req.id, false);
      // A police comment can only go on an incident the police can see; say "no incident" otherwise,
      // so an id guess reveals nothing.
      if (!existing || (kind === 'police-comment' && !existing.sharedWithPolice && !canSeeAll(ctx))) return undefined;
      const i = this.incidents.addNarrative(
        ctx.user.id,
        req.id,
        kind,
        req.text,
        kind === 'police-comment' ? Date.now() : req.at,
      );
      this.audit.append(ctx.actor, 'record.changed', {
        target: `incident:${existing.ref}`,
        details: { narrative: kind },
      });
      return i;
    })();
    if (!result) throw new CommandFailure('NOT_FOUND', `No incident ${req.id}.`);
    this.listener.incident(result);
    return result;
  }

  review(req: Req<'incident:review'>, ctx: SocketData): Incident {
    const result = this.db.transaction(() => {
      const i = this.incidents.review(ctx.user.id, req.id, req.notes);
      if (i)
        this.audit.append(ctx.actor, 'record.changed', { target: `incident:${i.ref}`, details: { reviewed: true } });
      return i;
    })();
    if (!result) throw new CommandFailure('NOT_FOUND', `No incident ${req.id}.`);
    this.listener.incident(result);
    return result;
  }

  getIncident(id: number, ctx: SocketData) {
    const incident = this.incidents.get(id);
    if (!incident || (!incident.sharedWithPolice && !canSeeAll(ctx)))
      throw new CommandFailure('NOT_FOUND', `No incident ${id}.`);
    return { incident, history: this.incidents.history(id) };
  }

  listIncidents(q: IncidentQuery & { limit: number }, ctx: SocketData): Incident[] {
    return this.incidents.list(q, !canSeeAll(ctx));
  }

  /** A snapshot only for someone who may see the incident. */
  snapshotOf(id: number, seeAll: boolean): Buffer | undefined {
    const i = this.incidents.get(id, false);
    if (!i || (!i.sharedWithPolice && !seeAll)) return undefined;
    return this.incidents.snapshot(id);
  }

  createRequest(req: Req<'policeRequest:create'>, ctx: SocketData): PoliceRequest {
    if (req.incidentId !== undefined && !this.incidents.exists(req.incidentId))
      throw new CommandFailure('NOT_FOUND', `No incident ${req.incidentId}.`);
    const r = this.db.transaction(() => {
      const created = this.requests.create(ctx.user.id, req);
      this.audit.append(ctx.actor, 'record.created', {
        target: `request:${created.number}`,
        details: { lawfulBasis: created.lawfulBasis, urgency: created.urgency },
      });
      return created;
    })();
    this.listener.policeRequest(r);
    return r;
  }

  decide(req: Req<'policeRequest:decide'>, ctx: SocketData): PoliceRequest {
    const r = this.db.transaction(() => {
      const out = this.requests.decide(ctx.user.id, req.id, req.decision, req.reason, ctx.user.displayName);
      if (typeof out !== 'string')
        this.audit.append(ctx.actor, 'disclosure.decided', {
          target: `request:${out.number}`,
          details: { decision: req.decision, reason: req.reason },
        });
      return out;
    })();
    const ok = requestOk(r, req.id);
    this.listener.policeRequest(ok);
    return ok;
  }

  release(req: Req<'policeRequest:release'>, ctx: SocketData): PoliceRequest {
    const { id, ...release } = req;
    const r = this.db.transaction(() => {
      const out = this.requests.release(id, release, ctx.user.displayName);
      if (typeof out !== 'string')
        this.audit.append(ctx.actor, 'evidence.exported', {
          target: `request:${out.number}`,
          details: { exhibitId: release.exhibitId, method: release.method, hashes: release.hashes },
        });
      return out;
    })();
    const ok = requestOk(r, id);
    this.listener.policeRequest(ok);
    return ok;
  }

  dispose(req: Req<'policeRequest:dispose'>, ctx: SocketData): PoliceRequest {
    const { id, ...disposal } = req;
    const r = this.db.transaction(() => {
      const out = this.requests.dispose(id, disposal, ctx.user.displayName);
      if (typeof out !== 'string')
        this.audit.append(ctx.actor, 'record.changed', {
          target: `request:${out.number}`,
          details: { media: disposal.kind },
        });
      return out;
    })();
    const ok = requestOk(r, id);
    this.listener.policeRequest(ok);
    return ok;
  }

  startShift(req: Req<'shift:start'>, ctx: SocketData) {
    if (this.shifts.current())
      throw new CommandFailure('CONFLICT', 'A shift is already in progress: end it first (its handover carries over).');
    const shift = this.db.transaction(() => {
      const s = this.shifts.start(ctx.user.id, req.onDuty);
      this.audit.append(ctx.actor, 'record.created', { target: `shift:${s.id}`, details: { onDuty: req.onDuty } });
      return s;
    })();
    this.listener.shift(shift);
    return { shift, previous: this.shifts.previous() ?? null };
  }

  updateShift(req: Req<'shift:update'>, ctx: SocketData): Shift {
    const { id, ...changes } = req;
    const s = this.db.transaction(() => {
      const out = this.shifts.update(id, changes);
      if (out)
        this.audit.append(ctx.actor, 'record.changed', {
          target: `shift:${id}`,
          details: { fields: Object.keys(changes) },
        });
      return out;
    })();
    if (!s) throw new CommandFailure('NOT_FOUND', `No shift ${id}.`);
    this.listener.shift(s);
    return s;
  }

  endShift(id: number, ctx: SocketData): Shift {
    const s = this.db.transaction(() => {
      const out = this.shifts.end(id, this.incidents.openRefs());
      if (out)
        this.audit.append(ctx.actor, 'record.changed', {
          target: `shift:${id}`,
          details: { ended: true, carriedOver: out.carriedOver.length },
        });
      return out;
    })();
    if (!s) throw new CommandFailure('NOT_FOUND', `No shift ${id}.`);
    this.listener.shift(s);
    return s;
  }

  signOffShift(id: number, ctx: SocketData): Shift {
    const existing = this.shifts.get(id);
    if (!existing) throw new CommandFailure('NOT_FOUND', `No shift ${id}.`);
    if (existing.endedAt === null) throw new CommandFailure('CONFLICT', 'A shift is signed off after it ends.');
    const s = this.db.transaction(() => {
      const out = this.shifts.signOff(ctx.user.id, id)!;
      this.audit.append(ctx.actor, 'record.changed', { target: `shift:${id}`, details: { signedOff: true } });
      return out;
    })();
    this.listener.shift(s);
    return s;
  }

  /** What changed after `sinceRev`, filtered to what this user may see. */
  catchUp(sinceRev: number, ctx: SocketData): RecordChanges {
    const changed = this.changes.since(sinceRev, CATCH_UP_LIMIT);
    const out: RecordChanges = {
      rev: this.changes.latest(),
      truncated: changed.length >= CATCH_UP_LIMIT,
      incidents: [],
      removedIncidents: [],
      policeRequests: [],
      shifts: [],
    };
    const all = canSeeAll(ctx);
    const requests = ctx.user.permissions.includes('requests:view');
    for (const c of changed) {
      if (c.kind === 'incident') {
        const i = this.incidents.get(c.id);
        if (!i) continue;
        if (all || i.sharedWithPolice) out.incidents.push(i);
        else out.removedIncidents.push(i.id);
      } else if (c.kind === 'policeRequest' && requests) {
        const r = this.requests.get(c.id);
        if (r) out.policeRequests.push(r);
      } else if (c.kind === 'shift' && all) {
        const s = this.shifts.get(c.id);
        if (s) out.shifts.push(s);
      }
    }
    return out;
  }

  private checkCategory(category: string): void {
    if (!this.incidents.categories().some((c) => c.toLowerCase() === category.toLowerCase())) {
      throw new CommandFailure(
        'INVALID_PAYLOAD',
        `category: "${category}" is not in the room's category list`,
        'category',
      );
    }
  }
}
