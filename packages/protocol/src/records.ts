import { z } from 'zod';
import { cameraIdSchema } from './streams';

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1, 'is required').max(max);
const time = z.number().int().nonnegative();

/** Where an incident came from. */
export const incidentSourceSchema = z.enum([
  'proactive',
  'police-request',
  'radio-shopwatch',
  'radio-pubwatch',
  'member-of-public',
  'alarm',
  'other',
]);

/** The default category list; the room's own list lives in the database (configurable). */
export const DEFAULT_CATEGORIES = [
  'Anti-social behaviour',
  'Violence / affray',
  'Theft / shoplifting',
  'Missing person / concern for welfare',
  'Safeguarding a vulnerable person',
  'Night-time economy',
  'Drugs',
  'Traffic or collision',
  'Fire',
  'Suspicious behaviour',
  'Other',
] as const;

export const incidentOutcomeSchema = z.enum([
  'arrest',
  'dispersal',
  'advice',
  'no-trace',
  'missing-person-found',
  'handed-to-police',
  'ambulance-called',
  'no-further-action',
  'other',
]);

export const policeRefsSchema = z
  .object({
    /** CAD or incident log number. */
    cad: text(40).optional(),
    crimeRef: text(40).optional(),
    /** Unique reference number, added later in the case. */
    urn: text(40).optional(),
  })
  .strict();

/** The editable fields of an incident (everything but the narrative, which is only appended to). */
const incidentFieldShape = {
  startedAt: time,
  endedAt: time.nullable().optional(),
  district: required(80),
  town: text(80),
  location: required(200),
  cameras: z.array(cameraIdSchema).max(64),
  source: incidentSourceSchema,
  category: required(80),
  policeRefs: policeRefsSchema,
  outcome: incidentOutcomeSchema.nullable().optional(),
  outcomeNotes: text(2000).optional(),
  evidence: z.array(required(200)).max(50),
  sharedWithPolice: z.boolean(),
};

/** No defaults here: an update must change only what it names. */
export const incidentFieldsSchema = z.object(incidentFieldShape).strict();

export const createIncidentSchema = z
  .object({
    ...incidentFieldShape,
    town: incidentFieldShape.town.default(''),
    cameras: incidentFieldShape.cameras.default([]),
    policeRefs: policeRefsSchema.default({}),
    evidence: incidentFieldShape.evidence.default([]),
    sharedWithPolice: z.boolean().default(false),
    /** The first narrative line, optional. */
    narrative: text(4000).optional(),
    /** Opened from a tile: take a snapshot of this camera's live picture. */
    snapshotFrom: cameraIdSchema.optional(),
  })
  .strict()
  .refine((v) => v.endedAt == null || v.endedAt >= v.startedAt, {
    message: 'must not be before the start',
    path: ['endedAt'],
  });
/** Payload of `incident:create`. */
export type CreateIncidentRequest = z.input<typeof createIncidentSchema>;

export const updateIncidentSchema = z
  .object({
    id: z.number().int().positive(),
    /** The version the operator edited; a stale one is refused (CONFLICT) rather than overwritten. */
    version: z.number().int().positive(),
    changes: incidentFieldsSchema.partial().strict(),
    /** Why, kept in the history. */
    reason: text(500).optional(),
  })
  .strict();
/** Payload of `incident:update`. */
export type UpdateIncidentRequest = z.input<typeof updateIncidentSchema>;

export const addNarrativeSchema = z
  .object({ id: z.number().int().positive(), text: required(4000), at: time.optional() })
  .strict();

export const reviewIncidentSchema = z
  .object({ id: z.number().int().positive(), notes: text(2000).default('') })
  .strict();

