import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitAvcc } from './avc';
import { FlvDemuxer, FlvError, type FlvEvent } from './flv';

const fixture = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../../../test/fixtures/media/${name}`, import.meta.url)));

function demuxAll(bytes: Uint8Array, chunk: number): FlvEvent[] {
  const d = new FlvDemuxer();
  const out: FlvEvent[] = [];
  for (let i = 0; i < bytes.length; i += chunk) out.push(...d.push(bytes.subarray(i, i + chunk)));
  return out;
}

const frames = (events: FlvEvent[]) =>
  events.filter((e): e is Extract<FlvEvent, { type: 'frame' }> => e.type === 'frame');

describe('FlvDemuxer on ffmpeg output', () => {
  const baseline = fixture('h264-320x180-baseline.flv');

  it('reads the configuration, then every frame with keyframes at the GOP', () => {
    const events = demuxAll(baseline, baseline.length);
    expect(events[0]).toMatchObject({ type: 'config', config: { width: 320, height: 180, codec: 'avc1.42c00c' } });
    const f = frames(events);
    expect(f).toHaveLength(50);
    expect(f.filter((x) => x.key).map((x) => f.indexOf(x))).toEqual([0, 25]);
    expect(f.map((x) => x.pts)).toEqual(f.map((_, i) => i * 40));
    for (const x of f) expect(splitAvcc(x.data).length).toBeGreaterThan(0);
  });

  it.each([1, 7, 188, 4096])('gives the same result when fed %d bytes at a time', (chunk) => {
    const whole = demuxAll(baseline, baseline.length);
    const split = demuxAll(baseline, chunk);
    expect(split).toEqual(whole);
  });

  it('hands a frame out as soon as its last byte arrives, before the next tag begins', () => {
    const d = new FlvDemuxer();
    const all = demuxAll(baseline, baseline.length);
    const firstFrame = frames(all)[0]!;
    // Find the end of the first frame's tag data: feed byte by byte until it appears.
    let fed = 0;
    let got: FlvEvent[] = [];
    while (!got.some((e) => e.type === 'frame')) got = d.push(baseline.subarray(fed, ++fed));
    expect(frames(got)[0]!.data).toEqual(firstFrame.data);
    // The 4-byte PreviousTagSize that follows has not been fed yet.
    expect(d.buffered).toBe(0);
  });

  it('parses High profile with cropping and B-frames (pts differs from dts)', () => {
    const events = demuxAll(fixture('h264-1920x1080-high-bframes.flv'), 65536);
    expect(events[0]).toMatchObject({ type: 'config', config: { width: 1920, height: 1080, profile: 100 } });
    expect(events[0]!.type === 'config' && events[0]!.config.codec).toMatch(/^avc1\.6400/);
    const f = frames(events);
    expect(f).toHaveLength(3);
    expect(f.some((x) => x.pts !== x.dts)).toBe(true);
  });

  it('copies frames, so they do not pin the input chunk', () => {
    const f = frames(demuxAll(baseline, baseline.length));
    expect(f[0]!.data.buffer).not.toBe(baseline.buffer);
    expect(f[0]!.data.byteLength).toBe(f[0]!.data.buffer.byteLength);
  });
});

describe('FlvDemuxer on bad input', () => {
  it('refuses a stream that is not FLV', () => {
    const d = new FlvDemuxer();
    expect(() => d.push(Buffer.from('RTSP/1.0 200 OK\r\n\r\n'))).toThrow(FlvError);
    // And keeps refusing: a demuxer that lost sync must be replaced, not resynchronised on garbage.
    expect(() => d.push(Buffer.alloc(20))).toThrow(/bad signature/);
  });

  it('refuses a tag of unknown type', () => {
    const bytes = Buffer.from(fixture('h264-320x180-baseline.flv'));
    const d = new FlvDemuxer();
    const header = bytes.subarray(0, 13);
    d.push(header);
    const garbage = Buffer.alloc(15);
    garbage[0] = 0x1f;
    expect(() => d.push(garbage)).toThrow(/unknown FLV tag type/);
  });

  it('refuses an absurd tag size instead of buffering it', () => {
    const d = new FlvDemuxer();
    d.push(fixture('h264-320x180-baseline.flv').subarray(0, 13));
    const tag = Buffer.alloc(11);
    tag[0] = 9;
    tag.writeUIntBE(0xffffff, 1, 3);
    expect(() => d.push(tag)).toThrow(/larger than the limit/);
  });

  it('refuses video that is not H.264', () => {
    const d = new FlvDemuxer();
    d.push(fixture('h264-320x180-baseline.flv').subarray(0, 13));
    const tag = Buffer.alloc(11 + 5 + 4);
    tag[0] = 9;
    tag.writeUIntBE(5, 1, 3);
    tag[11] = 0x12; // inter frame, codec 2 (Sorenson H.263)
    expect(() => d.push(tag)).toThrow(/not H.264/);
  });

  it('waits on truncated input and says how much is buffered', () => {
    const bytes = fixture('h264-320x180-baseline.flv');
    const d = new FlvDemuxer();
    const events = d.push(bytes.subarray(0, 5000));
    expect(d.buffered).toBeGreaterThan(0);
    expect(frames(events).length).toBeLessThan(50);
  });

  it('survives random garbage with an FlvError, never another exception', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const header = fixture('h264-320x180-baseline.flv').subarray(0, 13);
    for (let i = 0; i < 200; i++) {
      const d = new FlvDemuxer();
      const junk = Buffer.from(Array.from({ length: 64 + Math.floor(rand() * 512) }, () => Math.floor(rand() * 256)));
      try {
        d.push(header);
        d.push(junk);
      } catch (e) {
        expect(e).toBeInstanceOf(FlvError);
      }
    }
  });
});
