import { childBoxes, parseInit, parseMoof, parsePrft } from '@cctv/media';
import { describe, expect, it } from 'vitest';
import { FrameClock } from './frameClock';
import { SegmentBuilder, type SegmentAction, type TimedFrame, type TrackConfig } from './segmentBuilder';

const cfgA: TrackConfig = {
  family: 'avc1',
  codec: 'avc1.42c01f',
  width: 640,
  height: 360,
  record: Uint8Array.of(1, 0x42, 0xc0, 0x1f, 0xff, 0xe1, 0, 4, 0x67, 0x42, 0xc0, 0x1f, 1, 0, 2, 0x68, 0xce),
};
const cfgB: TrackConfig = {
  ...cfgA,
  width: 1280,
  height: 720,
  record: Uint8Array.of(...cfgA.record.slice(0, -1), 0xcf),
};

/** A frame whose bytes name it, so files can be checked byte for byte. */
const frame = (at: number, key = false, extra: Partial<TimedFrame> = {}): TimedFrame => ({
  at,
  key,
  data: Uint8Array.of(0, 0, 0, 4, key ? 0x65 : 0x41, at & 0xff, (at >> 8) & 0xff, (at >> 16) & 0xff),
  ...extra,
});

/** 25 fps from `start`, a keyframe every `gop` frames. */
function run(b: SegmentBuilder, start: number, count: number, gop = 50, first = 0): SegmentAction[] {
  const out: SegmentAction[] = [];
  for (let i = 0; i < count; i++) out.push(...b.frame(frame(start + i * 40, (first + i) % gop === 0)));
  return out;
}

const kinds = (a: SegmentAction[]) => a.map((x) => x.type);
const appends = (a: SegmentAction[]) =>
  a.filter((x): x is Extract<SegmentAction, { type: 'append' }> => x.type === 'append');

/** The file the actions describe (each open starts a new one): bytes per file. */
function files(actions: SegmentAction[]): Uint8Array[] {
  const out: number[][] = [];
  for (const a of actions) {
    if (a.type === 'open') out.push([...a.init]);
    if (a.type === 'append') {
      expect(a.offset).toBe(out[out.length - 1]!.length);
      for (const c of a.chunks) out[out.length - 1]!.push(...c);
    }
  }
  return out.map((f) => Uint8Array.from(f));
}

