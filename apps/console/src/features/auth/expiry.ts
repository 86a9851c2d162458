/** How long before the end of a session the console warns. */
export const EXPIRY_WARNING_MS = 10 * 60_000;

export type ExpiryPhase = 'ok' | 'warning' | 'expired';

/** Where a session stands against its expiry. */
export function expiryPhase(now: number, expiresAt: number, warnMs = EXPIRY_WARNING_MS): ExpiryPhase {
  if (now >= expiresAt) return 'expired';
  return expiresAt - now <= warnMs ? 'warning' : 'ok';
}

/** Milliseconds until the phase next changes (for one timer instead of polling), or null at the end. */
export function nextPhaseIn(now: number, expiresAt: number, warnMs = EXPIRY_WARNING_MS): number | null {
  if (now >= expiresAt) return null;
  const toWarning = expiresAt - warnMs - now;
  return toWarning > 0 ? toWarning : expiresAt - now;
}

/** "in 9 minutes" / "in 1 minute" / "in under a minute". */
export function minutesLeft(now: number, expiresAt: number): string {
  const mins = Math.floor((expiresAt - now) / 60_000);
  if (mins < 1) return 'in under a minute';
  return `in ${mins} minute${mins === 1 ? '' : 's'}`;
}
