/**
 * The faults a camera can be asked to show, and their validation at the control port's door.
 */

export const FAULT_KINDS = [
  'drop',
  'stall',
  'restart',
  'refuseAuth',
  'clear',
  // ONVIF
  'skew',
  'ignorePtzTimeout',
  'slow',
  'reboot',
  'malformed',
  'motion',
  'tamper',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * A fault request. `ms` bounds stall/refuseAuth/ignorePtzTimeout/malformed (open-ended without it),
 * sets restart/reboot downtime, the delay of `slow` answers, and for `skew` the clock offset (may be
 * negative). motion and tamper raise that event once.
 */
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
  const min = kind === 'skew' ? -86_400_000 : 0;
  if (ms !== undefined && (typeof ms !== 'number' || !Number.isFinite(ms) || ms < min || ms > 86_400_000)) {
    return { ok: false, error: `ms must be a number of milliseconds between ${min} and 86400000` };
  }
  return { ok: true, fault: ms === undefined ? { kind: kind as FaultKind } : { kind: kind as FaultKind, ms } };
}

/** What a camera is currently suffering, for `GET /cameras` and the API. */
export interface FaultState {
  stalled: boolean;
  refusingAuth: boolean;
  down: boolean;
}