export const incidentQuerySchema = z
  .object({
    from: time.optional(),
    to: time.optional(),
    district: text(80).optional(),
    category: text(80).optional(),
    status: z.enum(['open', 'closed']).optional(),
    /** Free text over the reference, location, narrative and police references. */
    text: text(200).optional(),
    /** Page backwards: incidents with an id below this. */
    beforeId: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
/** Payload of `incident:list`. */
export type IncidentQuery = z.input<typeof incidentQuerySchema>;

/** One appended line of an incident's narrative. `kind` tells an operator's entry from a police comment. */
export interface NarrativeEntry {
  id: number;
  at: number;
  by: string;
  kind: 'operator' | 'police-comment' | 'system';
  text: string;
}

/** An occurrence (incident) log entry. */
export interface Incident {
  id: number;
  /** Sequential per year: `2026/000123`. */
  ref: string;
  version: number;
  status: 'open' | 'closed';
  startedAt: number;
  endedAt: number | null;
  district: string;
  town: string;
  location: string;
  cameras: string[];
  source: z.infer<typeof incidentSourceSchema>;
  category: string;
  policeRefs: z.infer<typeof policeRefsSchema>;
  outcome: z.infer<typeof incidentOutcomeSchema> | null;
  outcomeNotes: string;
  evidence: string[];
  sharedWithPolice: boolean;
  operator: string;
  createdAt: number;
  updatedAt: number;
  review: { by: string; at: number; notes: string } | null;
  hasSnapshot: boolean;
  narrative: NarrativeEntry[];
  /** The change counter when this state was written (for catching up). */
  rev: number;
}

/** A line of an incident's history: who changed which fields, from what, to what. */
export interface IncidentChange {
  at: number;
  by: string;
  version: number;
  reason: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

// ---- Police requests and the disclosure log -------------------------------------------------------

export const lawfulBasisSchema = z.enum([
  /** Data Protection Act 2018, Schedule 2 Part 1 paragraph 2: prevention or detection of crime. */
  'dpa-2018-sch2-p1-para2',
  'subject-access-request',
  'court-order',
  /** RIPA directed-surveillance authorisation: needs its reference and expiry. */
  'ripa-directed-surveillance',
]);

export const urgencySchema = z.enum(['routine', 'urgent', 'immediate']);

const policeRequestBase = z
  .object({
    receivedAt: time,
    requester: z
      .object({
        name: required(120),
        rank: text(40).default(''),
        collarNumber: text(20).default(''),
        force: required(120),
      })
      .strict(),
    lawfulBasis: lawfulBasisSchema,
    ripa: z
      .object({ reference: required(80), expiresAt: time })
      .strict()
      .optional(),
    policeRefs: policeRefsSchema.default({}),
    cameras: z.array(cameraIdSchema).min(1, 'name at least one camera').max(64),
    window: z.object({ from: time, to: time }).strict(),
    reason: required(2000),
    urgency: urgencySchema,
    incidentId: z.number().int().positive().optional(),
  })
  .strict();

export const createPoliceRequestSchema = policeRequestBase
  .refine((v) => v.window.to > v.window.from, { message: 'must end after it starts', path: ['window', 'to'] })
  .refine((v) => v.lawfulBasis !== 'ripa-directed-surveillance' || v.ripa !== undefined, {
    message: 'a RIPA authorisation needs its reference and expiry',
    path: ['ripa'],
  });
/** Payload of `policeRequest:create`. */
export type CreatePoliceRequest = z.input<typeof createPoliceRequestSchema>;

export const decideRequestSchema = z
  .object({ id: z.number().int().positive(), decision: z.enum(['approved', 'refused']), reason: required(2000) })
  .strict();

export const releaseSchema = z
  .object({
    id: z.number().int().positive(),
    releasedAt: time,
    method: z.enum(['digital-link', 'digital-evidence-system', 'optical-disc', 'viewing-only', 'other']),
    exhibitId: required(60),
    /** SHA-256 of each released file. */
    hashes: z
      .array(z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'))
      .min(1)
      .max(100),
    redactions: text(2000).default(''),
    receivedBy: text(120).default(''),
  })
  .strict();

export const mediaDisposalSchema = z
  .object({
    id: z.number().int().positive(),
    kind: z.enum(['returned', 'destroyed']),
    at: time,
    notes: text(1000).default(''),
  })
  .strict();

export const policeRequestQuerySchema = z
  .object({
    status: z.enum(['awaiting-decision', 'approved', 'refused', 'released']).optional(),
    text: text(200).optional(),
    beforeId: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

/** A police request with its decision and release: the disclosure log. */
export interface PoliceRequest extends Omit<z.infer<typeof policeRequestBase>, 'ripa'> {
  id: number;
  /** Sequential per year: `PR-2026-0042`. */
  number: string;
  ripa: { reference: string; expiresAt: number } | null;
  status: 'awaiting-decision' | 'approved' | 'refused' | 'released';
  loggedBy: string;
  decision: { decision: 'approved' | 'refused'; by: string; at: number; reason: string } | null;
  release: (Omit<z.infer<typeof releaseSchema>, 'id'> & { by: string }) | null;
  disposal: { kind: 'returned' | 'destroyed'; at: number; notes: string; by: string } | null;
  /** Received → released, when released. */
  turnaroundMs: number | null;
  rev: number;
}

// ---- Shift log -------------------------------------------------------------------------------------

export const startShiftSchema = z.object({ onDuty: z.array(required(64)).min(1).max(40) }).strict();
export const updateShiftSchema = z
  .object({
    id: z.number().int().positive(),
    handoverNotes: text(8000).optional(),
    cameraFaults: text(4000).optional(),
    visitors: z
      .array(
        z
          .object({
            name: required(120),
            organisation: text(120).default(''),
            in: time,
            out: time.nullable().default(null),
          })
          .strict(),
      )
      .max(100)
      .optional(),
    onDuty: z.array(required(64)).min(1).max(40).optional(),
  })
  .strict();

/** A shift: who was on, the handover, faults, visitors, carried-over incidents, sign-off. */
export interface Shift {
  id: number;
  startedAt: number;
  endedAt: number | null;
  startedBy: string;
  onDuty: string[];
  handoverNotes: string;
  cameraFaults: string;
  visitors: { name: string; organisation: string; in: number; out: number | null }[];
  /** Open incident references carried over at the end of the shift. */
  carriedOver: string[];
  signOff: { by: string; at: number } | null;
  rev: number;
}

/** What changed, for consoles that missed it: the newest state of each record, in change order. */
export interface RecordChanges {
  rev: number;
  /** More changed than one answer carries: reload the lists instead of relying on this. */
  truncated: boolean;
  incidents: Incident[];
  /** Incidents this console may no longer see (for police liaison: unshared). */
  removedIncidents: number[];
  policeRequests: PoliceRequest[];
  shifts: Shift[];
}
