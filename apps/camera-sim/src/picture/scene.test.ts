import { readTimestrip } from '@cctv/timestrip';
import { describe, expect, it } from 'vitest';
import { formatClock, Scene } from './scene.js';

describe('Scene', () => {
  it('paints a time strip that reads back as the capture time', () => {
    const scene = new Scene(320, 180, 'Camera 1');
    const slot = scene.acquire()!;
    scene.paint(slot, 1_764_000_000_123);
    const read = readTimestrip((x, y) => slot.buffer[y * 320 + x]!, 320, 180);
    expect(read).toBe(1_764_000_000_123);
  });

  it('moves the bar between frames and restores what it covered', () => {
    const scene = new Scene(320, 180, 'C');
    const slot = scene.acquire()!;
    scene.paint(slot, 0);
    const first = Buffer.from(slot.buffer);
    scene.paint(slot, 1000);
    scene.paint(slot, 0);
    // Same time painted again into a reused buffer gives the same frame: nothing left behind.
    expect(slot.buffer.equals(first)).toBe(true);
    scene.paint(slot, 1000);
    expect(slot.buffer.equals(first)).toBe(false);
  });

  it('hands out each buffer once until it is released', () => {
    const scene = new Scene(64, 64, 'C', 2);
    const a = scene.acquire();
    const b = scene.acquire();
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(scene.acquire()).toBeUndefined();
    a!.busy = false;
    expect(scene.acquire()).toBe(a);
  });

  it('shifts the scene when panned, and clamps PTZ', () => {
    const scene = new Scene(320, 180, 'C');
    const slot = scene.acquire()!;
    scene.paint(slot, 0);
    const before = Buffer.from(slot.buffer);
    scene.setPtz({ pan: 5, tilt: -0.2, zoom: 0 });
    expect(scene.ptz).toEqual({ pan: 1, tilt: -0.2, zoom: 1 });
    scene.paint(slot, 0);
    expect(slot.buffer.equals(before)).toBe(false);
  });

  it('refuses odd frame sizes (I420 needs even)', () => {
    expect(() => new Scene(321, 180, 'C')).toThrow(RangeError);
  });
});

describe('formatClock', () => {
  it('formats local time with milliseconds', () => {
    const d = new Date(2025, 0, 2, 3, 4, 5, 6);
    expect(formatClock(d.getTime())).toBe('2025-01-02 03:04:05.006');
  });
});
