import type { ZodError } from 'zod';
import { setupSchema, signInSchema, invalidPayload, type AuditAction } from '@cctv/protocol';
import { auditActionSchema } from '@cctv/protocol';
import { actorOf, sessionUser, UserError, type AuthService } from '../auth/authService';
import { auditCsvRow, CSV_HEADER, toCsvRow, type AuditLog } from '../audit/auditLog';
import { HttpError, type Route } from './router';

export interface RouteDeps {
  auth: AuthService;
  audit: AuditLog;
  started: number;
  health(): Record<string, unknown>;
  streams(): unknown;
  snapshot(incidentId: number, seeAll: boolean): Buffer | undefined;
}

function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  body: unknown,
): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    const f = invalidPayload(r.error).error;
    throw new HttpError(400, f.message, f.field);
  }
  return r.data;
}

const num = (v: string | null): number | undefined =>
  v === null || v === '' || !Number.isFinite(Number(v)) ? undefined : Number(v);

export function routes(d: RouteDeps): Route[] {
  return [
    { method: 'GET', path: '/health', access: 'public', handle: () => ({ status: 200, json: d.health() }) },
    {
      method: 'GET',
      path: '/api/auth/status',
      access: 'public',
      handle: () => ({ status: 200, json: { setupNeeded: d.auth.setupNeeded } }),
    },
    {
      method: 'POST',
      path: '/api/auth/setup',
      access: 'public',
      async handle({ body }) {
        const req = parse(setupSchema, body);
        try {
          const user = await d.auth.setup(req.token, req);
          return { status: 201, json: { username: user.username } };
        } catch (e) {
          if (e instanceof UserError) throw new HttpError(403, e.message);
          throw e;
        }
      },
    },
    {
      method: 'POST',
      path: '/api/auth/sign-in',
      access: 'public',
      async handle({ body }) {
        const req = parse(signInSchema, body);
        const r = await d.auth.signIn(req.username, req.password, req.workstation ?? null);
        if ('token' in r) return { status: 200, json: r };
        return { status: r.code === 'RATE_LIMITED' ? 429 : 401, json: { error: r.message, code: r.code } };
      },
    },
    { method: 'GET', path: '/api/streams', access: 'live:view', handle: () => ({ status: 200, json: d.streams() }) },
    {
      method: 'GET',
      path: '/api/incident-snapshot',
      access: 'records:viewShared',
      handle({ url, auth }) {
        const id = num(url.searchParams.get('id'));
        const seeAll = sessionUser(auth!.user).permissions.includes('records:viewAll');
        const jpeg = id !== undefined ? d.snapshot(id, seeAll) : undefined;
        if (!jpeg) throw new HttpError(404, 'No snapshot for that incident.');
        return { status: 200, bytes: jpeg, contentType: 'image/jpeg' };
      },
    },
    {
      method: 'GET',
      path: '/api/audit/verify',
      access: 'audit:view',
      handle: () => ({ status: 200, json: d.audit.verify() }),
    },
    {
      method: 'GET',
      path: '/api/audit.csv',
      access: 'audit:view',
      handle({ url, auth }) {
        const action = url.searchParams.get('action');
        const q = {
          username: url.searchParams.get('username') ?? undefined,
          cameraId: url.searchParams.get('cameraId') ?? undefined,
          action: action && auditActionSchema.safeParse(action).success ? (action as AuditAction) : undefined,
          from: num(url.searchParams.get('from')),
          to: num(url.searchParams.get('to')),
        };
        d.audit.append(actorOf(auth!.user, auth!.session.workstation), 'audit.exported', { details: { query: q } });
        const rows = d.audit.iterate(q);
        function* csv(): Generator<string> {
          yield toCsvRow(CSV_HEADER) + '\r\n';
          for (const e of rows) yield auditCsvRow(e) + '\r\n';
        }
        return {
          status: 200,
          stream: csv(),
          contentType: 'text/csv; charset=utf-8',
          filename: `audit-${new Date().toISOString().slice(0, 10)}.csv`,
        };
      },
    },
  ];
}
