import { describe, expect, it } from 'vitest';
import { GopCache, type Frame } from './gopCache';

const f = (seq: number, key = false, bytes = 10): Frame => ({
  seq,
  pts: seq,
  key,
  data: new Uint8Array(bytes),
  at: seq,
});

describe('GopCache', () => {
  it('keeps the frames since the last keyframe', () => {
    const c = new GopCache();
    [f(0, true), f(1), f(2), f(3, true), f(4)].forEach((x) => c.push(x));
    expect(c.snapshot().map((x) => x.seq)).toEqual([3, 4]);
  });

  it('holds nothing before the first keyframe', () => {
    const c = new GopCache();
    c.push(f(0));
    c.push(f(1));
    expect(c.snapshot()).toEqual([]);
  });

  it('empties itself rather than growing past its bounds', () => {
    const c = new GopCache(3, 1000);
    [f(0, true), f(1), f(2), f(3)].forEach((x) => c.push(x));
    expect(c.size.frames).toBe(0);
    const b = new GopCache(100, 25);
    [f(0, true), f(1), f(2)].forEach((x) => b.push(x));
    expect(b.size.frames).toBe(0);
    b.push(f(3, true));
    expect(b.snapshot().map((x) => x.seq)).toEqual([3]);
  });
});
