import { describe, expect, it } from 'vitest';
import { planSlot, promote } from './tileSlots';

describe('tile slots', () => {
  it.each([
    [
      'empty tile gets a camera',
      { current: null, pending: null },
      'cam-01:sub',
      { next: { current: null, pending: 'cam-01:sub' }, acquire: ['cam-01:sub'], release: [], clear: false },
    ],
    [
      'maximise: keeps the sub-stream painting, brings up main',
      { current: 'cam-01:sub', pending: null },
      'cam-01:main',
      { next: { current: 'cam-01:sub', pending: 'cam-01:main' }, acquire: ['cam-01:main'], release: [], clear: false },
    ],
    [
      'restore before main painted: drops pending main',
      { current: 'cam-01:sub', pending: 'cam-01:main' },
      'cam-01:sub',
      { next: { current: 'cam-01:sub', pending: null }, acquire: [], release: ['cam-01:main'], clear: false },
    ],
    [
      'other camera: the old picture goes at once',
      { current: 'cam-01:sub', pending: null },
      'cam-02:sub',
      { next: { current: null, pending: 'cam-02:sub' }, acquire: ['cam-02:sub'], release: ['cam-01:sub'], clear: true },
    ],
    [
      'cleared tile',
      { current: 'cam-01:sub', pending: 'cam-01:main' },
      null,
      { next: { current: null, pending: null }, acquire: [], release: ['cam-01:sub', 'cam-01:main'], clear: true },
    ],
    [
      'unchanged',
      { current: 'cam-01:sub', pending: null },
      'cam-01:sub',
      { next: { current: 'cam-01:sub', pending: null }, acquire: [], release: [], clear: false },
    ],
    [
      'still waiting for the same stream',
      { current: null, pending: 'cam-01:sub' },
      'cam-01:sub',
      { next: { current: null, pending: 'cam-01:sub' }, acquire: [], release: [], clear: false },
    ],
  ] as const)('%s', (_n, slot, wanted, plan) => {
    expect(planSlot(slot, wanted)).toEqual(plan);
  });

  it('promotes the pending stream and lets the old one go', () => {
    expect(promote({ current: 'cam-01:sub', pending: 'cam-01:main' })).toEqual({
      next: { current: 'cam-01:main', pending: null },
      release: ['cam-01:sub'],
    });
    expect(promote({ current: null, pending: 'cam-01:sub' })).toEqual({
      next: { current: 'cam-01:sub', pending: null },
      release: [],
    });
  });
});
