import { describe, expect, it } from 'vitest';
import { DEFAULT_MOVE_TIMEOUT_MS, PtzModel, sceneZoom } from './ptzModel.js';

describe('PtzModel', () => {
  it.each([
    // velocity, timeout, ignore, elapsed ms, expected pan
    [1, 1000, false, 500, 0.25],
    [1, 1000, false, 3000, 0.5], // stops at its timeout
    [1, 1000, true, 3000, 1], // ignores the timeout: runs on (and clamps at the end stop)
    [-0.5, null, false, 2000, -0.5],
    [1, null, false, DEFAULT_MOVE_TIMEOUT_MS + 5000, 1],
  ] as const)('pan velocity %d timeout %s ignore %s after %d ms -> %d', (v, timeout, ignore, elapsed, pan) => {
    const m = new PtzModel(0);
    m.continuous(0, { pan: v, tilt: 0, zoom: 0 }, timeout, ignore);
    expect(m.position(elapsed).pan).toBeCloseTo(pan, 5);
  });

  it('stop freezes the position and ends the move', () => {
    const m = new PtzModel(0);
    m.continuous(0, { pan: 0, tilt: 1, zoom: 1 }, null, true);
    m.stop(1000);
    expect(m.moving(1000)).toBe(false);
    expect(m.position(5000)).toEqual({ pan: 0, tilt: 0.5, zoom: 0.25 });
  });

  it('absolute and relative moves clamp to the ranges', () => {
    const m = new PtzModel(0);
    m.absolute(0, { pan: 0.5, zoom: 2 });
    expect(m.position(0)).toEqual({ pan: 0.5, tilt: 0, zoom: 1 });
    m.relative(0, { pan: 0.7, tilt: -0.2, zoom: -0.5 });
    expect(m.position(0)).toEqual({ pan: 1, tilt: -0.2, zoom: 0.5 });
  });

  it('non-finite input does not poison the position', () => {
    const m = new PtzModel(0);
    m.absolute(0, { pan: Number.NaN });
    expect(m.position(0).pan).toBe(0);
  });

  it.each([
    [0, 1],
    [1, 8],
    [0.5, 4.5],
  ])('scene zoom of %d is %d', (z, s) => expect(sceneZoom(z)).toBe(s));
});
