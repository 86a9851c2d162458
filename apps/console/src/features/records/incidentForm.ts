import {
  createIncidentSchema,
  incidentFieldsSchema,
  incidentOutcomeSchema,
  incidentSourceSchema,
  type CommandError,
  type CreateIncidentRequest,
  type Incident,
  type UpdateIncidentRequest,
} from '@cctv/protocol';
import { localTimeMs } from '../audit/auditQuery';
import { fieldLabel, type FieldErrors } from '../auth/formErrors';

export type IncidentSource = (typeof incidentSourceSchema.options)[number];
export type IncidentOutcome = (typeof incidentOutcomeSchema.options)[number];
export const SOURCES = incidentSourceSchema.options;
export const OUTCOMES = incidentOutcomeSchema.options;

/** The incident form as typed: strings for every input, so nothing typed is lost to parsing. */
export interface IncidentDraft {
  category: string;
  location: string;
  district: string;
  town: string;
  startedAt: string;
  endedAt: string;
  source: IncidentSource;
  /** Camera ids, comma- or space-separated. */
  cameras: string;
  cad: string;
  crimeRef: string;
  urn: string;
  outcome: IncidentOutcome | '';
  outcomeNotes: string;
  /** One evidence reference per line. */
  evidence: string;
  sharedWithPolice: boolean;
  /** The first narrative line (new incidents only). */
  narrative: string;
  /** Opened from a tile: the server takes a snapshot of this camera (new incidents only). */
  snapshotFrom: string;
}

export type IncidentField = Exclude<keyof IncidentDraft, 'snapshotFrom'>;
export const INCIDENT_FIELDS: readonly IncidentField[] = [
  'category',
  'location',
  'district',
  'town',
  'startedAt',
  'endedAt',
  'source',
  'cameras',
  'cad',
  'crimeRef',
  'urn',
  'outcome',
  'outcomeNotes',
  'evidence',
  'sharedWithPolice',
  'narrative',
];

export const SOURCE_LABELS: Record<IncidentSource, string> = {
  proactive: 'Proactive (operator)',
  'police-request': 'Police request',
  'radio-shopwatch': 'Radio: ShopWatch',
  'radio-pubwatch': 'Radio: PubWatch',
  'member-of-public': 'Member of the public',
  alarm: 'Alarm',
  other: 'Other',
};

export const OUTCOME_LABELS: Record<IncidentOutcome, string> = {
  arrest: 'Arrest',
  dispersal: 'Dispersal',
  advice: 'Advice given',
  'no-trace': 'No trace',
  'missing-person-found': 'Missing person found',
  'handed-to-police': 'Handed to police',
  'ambulance-called': 'Ambulance called',
  'no-further-action': 'No further action',
  other: 'Other',
};

/** A `datetime-local` value for epoch ms, in the workstation's time zone (minutes precision). */
export function localInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Sensible defaults for a new incident: now, proactive, and the camera (and its district) it came from. */
export function newIncidentDraft(
  now: number,
  from?: { camera?: string; district?: string; snapshot?: boolean },
): IncidentDraft {
  return {
    category: '',
    location: '',
    district: from?.district ?? '',
    town: '',
    startedAt: localInput(now),
    endedAt: '',
    source: 'proactive',
    cameras: from?.camera ?? '',
    cad: '',
    crimeRef: '',
    urn: '',
    outcome: '',
    outcomeNotes: '',
    evidence: '',
    sharedWithPolice: false,
    narrative: '',
    snapshotFrom: from?.snapshot && from.camera ? from.camera : '',
  };
}

/** The draft an edit starts from. */
export function draftOf(i: Incident): IncidentDraft {
  return {
    category: i.category,
    location: i.location,
    district: i.district,
    town: i.town,
    startedAt: localInput(i.startedAt),
    endedAt: i.endedAt === null ? '' : localInput(i.endedAt),
    source: i.source,
    cameras: i.cameras.join(', '),
    cad: i.policeRefs.cad ?? '',
    crimeRef: i.policeRefs.crimeRef ?? '',
    urn: i.policeRefs.urn ?? '',
    outcome: i.outcome ?? '',
    outcomeNotes: i.outcomeNotes,
    evidence: i.evidence.join('\n'),
    sharedWithPolice: i.sharedWithPolice,
    narrative: '',
    snapshotFrom: '',
  };
}

const list = (s: string, sep: RegExp) =>
  s
    .split(sep)
    .map((x) => x.trim())
    .filter(Boolean);

/** Invalid times stay NaN so the schema names the field instead of silently dropping it. */
const timeOf = (s: string) => localTimeMs(s) ?? Number.NaN;

