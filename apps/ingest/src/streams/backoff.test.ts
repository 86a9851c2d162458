import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from './backoff';

describe('backoffDelay', () => {
  const noJitter = { ...defaultBackoff, jitter: 0 };
  it.each([
    [0, 500],
    [1, 1000],
    [2, 2000],
    [5, 16_000],
    [6, 30_000],
    [60, 30_000],
  ])('attempt %d waits %d ms', (attempt, ms) => {
    expect(backoffDelay(attempt, noJitter)).toBe(ms);
  });

  it('spreads delays by the jitter and never passes the cap', () => {
    expect(backoffDelay(0, defaultBackoff, () => 0)).toBe(400);
    expect(backoffDelay(0, defaultBackoff, () => 1)).toBe(600);
    expect(backoffDelay(20, defaultBackoff, () => 1)).toBe(30_000);
  });
});
