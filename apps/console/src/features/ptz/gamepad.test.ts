import { describe, expect, it } from 'vitest';
import { deadZone, gamepadVelocity } from './gamepad';

const pad = (axes: number[], pressed: number[] = []) => ({
  axes,
  buttons: Array.from({ length: 8 }, (_, i) => ({ pressed: pressed.includes(i) })),
});

describe('gamepad mapping', () => {
  it.each([
    [0, 0],
    [0.1, 0],
    [-0.15, 0],
    [1, 1],
    [-1, -1],
    [0.575, 0.5],
    [2, 1],
    [Number.NaN, 0],
  ])('dead zone: %f → %f', (x, expected) => {
    expect(deadZone(x)).toBeCloseTo(expected, 6);
  });

  it('a resting stick with drift is still', () => {
    expect(gamepadVelocity(pad([0.05, -0.1, 0, 0.12]))).toEqual({ pan: 0, tilt: 0, zoom: 0 });
  });

  it('maps right to pan +, forward to tilt up, twist forward to zoom in', () => {
    expect(gamepadVelocity(pad([1, -1, 0, -1]))).toEqual({ pan: 1, tilt: 1, zoom: 1 });
    expect(gamepadVelocity(pad([-1, 1, 0, 1]))).toEqual({ pan: -1, tilt: -1, zoom: -1 });
  });

  it('shoulder buttons zoom', () => {
    expect(gamepadVelocity(pad([0, 0], [5])).zoom).toBe(1);
    expect(gamepadVelocity(pad([0, 0], [4])).zoom).toBe(-1);
  });

  it('no pad, no movement', () => {
    expect(gamepadVelocity(null)).toEqual({ pan: 0, tilt: 0, zoom: 0 });
  });
});
