import { describe, expect, it } from 'vitest';
import {
  combine,
  driverRelease,
  driverStep,
  initialDriver,
  KEEPALIVE_MS,
  MIN_MOVE_INTERVAL_MS,
  ZERO,
  type DriverOutput,
  type DriverState,
  type Velocity,
} from './ptzDriver';

const v = (pan: number, tilt = 0, zoom = 0): Velocity => ({ pan, tilt, zoom });

/** Runs a timeline of (time, held velocity) through the driver and records what it sends. */
function run(steps: [at: number, wanted: Velocity][], from: DriverState = initialDriver) {
  let state = from;
  const sent: [number, DriverOutput][] = [];
  for (const [at, wanted] of steps) {
    const r = driverStep(state, wanted, at);
    state = r.state;
    if (r.out) sent.push([at, r.out]);
  }
  return { state, sent };
}

/** Ticks every 50 ms from `from` to `to` with the same input. */
const hold = (from: number, to: number, wanted: Velocity): [number, Velocity][] =>
  Array.from({ length: Math.floor((to - from) / 50) + 1 }, (_, i) => [from + i * 50, wanted]);

describe('the PTZ driver', () => {
  it.each([
    ['press sends a move at once', [[0, v(0.5)]], [[0, { type: 'move', velocity: v(0.5) }]]],
    [
      'nothing held sends nothing',
      [
        [0, ZERO],
        [100, ZERO],
      ],
      [],
    ],
    [
      'release sends one stop at once',
      [
        [0, v(0.5)],
        [50, ZERO],
        [100, ZERO],
      ],
      [
        [0, { type: 'move', velocity: v(0.5) }],
        [50, { type: 'stop' }],
      ],
    ],
    [
      'a new velocity waits for the minimum interval, then goes',
      [
        [0, v(0.5)],
        [50, v(1)],
        [MIN_MOVE_INTERVAL_MS, v(1)],
      ],
      [
        [0, { type: 'move', velocity: v(0.5) }],
        [MIN_MOVE_INTERVAL_MS, { type: 'move', velocity: v(1) }],
      ],
    ],
    [
      'jitter below the step is not a new velocity',
      [
        [0, v(0.5)],
        [200, v(0.51)],
        [300, v(0.49)],
      ],
      [[0, { type: 'move', velocity: v(0.5) }]],
    ],
    ['velocities are clamped to -1..1', [[0, v(3, -2, 0)]], [[0, { type: 'move', velocity: v(1, -1, 0) }]]],
  ] as [string, [number, Velocity][], [number, DriverOutput][]][])('%s', (_name, steps, expected) => {
    expect(run(steps).sent).toEqual(expected);
  });

  it('re-sends a held velocity every ≤ 400 ms, not faster', () => {
    const { sent } = run(hold(0, 2000, v(0.5, 0.25)));
    const times = sent.map(([at]) => at);
    expect(times[0]).toBe(0);
    for (let i = 1; i < times.length; i++) {
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(KEEPALIVE_MS);
      expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(KEEPALIVE_MS + 50);
    }
    expect(times).toEqual([0, 400, 800, 1200, 1600, 2000]);
    expect(sent.every(([, o]) => o?.type === 'move')).toBe(true);
  });

  it('never sends more than 10 moves in any second, however the input changes', () => {
    const steps: [number, Velocity][] = Array.from({ length: 200 }, (_, i) => [i * 10, v(((i % 20) - 10) / 10 || 0.1)]);
    const moves = run(steps)
      .sent.filter(([, o]) => o?.type === 'move')
      .map(([at]) => at);
    for (const t of moves) expect(moves.filter((m) => m > t - 1000 && m <= t).length).toBeLessThanOrEqual(10);
    expect(moves.length).toBeGreaterThan(10);
  });

  it('after a release, a press moves again', () => {
    const { sent } = run([
      [0, v(0.5)],
      [200, ZERO],
      [400, v(-0.5)],
    ]);
    expect(sent).toEqual([
      [0, { type: 'move', velocity: v(0.5) }],
      [200, { type: 'stop' }],
      [400, { type: 'move', velocity: v(-0.5) }],
    ]);
  });

  it('a forced release (blur, another tile) stops only what moves', () => {
    expect(driverRelease(initialDriver).out).toBeNull();
    const moving = run([[0, v(0.5)]]).state;
    const r = driverRelease(moving);
    expect(r.out).toEqual({ type: 'stop' });
    expect(driverRelease(r.state).out).toBeNull();
  });

  it('combines sources by adding and clamping', () => {
    expect(combine([v(0.5), v(0.75, 0.5), ZERO])).toEqual(v(1, 0.5, 0));
    expect(combine([])).toEqual(ZERO);
  });
});
