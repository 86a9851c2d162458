import { z } from 'zod';

/** What the audit trail records. */
export const auditActionSchema = z.enum([
  'auth.signIn',
  'auth.signInFailed',
  'auth.lockedOut',
  'auth.signOut',
  'auth.signOutEverywhere',
  'auth.sessionExpired',
  'auth.setup',
  'live.viewStarted',
  'live.viewStopped',
  'ptz.control',
  'playback.started',
  'playback.viewed',
  'recording.configured',
  'recording.held',
  'recording.released',
  'recording.deleted',
  'recording.repaired',
  'evidence.exported',
  'disclosure.decided',
  'record.created',
  'record.changed',
  'user.created',
  'user.changed',
  'camera.changed',
  'alarm.acknowledged',
  'inspection.created',
  'inspection.responded',
  'audit.exported',
  'access.refused',
]);
/** An audited action. */
export type AuditAction = z.infer<typeof auditActionSchema>;

/** One link of the hash-chained audit trail. */
export interface AuditEntry {
  id: number;
  at: number;
  userId: number | null;
  username: string | null;
  workstation: string | null;
  action: AuditAction;
  cameraId: string | null;
  target: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export const auditSearchSchema = z
  .object({
    username: z.string().max(64).optional(),
    cameraId: z.string().max(63).optional(),
    action: auditActionSchema.optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
    /** Entries with an id below this (paging backwards from the newest). */
    beforeId: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
/** Payload of `audit:search`. */
export type AuditSearchRequest = z.input<typeof auditSearchSchema>;

/** Result of checking the chain: the first broken link, if any. */
export type AuditVerification =
  | { ok: true; entries: number; lastHash: string | null }
  | { ok: false; entries: number; brokenAtId: number; reason: string };
