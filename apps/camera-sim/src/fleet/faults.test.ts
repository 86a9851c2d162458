import { describe, expect, it } from 'vitest';
import { parseFaultRequest } from './faults.js';

describe('parseFaultRequest', () => {
  it.each([
    [{ kind: 'drop' }, { ok: true, fault: { kind: 'drop' } }],
    [
      { kind: 'stall', ms: 1500 },
      { ok: true, fault: { kind: 'stall', ms: 1500 } },
    ],
    [
      { kind: 'restart', ms: 0 },
      { ok: true, fault: { kind: 'restart', ms: 0 } },
    ],
    [{ kind: 'refuseAuth' }, { ok: true, fault: { kind: 'refuseAuth' } }],
    [
      { kind: 'skew', ms: -600_000 },
      { ok: true, fault: { kind: 'skew', ms: -600_000 } },
    ],
    [{ kind: 'motion' }, { ok: true, fault: { kind: 'motion' } }],
    [
      { kind: 'clear', extra: 1 },
      { ok: true, fault: { kind: 'clear' } },
    ],
  ])('accepts %j', (body, expected) => expect(parseFaultRequest(body)).toEqual(expected));

  it.each([
    [null, /JSON object/],
    [[], /JSON object/],
    ['drop', /JSON object/],
    [{}, /kind must be one of/],
    [{ kind: 'explode' }, /kind must be one of/],
    [{ kind: 'stall', ms: '100' }, /ms must be/],
    [{ kind: 'stall', ms: -1 }, /ms must be/],
    [{ kind: 'slow', ms: -1 }, /ms must be/],
    [{ kind: 'stall', ms: Number.NaN }, /ms must be/],
  ])('rejects %j', (body, message) => {
    const r = parseFaultRequest(body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});