function fieldsOf(d: IncidentDraft) {
  const policeRefs: Incident['policeRefs'] = {};
  if (d.cad.trim()) policeRefs.cad = d.cad.trim();
  if (d.crimeRef.trim()) policeRefs.crimeRef = d.crimeRef.trim();
  if (d.urn.trim()) policeRefs.urn = d.urn.trim();
  return {
    startedAt: timeOf(d.startedAt),
    endedAt: d.endedAt.trim() ? timeOf(d.endedAt) : null,
    district: d.district.trim(),
    town: d.town.trim(),
    location: d.location.trim(),
    cameras: list(d.cameras, /[\s,]+/),
    source: d.source,
    category: d.category.trim(),
    policeRefs,
    outcome: d.outcome === '' ? null : d.outcome,
    outcomeNotes: d.outcomeNotes.trim(),
    evidence: list(d.evidence, /\n+/),
    sharedWithPolice: d.sharedWithPolice,
  };
}

/** `incident:create` from the form. */
export function createRequest(d: IncidentDraft): CreateIncidentRequest {
  const req: CreateIncidentRequest = fieldsOf(d);
  if (d.narrative.trim()) req.narrative = d.narrative.trim();
  if (d.snapshotFrom) req.snapshotFrom = d.snapshotFrom;
  return req;
}

/** `incident:update` naming only what changed since `i`; null when nothing did. */
export function updateRequest(i: Incident, d: IncidentDraft): UpdateIncidentRequest | null {
  const next = fieldsOf(d);
  const before = fieldsOf(draftOf(i));
  const changes: Record<string, unknown> = {};
  for (const k of Object.keys(next) as (keyof typeof next)[]) {
    if (JSON.stringify(next[k]) !== JSON.stringify(before[k])) changes[k] = next[k];
  }
  return Object.keys(changes).length ? { id: i.id, version: i.version, changes } : null;
}

/** A schema path (`policeRefs.cad`, `cameras.1`) → the form field that shows it. */
export function fieldOfPath(path: readonly PropertyKey[] | string): IncidentField | 'form' {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  const [head, sub] = parts;
  if (head === 'policeRefs' && (sub === 'cad' || sub === 'crimeRef' || sub === 'urn')) return sub;
  return (INCIDENT_FIELDS as readonly string[]).includes(head ?? '') ? (head as IncidentField) : 'form';
}

const LABELS: Partial<Record<IncidentField, string>> = {
  startedAt: 'Start time',
  endedAt: 'End time',
  cad: 'CAD / log number',
  crimeRef: 'Crime reference',
  urn: 'URN',
  sharedWithPolice: 'Shared with police',
  narrative: 'First narrative line',
};
export const incidentLabel = (f: IncidentField) => LABELS[f] ?? fieldLabel(f);

function add(out: FieldErrors<IncidentField>, field: IncidentField | 'form', message: string) {
  out[field] ??= field === 'form' ? message : `${incidentLabel(field)} ${message}`;
}

/**
 * Checks the form with the protocol's own schema (what the server would say), plus what the schema
 * cannot know offline: a time that does not parse, a category not in the room's list.
 */
export function incidentErrors(
  d: IncidentDraft,
  categories: readonly string[],
  mode: 'create' | 'edit',
): FieldErrors<IncidentField> {
  const out: FieldErrors<IncidentField> = {};
  const req = createRequest(d);
  const result = mode === 'create' ? createIncidentSchema.safeParse(req) : incidentFieldsSchema.safeParse(fieldsOf(d));
  if (Number.isNaN(req.startedAt)) add(out, 'startedAt', d.startedAt.trim() ? 'is not a valid time' : 'is required');
  if (req.endedAt !== null && Number.isNaN(req.endedAt)) add(out, 'endedAt', 'is not a valid time');
  if (req.endedAt != null && req.endedAt < req.startedAt) add(out, 'endedAt', 'must not be before the start');
  if (!result.success) for (const issue of result.error.issues) add(out, fieldOfPath(issue.path), issue.message);
  if (req.category && categories.length && !categories.some((c) => c.toLowerCase() === req.category.toLowerCase()))
    add(out, 'category', 'must be one of the room’s categories (type to pick one)');
  return out;
}

/** A server refusal on the form: INVALID_PAYLOAD beside its field, anything else for the whole form. */
export function incidentServerErrors(e: CommandError): FieldErrors<IncidentField> {
  if (e.code === 'INVALID_PAYLOAD' && e.field) {
    // The server names the path inside the command (`changes.location` for an update).
    const path = e.field.replace(/^changes\./, '');
    const field = fieldOfPath(path);
    const message = e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message;
    if (field !== 'form') return { [field]: `${incidentLabel(field)} ${message}` };
  }
  if (e.code === 'CONFLICT') return { form: `${e.message} The incident has been reloaded; your edit is kept below.` };
  return { form: e.message };
}
