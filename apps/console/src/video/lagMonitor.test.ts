import { describe, expect, it } from 'vitest';
import { initialLag, lagOnFrame, shouldSkipAhead, type LagState } from './lagMonitor';

/** Feeds frames (arrival, pts) and returns how far behind each was. */
const run = (frames: [number, number][], windowMs?: number): number[] => {
  let s: LagState = initialLag;
  return frames.map(([at, pts]) => {
    const [next, behind] = lagOnFrame(s, at, pts, windowMs);
    s = next;
    return behind;
  });
};

describe('lagMonitor', () => {
  it('reads a steady stream as on time, whatever its constant transit', () => {
    expect(
      run([
        [1000, 0],
        [1040, 40],
        [1080, 80],
        [1121, 120],
      ]),
    ).toEqual([0, 0, 0, 1]);
  });

  it('sees a backlog grow when frames arrive later and later', () => {
    const behind = run([
      [1000, 0],
      [1040, 40],
      [1200, 80],
      [1500, 120],
      [1900, 160],
    ]);
    expect(behind).toEqual([0, 0, 120, 380, 740]);
  });

  it('forgets a good moment older than the window', () => {
    // A stream whose transit rose for good is "on time" again once the old minimum leaves the window.
    const behind = run(
      [
        [0, 0],
        [5_000, 4_000],
        [11_000, 10_000],
      ],
      10_000,
    );
    expect(behind).toEqual([0, 1000, 0]);
  });

  it.each([
    [0, 0, false],
    [399, 8, false],
    [401, 0, true],
    [0, 9, true],
  ])('behind %d ms with %d frames queued: skip %s', (behind, backlog, skip) => {
    expect(shouldSkipAhead(behind, backlog)).toBe(skip);
  });
});
