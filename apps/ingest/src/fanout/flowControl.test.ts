import { describe, expect, it } from 'vitest';
import type { Frame } from '../streams/gopCache';
import { SubscriberWindow } from './flowControl';

const frame = (seq: number, key = false, bytes = 100): Frame => ({
  seq,
  pts: seq * 40,
  key,
  data: new Uint8Array(bytes),
  at: seq * 40,
});

/** A GOP of `gop` frames starting at seq `from`. */
const gop = (from: number, gop: number, bytes = 100): Frame[] =>
  Array.from({ length: gop }, (_, i) => frame(from + i, i === 0, bytes));

describe('SubscriberWindow', () => {
  it('waits for a keyframe before sending anything', () => {
    const w = new SubscriberWindow({ maxFrames: 10, maxBytes: 10_000 });
    expect(w.offer(frame(0)).action).toBe('drop');
    expect(w.offer(frame(1)).action).toBe('drop');
    expect(w.offer(frame(2, true)).action).toBe('send'); // not 'resume': nothing was shown yet
  });

  it('sends everything to a client that keeps up', () => {
    const w = new SubscriberWindow({ maxFrames: 10, maxBytes: 10_000 });
    for (const f of gop(0, 50)) {
      expect(w.offer(f).action).toBe('send');
      w.acknowledge(f.seq);
    }
    expect(w.pending).toEqual({ frames: 0, bytes: 0 });
    expect(w.totalDropped).toBe(0);
  });

  it('skips a client that stops acknowledging to the next keyframe, and stays bounded', () => {
    const w = new SubscriberWindow({ maxFrames: 10, maxBytes: 1_000_000 });
    const decisions = [...gop(0, 25), ...gop(25, 25)].map((f) => w.offer(f).action);
    expect(decisions.slice(0, 10)).toEqual(Array(10).fill('send'));
    expect(decisions.slice(10)).toEqual(Array(40).fill('drop'));
    expect(w.pending.frames).toBe(10);
    expect(w.totalDropped).toBe(40);
  });

  it('resumes at a keyframe once the client has caught up, saying how many frames it missed', () => {
    const w = new SubscriberWindow({ maxFrames: 10, maxBytes: 1_000_000 });
    for (const f of gop(0, 25)) w.offer(f); // 10 sent, 15 dropped
    w.acknowledge(9);
    expect(w.offer(frame(25)).action).toBe('drop'); // not a keyframe
    expect(w.offer(frame(26, true))).toEqual({ action: 'resume', dropped: 16 });
    expect(w.offer(frame(27)).action).toBe('send');
  });

  it('does not resume while the client is still more than half a window behind', () => {
    const w = new SubscriberWindow({ maxFrames: 10, maxBytes: 1_000_000 });
    for (const f of gop(0, 12)) w.offer(f);
    w.acknowledge(2); // 7 still in flight, over half of 10
    expect(w.offer(frame(12, true)).action).toBe('drop');
    w.acknowledge(5); // 4 in flight
    expect(w.offer(frame(13, true)).action).toBe('resume');
  });

  it('bounds by bytes as well as by frames', () => {
    const w = new SubscriberWindow({ maxFrames: 1000, maxBytes: 1000 });
    expect(w.offer(frame(0, true, 600)).action).toBe('send');
    expect(w.offer(frame(1, false, 600)).action).toBe('drop');
    expect(w.pending.bytes).toBe(600);
  });

  it('ignores stale and repeated acknowledgements', () => {
    const w = new SubscriberWindow({ maxFrames: 10, maxBytes: 10_000 });
    for (const f of gop(0, 5)) w.offer(f);
    w.acknowledge(2);
    w.acknowledge(1);
    w.acknowledge(2);
    expect(w.pending.frames).toBe(2);
    w.acknowledge(1_000_000);
    expect(w.pending.frames).toBe(0);
  });

  it('waits for a keyframe again after a stream restart', () => {
    const w = new SubscriberWindow({ maxFrames: 10, maxBytes: 10_000 });
    w.offer(frame(0, true));
    w.acknowledge(0);
    w.restart();
    expect(w.offer(frame(0)).action).toBe('drop');
    expect(w.offer(frame(1, true)).action).not.toBe('drop');
  });
});
