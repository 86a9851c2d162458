/**
 * The faults a camera can be asked to show, and their validation at the control port's door.
 */

export const FAULT_KINDS = ['drop', 'stall', 'restart', 'refuseAuth', 'clear'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault request: `ms` bounds stall/refuseAuth (open-ended without it) and sets restart downtime. */
export interface FaultRequest {
  kind: FaultKind;
  ms?: number;
}

export type ParsedFault = { ok: true; fault: FaultRequest } | { ok: false; error: string };

export function parseFaultRequest(body: unknown): ParsedFault {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: 'body must be a JSON object' };
  }
  const { kind, ms } = body as Record<string, unknown>;
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, error: `kind must be one of ${FAULT_KINDS.join(', ')}` };
  }
  if (ms !== undefined && (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 86_400_000)) {
    return { ok: false, error: 'ms must be a number of milliseconds between 0 and 86400000' };
  }
  return { ok: true, fault: ms === undefined ? { kind: kind as FaultKind } : { kind: kind as FaultKind, ms } };
}

/** What a camera is currently suffering, for `GET /cameras` and the API. */
export interface FaultState {
  stalled: boolean;
  refusingAuth: boolean;
  down: boolean;
}
