import {
  createPoliceRequestSchema,
  lawfulBasisSchema,
  releaseSchema,
  urgencySchema,
  type CommandError,
  type CreatePoliceRequest,
} from '@cctv/protocol';
import { localTimeMs } from '../audit/auditQuery';
import { fieldLabel, type FieldErrors } from '../auth/formErrors';
import { localInput } from '../records/incidentForm';

export type LawfulBasis = (typeof lawfulBasisSchema.options)[number];
export type Urgency = (typeof urgencySchema.options)[number];
export const LAWFUL_BASES = lawfulBasisSchema.options;
export const URGENCIES = urgencySchema.options;

export const LAWFUL_BASIS_LABELS: Record<LawfulBasis, string> = {
  'dpa-2018-sch2-p1-para2': 'DPA 2018 Sch. 2 Pt 1 para 2 (crime prevention)',
  'subject-access-request': 'Subject access request',
  'court-order': 'Court order',
  'ripa-directed-surveillance': 'RIPA directed surveillance',
};

/** A police request as typed. */
export interface RequestDraft {
  receivedAt: string;
  name: string;
  rank: string;
  collarNumber: string;
  force: string;
  lawfulBasis: LawfulBasis;
  ripaReference: string;
  ripaExpiresAt: string;
  cad: string;
  crimeRef: string;
  urn: string;
  cameras: string;
  from: string;
  to: string;
  reason: string;
  urgency: Urgency;
  /** The incident it relates to, by id (optional). */
  incidentId: string;
}

export type RequestField = keyof RequestDraft;
const FIELDS = new Set<string>([
  'receivedAt',
  'name',
  'rank',
  'collarNumber',
  'force',
  'lawfulBasis',
  'ripaReference',
  'ripaExpiresAt',
  'cad',
  'crimeRef',
  'urn',
  'cameras',
  'from',
  'to',
  'reason',
  'urgency',
  'incidentId',
]);

export function newRequestDraft(
  now: number,
  incident?: { id: number; cameras: string[]; startedAt: number },
): RequestDraft {
  return {
    receivedAt: localInput(now),
    name: '',
    rank: '',
    collarNumber: '',
    force: '',
    lawfulBasis: 'dpa-2018-sch2-p1-para2',
    ripaReference: '',
    ripaExpiresAt: '',
    cad: '',
    crimeRef: '',
    urn: '',
    cameras: incident?.cameras.join(', ') ?? '',
    from: incident ? localInput(incident.startedAt - 15 * 60_000) : '',
    to: incident ? localInput(incident.startedAt + 60 * 60_000) : '',
    reason: '',
    urgency: 'routine',
    incidentId: incident ? String(incident.id) : '',
  };
}

const t = (s: string) => localTimeMs(s) ?? Number.NaN;

export function policeRequestOf(d: RequestDraft): CreatePoliceRequest {
  const policeRefs: Record<string, string> = {};
  if (d.cad.trim()) policeRefs.cad = d.cad.trim();
  if (d.crimeRef.trim()) policeRefs.crimeRef = d.crimeRef.trim();
  if (d.urn.trim()) policeRefs.urn = d.urn.trim();
  const req: CreatePoliceRequest = {
    receivedAt: t(d.receivedAt),
    requester: { name: d.name.trim(), rank: d.rank.trim(), collarNumber: d.collarNumber.trim(), force: d.force.trim() },
    lawfulBasis: d.lawfulBasis,
    policeRefs,
    cameras: d.cameras
      .split(/[\s,]+/)
      .map((c) => c.trim())
      .filter(Boolean),
    window: { from: t(d.from), to: t(d.to) },
    reason: d.reason.trim(),
    urgency: d.urgency,
  };
  if (d.lawfulBasis === 'ripa-directed-surveillance' && (d.ripaReference.trim() || d.ripaExpiresAt.trim()))
    req.ripa = { reference: d.ripaReference.trim(), expiresAt: t(d.ripaExpiresAt) };
  const incident = Number(d.incidentId);
  if (d.incidentId.trim() && Number.isInteger(incident) && incident > 0) req.incidentId = incident;
  return req;
}

