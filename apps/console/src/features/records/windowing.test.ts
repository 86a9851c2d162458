import { describe, expect, it } from 'vitest';
import { moveSelection, nearEnd, rowWindow, scrollToRow } from './windowing';

describe('windowing a long list', () => {
  it.each([
    ['empty', 0, 500, 0, { start: 0, end: 0, offset: 0, total: 0 }],
    ['top of a year of records', 0, 500, 100_000, { start: 0, end: 19, offset: 0, total: 5_000_000 }],
    ['scrolled into the middle', 50_000, 500, 100_000, { start: 992, end: 1019, offset: 49_600, total: 5_000_000 }],
    ['past the end is clamped', 9_999_999, 500, 100, { start: 82, end: 100, offset: 4100, total: 5000 }],
  ])('%s', (_n, top, viewport, count, expected) => expect(rowWindow(top, viewport, 50, count)).toEqual(expected));

  it('loads the next page a screenful before the end', () => {
    expect(nearEnd(0, 500, 5000)).toBe(false);
    expect(nearEnd(4000, 500, 5000)).toBe(true);
  });

  it.each([
    [0, 0, 0],
    [20, 0, 550],
    [3, 500, 150],
    [12, 500, 500],
  ])('row %i from scrollTop %i → %i', (row, top, expected) => expect(scrollToRow(row, top, 500, 50)).toBe(expected));

  it.each([
    ['ArrowDown', 3, 4],
    ['ArrowUp', 0, 0],
    ['PageDown', 5, 9],
    ['End', 2, 9],
    ['Home', 7, 0],
    ['x', 2, null],
  ])('%s from %i → %o', (key, from, to) => expect(moveSelection(key, from, 10, 8)).toBe(to));
});