describe('SegmentBuilder', () => {
  it('drops frames until the first keyframe, then opens a segment at that keyframe', () => {
    const b = new SegmentBuilder();
    b.configure(cfgA);
    const a = run(b, 1000, 10, 50, 45); // keyframe is the 6th frame
    expect(b.droppedBeforeKey).toBe(5);
    expect(a[0]).toMatchObject({ type: 'open', startMs: 1200 });
  });

  it('writes nothing before it has a configuration', () => {
    const b = new SegmentBuilder();
    expect(run(b, 0, 60)).toEqual([]);
  });

  it('starts a fragment at every keyframe and after fragmentMs, with each frame once, in order', () => {
    const b = new SegmentBuilder({ segmentMs: 60_000, fragmentMs: 500, gapMs: 3000 });
    b.configure(cfgA);
    const a = [...run(b, 0, 100), ...b.close('stop')];
    const frags = appends(a);
    // GOP 2 s: each GOP is 4 fragments (0-480, 520-... etc.): starts at the keyframe, then every 500 ms
    expect(frags.map((f) => f.startMs)).toEqual([0, 520, 1040, 1560, 2000, 2520, 3040, 3560]);
    expect(frags.map((f) => f.key)).toEqual([true, false, false, false, true, false, false, false]);
    expect(frags.reduce((n, f) => n + f.frames, 0)).toBe(100);
    expect(frags.at(-1)!.endMs).toBe(4000);
    expect(a.at(-1)).toEqual({ type: 'close', endMs: 4000, reason: 'stop' });
  });

  it('writes files whose samples carry the frames byte for byte at their wall-clock times', () => {
    const b = new SegmentBuilder({ segmentMs: 60_000, fragmentMs: 500, gapMs: 3000 });
    b.configure(cfgA);
    const start = 1_790_000_000_000;
    const a = [...run(b, start, 75), ...b.close('stop')];
    const [file] = files(a);
    expect(parseInit(file!)).toMatchObject({ family: 'avc1', width: 640, height: 360 });
    const boxes = childBoxes(file!);
    const got: { at: number; data: number[] }[] = [];
    let prftAt = 0;
    for (const box of boxes) {
      if (box.type === 'prft') prftAt = parsePrft(file!.subarray(box.start, box.start + box.size)).wallClockMs;
      if (box.type !== 'moof') continue;
      const f = parseMoof(file!.subarray(box.start, box.start + box.size));
      expect(f.baseTime / 90 + start).toBe(prftAt);
      for (const s of f.samples)
        got.push({
          at: start + s.time / 90,
          data: [...file!.subarray(box.start + s.offset, box.start + s.offset + s.size)],
        });
    }
    expect(got.map((g) => g.at)).toEqual(Array.from({ length: 75 }, (_, i) => start + i * 40));
    expect(got.map((g) => g.data)).toEqual(
      Array.from({ length: 75 }, (_, i) => [...frame(start + i * 40, i % 50 === 0).data]),
    );
  });

  it('cuts a new segment at the first keyframe after segmentMs, continuous in time', () => {
    const b = new SegmentBuilder({ segmentMs: 3000, fragmentMs: 500, gapMs: 3000 });
    b.configure(cfgA);
    const a = run(b, 0, 200); // 8 s, GOP 2 s
    const opens = a.filter((x) => x.type === 'open');
    expect(opens.map((o) => o.type === 'open' && o.startMs)).toEqual([0, 4000]);
    const close = a.find((x) => x.type === 'close');
    expect(close).toEqual({ type: 'close', endMs: 4000, reason: 'length' });
  });

  it('closes at a gap: the segment ends after the last frame, the next opens at the next keyframe', () => {
    const b = new SegmentBuilder({ segmentMs: 60_000, fragmentMs: 500, gapMs: 3000 });
    b.configure(cfgA);
    const a = [...run(b, 0, 50), ...run(b, 10_000, 50, 50, 10)];
    expect(a.find((x) => x.type === 'close')).toEqual({ type: 'close', endMs: 2000, reason: 'gap' });
    const reopened = a.filter((x) => x.type === 'open')[1];
    expect(reopened).toMatchObject({ startMs: 10_000 + 40 * 40 });
  });

  it('closes when the codec configuration changes, and not when the same one is repeated', () => {
    const b = new SegmentBuilder();
    b.configure(cfgA);
    run(b, 0, 30);
    expect(b.configure(cfgA)).toEqual([]);
    const a = b.configure(cfgB);
    expect(kinds(a)).toEqual(['append', 'close']);
    expect(a[1]).toMatchObject({ reason: 'config' });
    const next = run(b, 1200, 60, 50, 10);
    expect(next[0]).toMatchObject({ type: 'open', config: { width: 1280 } });
  });

  it('a camera that restarts its timestamps starts a new segment instead of stamping frames wrongly', () => {
    const clock = new FrameClock();
    const b = new SegmentBuilder();
    b.configure(cfgA);
    const out: SegmentAction[] = [];
    const arrival0 = 5_000_000;
    for (let i = 0; i < 60; i++) {
      const s = clock.stamp(arrival0 + i * 40, 900_000 + i * 40);
      out.push(...b.frame(frame(s.at, i % 50 === 0, { discontinuity: s.discontinuity && i > 0 })));
    }
    // the camera reboots quickly: timestamps start from 0 again, 200 ms later
    for (let i = 0; i < 60; i++) {
      const s = clock.stamp(arrival0 + 2600 + i * 40, i * 40);
      out.push(...b.frame(frame(s.at, i % 50 === 0, { discontinuity: s.discontinuity })));
    }
    expect(out.find((x) => x.type === 'close')).toMatchObject({ reason: 'discontinuity', endMs: arrival0 + 2400 });
    expect(out.filter((x) => x.type === 'open').map((o) => o.type === 'open' && o.startMs)).toEqual([
      arrival0,
      arrival0 + 2600,
    ]);
  });

  it('tick writes out a fragment of a camera that went quiet, then closes the segment at the gap', () => {
    const b = new SegmentBuilder({ segmentMs: 60_000, fragmentMs: 500, gapMs: 3000 });
    b.configure(cfgA);
    run(b, 0, 5);
    expect(b.tick(300)).toEqual([]);
    const flushed = b.tick(600);
    expect(appends(flushed)).toHaveLength(1);
    expect(appends(flushed)[0]).toMatchObject({ frames: 5, endMs: 200 });
    expect(b.tick(3161)).toEqual([{ type: 'close', endMs: 200, reason: 'gap' }]);
    expect(b.isOpen).toBe(false);
  });
});

describe('FrameClock', () => {
  it('takes out network jitter: times follow the camera spacing, offset by the fastest arrival', () => {
    const c = new FrameClock();
    const jitter = [12, 3, 25, 7, 40, 3, 9, 18, 3, 5];
    const at = jitter.map((j, i) => c.stamp(1_000_000 + i * 40 + j, i * 40).at);
    // after the fastest frames (3 ms) have been seen, spacing is exactly 40 ms
    expect(at.slice(5)).toEqual([1_000_203, 1_000_243, 1_000_283, 1_000_323, 1_000_363]);
    for (let i = 1; i < at.length; i++) expect(at[i]!).toBeGreaterThan(at[i - 1]!);
  });

  it('a jump of the media clock against arrival is a discontinuity', () => {
    const c = new FrameClock();
    c.stamp(1000, 0);
    expect(c.stamp(1040, 40).discontinuity).toBe(false);
    expect(c.stamp(1080, 60_040)).toEqual({ at: 1080, discontinuity: true });
    expect(c.stamp(1120, 30).discontinuity).toBe(true);
  });
});