/** A schema path → the form field showing it. */
export function requestFieldOf(path: readonly PropertyKey[] | string): RequestField | 'form' {
  const p = typeof path === 'string' ? path.split('.') : path.map(String);
  const [a, b] = p;
  if (a === 'requester' && b) return FIELDS.has(b) ? (b as RequestField) : 'form';
  if (a === 'policeRefs' && b) return FIELDS.has(b) ? (b as RequestField) : 'form';
  if (a === 'window') return b === 'from' ? 'from' : 'to';
  if (a === 'ripa') return b === 'expiresAt' ? 'ripaExpiresAt' : 'ripaReference';
  return a && FIELDS.has(a) ? (a as RequestField) : 'form';
}

const LABELS: Partial<Record<RequestField, string>> = {
  receivedAt: 'Received',
  name: 'Requester name',
  collarNumber: 'Collar number',
  ripaReference: 'RIPA reference',
  ripaExpiresAt: 'RIPA expiry',
  cad: 'CAD / log number',
  crimeRef: 'Crime reference',
  urn: 'URN',
  from: 'Footage from',
  to: 'Footage to',
  reason: 'Offence or reason',
  incidentId: 'Incident',
};
export const requestLabel = (f: RequestField) => LABELS[f] ?? fieldLabel(f);

export function requestErrors(d: RequestDraft): FieldErrors<RequestField> {
  const out: FieldErrors<RequestField> = {};
  const add = (f: RequestField | 'form', m: string) => {
    out[f] ??= f === 'form' ? m : `${requestLabel(f)} ${m}`;
  };
  for (const f of ['receivedAt', 'from', 'to'] as const) if (Number.isNaN(t(d[f]))) add(f, 'is not a valid time');
  if (d.lawfulBasis === 'ripa-directed-surveillance') {
    if (!d.ripaReference.trim()) add('ripaReference', 'is required for a RIPA authorisation');
    if (Number.isNaN(t(d.ripaExpiresAt))) add('ripaExpiresAt', 'is required for a RIPA authorisation');
  }
  if (d.incidentId.trim() && !/^[1-9][0-9]*$/.test(d.incidentId.trim()))
    add('incidentId', 'must be an incident number');
  const r = createPoliceRequestSchema.safeParse(policeRequestOf(d));
  if (!r.success) for (const i of r.error.issues) add(requestFieldOf(i.path), i.message);
  return out;
}

/** A server refusal: INVALID_PAYLOAD beside its field, anything else (CONFLICT, FORBIDDEN) for the form. */
export function requestServerErrors(e: CommandError): FieldErrors<RequestField> {
  const field = e.code === 'INVALID_PAYLOAD' && e.field ? requestFieldOf(e.field) : 'form';
  if (field === 'form') return { form: e.message };
  const msg = e.message.startsWith(`${e.field}: `) ? e.message.slice(`${e.field}: `.length) : e.message;
  return { [field]: `${requestLabel(field)} ${msg}` };
}

/** Release details as typed. */
export interface ReleaseDraft {
  releasedAt: string;
  method: 'digital-link' | 'digital-evidence-system' | 'optical-disc' | 'viewing-only' | 'other';
  exhibitId: string;
  hashes: string;
  redactions: string;
  receivedBy: string;
}
export const RELEASE_METHODS = releaseSchema.shape.method.options;

export function releaseOf(id: number, d: ReleaseDraft) {
  return {
    id,
    releasedAt: t(d.releasedAt),
    method: d.method,
    exhibitId: d.exhibitId.trim(),
    hashes: d.hashes
      .split(/[\s,]+/)
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    redactions: d.redactions.trim(),
    receivedBy: d.receivedBy.trim(),
  };
}

/** First problem with a release, in words, or null. */
export function releaseError(id: number, d: ReleaseDraft): string | null {
  const r = releaseSchema.safeParse(releaseOf(id, d));
  if (r.success) return null;
  const i = r.error.issues[0]!;
  return `${fieldLabel(String(i.path[0] ?? 'release'))}: ${i.message}`;
}

/** "3 d 4 h", "2 h 05 min", "40 min". */
export function formatDuration(ms: number): string {
  const min = Math.round(ms / 60_000);
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min`;
}
