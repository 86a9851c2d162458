import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeadMan } from './deadMan';
import { PtzLock, type LockHolder } from './ptzLock';
import { RateLimiter } from './rateLimiter';

const ann: LockHolder = { userId: 1, displayName: 'Ann', socketId: 'a1' };
const ann2: LockHolder = { userId: 1, displayName: 'Ann', socketId: 'a2' };
const bob: LockHolder = { userId: 2, displayName: 'Bob', socketId: 'b1' };
const sue: LockHolder = { userId: 3, displayName: 'Sue (supervisor)', socketId: 's1' };

describe('PtzLock', () => {
  it.each([
    // [what, steps, expected holder name at the end]
    ['free lock is taken', [['use', ann, 0]], 'Ann'],
    [
      'second user is refused while it is held',
      [
        ['use', ann, 0],
        ['use', bob, 5000],
      ],
      'Ann',
    ],
    [
      'idle lock goes to the next user',
      [
        ['use', ann, 0],
        ['use', bob, 10_000],
      ],
      'Bob',
    ],
    [
      'use keeps it alive',
      [
        ['use', ann, 0],
        ['use', ann, 9000],
        ['use', bob, 15_000],
      ],
      'Ann',
    ],
    [
      'touch keeps it alive',
      [
        ['use', ann, 0],
        ['touch', ann, 9000],
        ['use', bob, 15_000],
      ],
      'Ann',
    ],
    [
      'takeover wins',
      [
        ['use', ann, 0],
        ['takeOver', sue, 1],
      ],
      'Sue (supervisor)',
    ],
    [
      'after takeover the first user is refused',
      [
        ['use', ann, 0],
        ['takeOver', sue, 1],
        ['use', ann, 2],
      ],
      'Sue (supervisor)',
    ],
    [
      'disconnect of the holding console frees it',
      [
        ['use', ann, 0],
        ['release', ann, 1],
        ['use', bob, 2],
      ],
      'Bob',
    ],
    [
      'disconnect of another console does not',
      [
        ['use', ann, 0],
        ['release', bob, 1],
        ['use', bob, 2],
      ],
      'Ann',
    ],
    [
      'same user on another console moves the lock there',
      [
        ['use', ann, 0],
        ['use', ann2, 1],
        ['release', ann, 2],
      ],
      'Ann',
    ],
  ] as const)('%s', (_what, steps, expected) => {
    const lock = new PtzLock(10_000);
    let t = 0;
    for (const [op, who, now] of steps) {
      t = now;
      if (op === 'use') lock.use(who, now);
      else if (op === 'touch') lock.touch(now);
      else if (op === 'takeOver') lock.takeOver(who, now);
      else lock.releaseSocket(who.socketId);
    }
    expect(lock.holder(t)?.displayName).toBe(expected);
  });

  it('answers a refusal with the holder, and says when the holder changed', () => {
    const lock = new PtzLock(10_000);
    expect(lock.use(ann, 0)).toEqual({ ok: true, changed: true });
    expect(lock.use(ann, 1)).toEqual({ ok: true, changed: false });
    expect(lock.use(bob, 2)).toEqual({ ok: false, holder: ann });
    expect(lock.takeOver(sue, 3)).toEqual(ann);
    expect(lock.takeOver(sue, 4)).toBeNull();
  });

  it('expires once, and only when idle', () => {
    const lock = new PtzLock(10_000);
    lock.use(ann, 0);
    expect(lock.expire(9999)).toBe(false);
    expect(lock.expire(10_000)).toBe(true);
    expect(lock.expire(10_001)).toBe(false);
    expect(lock.holder(10_001)).toBeNull();
  });
});

describe('DeadMan', () => {
  afterEach(() => vi.useRealTimers());

  it('fires once after the quiet period, and kicks push it back', () => {
    vi.useFakeTimers();
    const fired = vi.fn();
    const d = new DeadMan(1000, fired);
    d.kick();
    vi.advanceTimersByTime(900);
    d.kick();
    vi.advanceTimersByTime(900);
    expect(fired).not.toHaveBeenCalled();
    expect(d.armed).toBe(true);
    vi.advanceTimersByTime(100);
    expect(fired).toHaveBeenCalledTimes(1);
    expect(d.armed).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('does not fire once disarmed', () => {
    vi.useFakeTimers();
    const fired = vi.fn();
    const d = new DeadMan(1000, fired);
    d.kick();
    d.disarm();
    vi.advanceTimersByTime(5000);
    expect(fired).not.toHaveBeenCalled();
  });
});

describe('RateLimiter', () => {
  it.each([
    // [events at these times, limit 3 per 1000 ms, expected answers]
    [
      [0, 10, 20, 30],
      [true, true, true, false],
    ],
    [
      [0, 10, 20, 1000],
      [true, true, true, true],
    ],
    [
      [0, 10, 20, 999, 1010],
      [true, true, true, false, true],
    ],
  ])('%j', (times, expected) => {
    const r = new RateLimiter(3, 1000);
    expect(times.map((t) => r.take('u1:cam', t))).toEqual(expected);
  });

  it('counts each key apart, and sweeps idle keys', () => {
    const r = new RateLimiter(1, 1000);
    expect(r.take('a', 0)).toBe(true);
    expect(r.take('b', 0)).toBe(true);
    expect(r.take('a', 1)).toBe(false);
    r.sweep(2000);
    expect(r.size).toBe(0);
  });
});
