import { describe, expect, it } from 'vitest';
import { EXPIRY_WARNING_MS, expiryPhase, minutesLeft, nextPhaseIn } from './expiry';

const end = 100 * 60_000;

describe('session expiry', () => {
  it.each([
    [0, 'ok'],
    [end - EXPIRY_WARNING_MS - 1, 'ok'],
    [end - EXPIRY_WARNING_MS, 'warning'],
    [end - 1, 'warning'],
    [end, 'expired'],
    [end + 1, 'expired'],
  ] as const)('at %d → %s', (now, phase) => {
    expect(expiryPhase(now, end)).toBe(phase);
  });

  it.each([
    [0, end - EXPIRY_WARNING_MS],
    [end - EXPIRY_WARNING_MS, EXPIRY_WARNING_MS],
    [end - 1000, 1000],
    [end, null],
  ])('from %d the phase changes in %s ms', (now, ms) => {
    expect(nextPhaseIn(now, end)).toBe(ms);
  });

  it.each([
    [end - 9.5 * 60_000, 'in 9 minutes'],
    [end - 61_000, 'in 1 minute'],
    [end - 59_000, 'in under a minute'],
  ])('%d → %s', (now, text) => {
    expect(minutesLeft(now, end)).toBe(text);
  });
});
