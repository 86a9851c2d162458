import { auditActionSchema, type AuditAction, type AuditSearchRequest } from '@cctv/protocol';

/** The audit search form as typed: empty strings mean "any". Times are `datetime-local` values. */
export interface AuditFilter {
  username: string;
  cameraId: string;
  action: AuditAction | '';
  from: string;
  to: string;
}

export const emptyAuditFilter: AuditFilter = { username: '', cameraId: '', action: '', from: '', to: '' };
export const AUDIT_PAGE_SIZE = 100;
export const AUDIT_ACTIONS: readonly AuditAction[] = auditActionSchema.options;

/** A `datetime-local` value (the workstation's local time) as epoch ms; undefined when empty or invalid. */
export function localTimeMs(value: string): number | undefined {
  if (!value.trim()) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** The filter's non-empty criteria, as both the socket search and the CSV export take them. */
export function auditCriteria(f: AuditFilter): Omit<AuditSearchRequest, 'beforeId' | 'limit'> {
  const c: Omit<AuditSearchRequest, 'beforeId' | 'limit'> = {};
  const username = f.username.trim().toLowerCase();
  const cameraId = f.cameraId.trim();
  const from = localTimeMs(f.from);
  const to = localTimeMs(f.to);
  if (username) c.username = username;
  if (cameraId) c.cameraId = cameraId;
  if (f.action) c.action = f.action;
  if (from !== undefined) c.from = from;
  if (to !== undefined) c.to = to;
  return c;
}

/** `audit:search` for one page, newest first; `beforeId` pages backwards. */
export function auditSearchRequest(f: AuditFilter, beforeId?: number, limit = AUDIT_PAGE_SIZE): AuditSearchRequest {
  return beforeId === undefined ? { ...auditCriteria(f), limit } : { ...auditCriteria(f), beforeId, limit };
}

/** The CSV export of the same filter: `GET /api/audit.csv?…` (sent with the bearer token). */
export function auditCsvPath(f: AuditFilter): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(auditCriteria(f))) q.set(k, String(v));
  const s = q.toString();
  return s ? `/api/audit.csv?${s}` : '/api/audit.csv';
}
