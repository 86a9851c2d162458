import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FlvDemuxer, type FlvEvent } from '../flv';
import { childBoxes, parseInit, parseMoof, parsePrft, readBoxHeader } from './read';
import { fragmentHeader, initSegment, VIDEO_TIMESCALE } from './write';

const fixture = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../../../../test/fixtures/media/${name}`, import.meta.url)));

function demux(name: string) {
  const events = new FlvDemuxer().push(fixture(name));
  const config = events.find((e): e is Extract<FlvEvent, { type: 'config' }> => e.type === 'config')!;
  const frames = events.filter((e): e is Extract<FlvEvent, { type: 'frame' }> => e.type === 'frame');
  return { config, frames };
}

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Init + one fragment per GOP of the fixture: what the recorder writes. */
function writeFile(wallStart: number) {
  const { config, frames } = demux('h264-320x180-baseline.flv');
  const init = initSegment({
    family: 'avc1',
    width: config.config.width,
    height: config.config.height,
    config: config.record,
    createdAtMs: wallStart,
  });
  const parts: Uint8Array[] = [init];
  const gops = [frames.slice(0, 25), frames.slice(25)];
  let time = 0;
  gops.forEach((gop, i) => {
    const samples = gop.map((f) => ({ duration: 40 * 90, size: f.data.length, key: f.key }));
    parts.push(fragmentHeader({ sequence: i + 1, baseTime: time, samples, wallClockMs: wallStart + time / 90 }));
    for (const f of gop) parts.push(f.data);
    time += samples.reduce((n, s) => n + s.duration, 0);
  });
  return { bytes: concat(parts), frames, config, init };
}

describe('fragmented MP4 writer and reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mp4-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back the init segment it wrote', () => {
    const { init, config } = writeFile(1_780_000_000_000);
    const info = parseInit(init);
    expect(info).toMatchObject({ family: 'avc1', width: 320, height: 180, timescale: VIDEO_TIMESCALE });
    expect([...info.config]).toEqual([...config.record]);
  });

  it('reads back every sample: time, size, key flag, and bytes at the offsets it names', () => {
    const wall = 1_780_000_000_123;
    const { bytes, frames, init } = writeFile(wall);
    const top = childBoxes(bytes, init.length);
    expect(top.map((b) => b.type)).toEqual(['prft', 'moof', 'mdat', 'prft', 'moof', 'mdat']);
    const got: { time: number; key: boolean; data: Uint8Array }[] = [];
    for (const moof of top.filter((b) => b.type === 'moof')) {
      const f = parseMoof(bytes.subarray(moof.start, moof.start + moof.size));
      for (const s of f.samples)
        got.push({
          time: s.time,
          key: s.key,
          data: bytes.subarray(moof.start + s.offset, moof.start + s.offset + s.size),
        });
    }
    expect(got).toHaveLength(frames.length);
    got.forEach((g, i) => {
      expect(g.time).toBe(i * 40 * 90);
      expect(g.key).toBe(frames[i]!.key);
      expect(Buffer.from(g.data).equals(Buffer.from(frames[i]!.data))).toBe(true);
    });
    const prft = top[3]!;
    expect(parsePrft(bytes.subarray(prft.start, prft.start + prft.size))).toEqual({
      wallClockMs: wall + 1000,
      mediaTime: 25 * 40 * 90,
    });
  });

  it('is a file ffprobe reads frame by frame, with the keyframes where they were', () => {
    const { bytes, frames } = writeFile(1_780_000_000_000);
    const file = join(dir, 'rec.mp4');
    writeFileSync(file, bytes);
    const out = execFileSync(
      'ffprobe',
      ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=key_frame,pts', '-of', 'json', file],
      { encoding: 'utf8' },
    );
    const rows = (JSON.parse(out) as { frames: { key_frame: number; pts: number }[] }).frames;
    expect(rows).toHaveLength(frames.length);
    expect(rows.map((r) => r.key_frame)).toEqual(frames.map((f) => (f.key ? 1 : 0)));
    expect(rows.map((r) => r.pts)).toEqual(frames.map((_, i) => i * 3600));
  });

  it('refuses truncated and hostile boxes with a RangeError instead of reading out of bounds', () => {
    const { bytes, init } = writeFile(0);
    const moof = childBoxes(bytes, init.length)[1]!;
    const moofBytes = bytes.slice(moof.start, moof.start + moof.size);
    expect(() => parseMoof(moofBytes.subarray(0, 40))).toThrow(RangeError);
    const huge = moofBytes.slice();
    // trun sample count → 0xffffffff
    const trunAt = Buffer.from(huge).indexOf('trun') - 4;
    new DataView(huge.buffer).setUint32(trunAt + 12, 0xffffffff);
    expect(() => parseMoof(huge)).toThrow(RangeError);
    const zero = Uint8Array.of(0, 0, 0, 4, 0x6d, 0x6f, 0x6f, 0x66);
    expect(() => readBoxHeader(zero, 0)).toThrow(RangeError);
    expect(readBoxHeader(bytes, bytes.length - 4)).toBeNull();
    expect(() => parseInit(bytes.subarray(0, 30))).toThrow(RangeError);
  });
});
