import type { Shift } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import { onDutyOf, shiftsOverview } from './shiftsSlice';

const shift = (id: number, startedAt: number, endedAt: number | null): Shift => ({
  id,
  startedAt,
  endedAt,
  startedBy: 'op',
  onDuty: ['op'],
  handoverNotes: '',
  cameraFaults: '',
  visitors: [],
  carriedOver: [],
  signOff: null,
  rev: id,
});

describe('the shift log', () => {
  it('finds the shift on duty and the one whose handover it reads', () => {
    const all = { 1: shift(1, 100, 200), 2: shift(2, 200, 300), 3: shift(3, 300, null) };
    const o = shiftsOverview(all);
    expect(o.current?.id).toBe(3);
    expect(o.previous?.id).toBe(2);
    expect(o.recent.map((s) => s.id)).toEqual([2, 1]);
  });
  it('with nobody on duty, the last shift is the previous one', () => {
    expect(shiftsOverview({ 1: shift(1, 100, 200) })).toMatchObject({ current: null, previous: { id: 1 } });
  });
  it('reads who is on duty from a comma- or line-separated list', () => {
    expect(onDutyOf('alice, bob\n carol ,,')).toEqual(['alice', 'bob', 'carol']);
  });
});
