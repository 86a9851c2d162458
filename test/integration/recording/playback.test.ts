import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import { childBoxes, parseInit } from '@cctv/media';
import { ask } from '../../helpers/client';
import { startSimFleet, type SimFleet } from '../../helpers/fleet';
import { waitFor } from '../../helpers/waitFor';
import { connectAs, startTestIngest } from '../ingest/harness';
import { collect, recordedFor, shownStrips } from './helpers';

const FPS = 25;
const FRAME_MS = 1000 / FPS;

// Real cameras (the simulator) recorded by the real ingest for a minute, then played back through the
// media namespace: the frame shown for a time T must be the one the camera captured at T.
describe('recording and playback', () => {
  let fleet: SimFleet;
  let ingest: Ingest;
  let dir: string;
  const cams = ['cam-01', 'cam-02', 'cam-03', 'cam-04'];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cctv-rec-'));
    fleet = await startSimFleet([
      '--cameras',
      '4',
      '--main',
      '320x180',
      '--no-sub',
      '--fps',
      String(FPS),
      '--gop',
      '25',
    ]);
    ingest = await startTestIngest(fleet.cameras, {
      recording: { dir, segment: { segmentMs: 20_000 } },
    });
  }, 60_000);
  afterAll(async () => {
    await ingest?.stop();
    await fleet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('records 60 s of every camera, in segments the index and the files agree on', async () => {
    await recordedFor(ingest, cams, 60_000, 110_000);
    for (const cameraId of cams) {
      const status = ingest.recording!.status().find((s) => s.cameraId === cameraId)!;
      expect(status).toMatchObject({ state: 'recording', gapsLast24h: { count: 0, ms: 0 } });
      const segs = ingest.recording!.repo.segmentsBetween(cameraId, 'main', 0, Date.now());
      const closed = segs.filter((s) => !s.open);
      expect(closed.length).toBeGreaterThanOrEqual(2);
      for (const s of closed) {
        const file = readFileSync(join(dir, s.file));
        expect(file.length).toBe(s.bytes);
        const top = childBoxes(file);
        const moov = top.find((b) => b.type === 'moov')!;
        expect(parseInit(file.subarray(0, moov.start + moov.size))).toMatchObject({ width: 320, height: 180 });
        // a keyframe at least every second (GOP 25 at 25 fps), each indexed at its fragment
        expect(s.keyframes.length).toBeGreaterThanOrEqual(Math.floor((s.endMs - s.startMs) / 1000));
        for (const k of s.keyframes) expect(['prft', 'moof']).toContain(top.find((b) => b.start === k.offset)?.type);
        expect(s.endMs - s.startMs).toBeLessThan(21_500);
      }
      // consecutive segments touch: no gap between them
      for (let i = 1; i < segs.length; i++)
        expect(segs[i]!.startMs - segs[i - 1]!.endMs).toBeLessThanOrEqual(FRAME_MS + 1);
    }
  }, 120_000);

  it('plays back from a chosen time: the frame shown is the one captured then (within one frame)', async () => {
    const client = await connectAs(ingest, 'operator');
    try {
      for (const cameraId of cams) {
        const extent = ingest.recording!.repo.extent(cameraId, 'main');
        const t = extent.oldest! + 12_345;
        const id = `pb.${cams.indexOf(cameraId) + 1}`;
        const feed = collect(client.media, () => id);
        const res = await ask(client.media, 'playback:start', { playbackId: id, cameraId, at: t, paused: true });
        expect(res).toMatchObject({ ok: true, data: { status: 'paused', cameraId, playbackId: id } });
        await waitFor('the burst up to the chosen frame', () => feed.frames.some((f) => !f.decodeOnly), 10_000);
        expect(feed.configs).toHaveLength(1);
        expect(feed.frames[0]!.key).toBe(true);
        const shown = feed.frames.filter((f) => !f.decodeOnly);
        expect(shown).toHaveLength(1);
        expect(shown[0]!.pts).toBeLessThanOrEqual(t);
        expect(t - shown[0]!.pts).toBeLessThan(FRAME_MS + 1);
        const [strip] = await shownStrips(feed);
        // The camera captured it at most one frame (plus its few ms of encode and transit) before T.
        expect(strip!.strip).not.toBeNull();
        expect(t - strip!.strip!).toBeGreaterThanOrEqual(0);
        expect(t - strip!.strip!).toBeLessThan(FRAME_MS + 25);
        feed.stop();
        await ask(client.media, 'playback:stop', { playbackId: id });
      }
    } finally {
      client.close();
    }
  }, 60_000);

  it('plays in real time from there, and steps a frame forward and back', async () => {
    const client = await connectAs(ingest, 'operator');
    try {
      const extent = ingest.recording!.repo.extent('cam-01', 'main');
      const t = extent.oldest! + 5000;
      const id = 'pb.1';
      const feed = collect(client.media, () => id);
      const res = await ask(client.media, 'playback:start', { playbackId: id, cameraId: 'cam-01', at: t });
      if (!res.ok) throw new Error(res.error.message);
      const started = Date.now();
      await waitFor('2 s of playback', () => feed.frames.filter((f) => !f.decodeOnly).length >= 2 * FPS, 10_000);
      const elapsed = Date.now() - started;
      // 50 frames of 40 ms take about 2 s at 1×, not a burst
      expect(elapsed).toBeGreaterThan(1500);
      const strips = await shownStrips(feed);
      for (let i = 1; i < strips.length; i++) {
        expect(strips[i]!.pts - strips[i - 1]!.pts).toBeGreaterThan(0);
        expect(strips[i]!.strip! - strips[i - 1]!.strip!).toBeGreaterThan(0);
      }
      const paused = await ask(client.media, 'playback:control', { playbackId: id, command: 'pause' });
      expect(paused).toMatchObject({ ok: true, data: { status: 'paused' } });
      await new Promise((r) => setTimeout(r, 300));
      const before = feed.frames.filter((f) => !f.decodeOnly).at(-1)!;
      const count = feed.frames.length;
      await ask(client.media, 'playback:control', { playbackId: id, command: 'step', direction: 1 });
      await waitFor('the next frame', () => feed.frames.length > count, 5000);
      const next = feed.frames.at(-1)!;
      expect(next.decodeOnly).toBeUndefined();
      expect(next.pts - before.pts).toBeGreaterThan(0);
      expect(next.pts - before.pts).toBeLessThan(2 * FRAME_MS);
      const beforeBack = feed.frames.length;
      await ask(client.media, 'playback:control', { playbackId: id, command: 'step', direction: -1 });
      await waitFor('the frame before, decoded from its keyframe', () =>
        feed.frames.slice(beforeBack).some((f) => !f.decodeOnly),
      );
      const back = feed.frames.slice(beforeBack).find((f) => !f.decodeOnly)!;
      expect(back.pts).toBe(before.pts);
      expect(feed.frames[beforeBack]!.key).toBe(true);
      feed.stop();
    } finally {
      client.close();
    }
  }, 60_000);

  it('locks four playbacks to one clock: seek, pause and speed apply to all, and they stay within a frame', async () => {
    const client = await connectAs(ingest, 'operator');
    try {
      const t = ingest.recording!.repo.extent('cam-01', 'main').oldest! + 20_000;
      const ids = cams.map((_, i) => `pb.${10 + i}`);
      const arrivals = new Map<string, { at: number; pts: number }[]>(ids.map((id) => [id, []]));
      client.media.on('stream:frameArrived', (f) => {
        const list = arrivals.get(f.streamId);
        if (!list) return;
        client.media.emit('stream:acknowledge', { streamId: f.streamId, seq: f.seq });
        if (!f.decodeOnly) list.push({ at: Date.now(), pts: f.pts });
      });
      const lead = await ask(client.media, 'playback:start', { playbackId: ids[0]!, cameraId: cams[0]!, at: t });
      expect(lead.ok).toBe(true);
      for (let i = 1; i < cams.length; i++) {
        const r = await ask(client.media, 'playback:start', {
          playbackId: ids[i]!,
          cameraId: cams[i]!,
          at: 0,
          syncWith: ids[0]!,
        });
        expect(r).toMatchObject({ ok: true, data: { clock: lead.ok ? lead.data.clock : '' } });
      }
      // A seek on one tile moves every tile; then two seconds of play.
      const seekTo = t + 10_000;
      await ask(client.media, 'playback:control', { playbackId: ids[2]!, command: 'seek', at: seekTo });
      const since = Date.now();
      await new Promise((r) => setTimeout(r, 2500));
      // Sample every 100 ms: the newest frame each tile has been sent then, all within one frame.
      const spreads: number[] = [];
      for (let at = since + 500; at < since + 2500; at += 100) {
        const newest = ids.map(
          (id) =>
            arrivals
              .get(id)!
              .filter((a) => a.at <= at)
              .at(-1)?.pts ?? 0,
        );
        expect(Math.min(...newest)).toBeGreaterThanOrEqual(seekTo - FRAME_MS);
        spreads.push(Math.max(...newest) - Math.min(...newest));
      }
      spreads.sort((a, b) => a - b);
      // Each tile sends a frame when the one clock reaches it: no two tiles more than a frame apart
      // (plus the cameras' own few ms of capture skew), at least 95 % of the time on a busy machine.
      expect(spreads[Math.floor(spreads.length * 0.95) - 1]!).toBeLessThanOrEqual(FRAME_MS + 15);
      // Pause on another tile pauses all; speed applies to all.
      const paused = await ask(client.media, 'playback:control', { playbackId: ids[3]!, command: 'pause' });
      expect(paused).toMatchObject({ ok: true, data: { status: 'paused' } });
      await new Promise((r) => setTimeout(r, 300));
      const counts = ids.map((id) => arrivals.get(id)!.length);
      await new Promise((r) => setTimeout(r, 500));
      expect(ids.map((id) => arrivals.get(id)!.length)).toEqual(counts);
      const fast = await ask(client.media, 'playback:control', { playbackId: ids[1]!, command: 'speed', speed: 4 });
      expect(fast).toMatchObject({ ok: true, data: { speed: 4 } });
      // Unlocked, a tile keeps its place and its own clock.
      const own = await ask(client.media, 'playback:control', { playbackId: ids[3]!, command: 'unsync' });
      expect(own.ok && lead.ok && own.data.clock !== lead.data.clock).toBe(true);
      for (const id of ids) await ask(client.media, 'playback:stop', { playbackId: id });
    } finally {
      client.close();
    }
  }, 60_000);

  it('refuses clearly: the future, before the oldest footage, a camera without footage, a role without recorded:view', async () => {
    const client = await connectAs(ingest, 'operator');
    const liaison = await connectAs(ingest, 'police-liaison');
    try {
      const future = await ask(client.media, 'playback:start', {
        playbackId: 'pb.1',
        cameraId: 'cam-01',
        at: Date.now() + 3_600_000,
      });
      expect(future).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'at' } });
      if (!future.ok) expect(future.error.message).toMatch(/no footage after|future/);
      const old = await ask(client.media, 'playback:start', {
        playbackId: 'pb.1',
        cameraId: 'cam-01',
        at: 1_000_000_000_000,
      });
      expect(old).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      if (!old.ok)
        expect(old.error.message).toMatch(/oldest footage of .* is from \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d (GMT|BST)/);
      const unknown = await ask(client.media, 'playback:start', {
        playbackId: 'pb.1',
        cameraId: 'no-such-cam',
        at: Date.now() - 1000,
      });
      expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'cameraId' } });
      const bad = await ask(client.media, 'playback:start', {
        playbackId: 'pb.1',
        cameraId: 'cam-01',
        at: -5,
      } as never);
      expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
      const forbidden = await ask(liaison.media, 'playback:start', {
        playbackId: 'pb.1',
        cameraId: 'cam-01',
        at: Date.now() - 5000,
      });
      expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const timeline = await ask(liaison.control, 'recording:timeline', {
        cameraId: 'cam-01',
        from: 0,
        to: Date.now(),
      });
      expect(timeline).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const notMine = await ask(client.media, 'playback:control', { playbackId: 'pb.999999', command: 'play' });
      expect(notMine).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      client.close();
      liaison.close();
    }
  });

  it('shows each camera`s footage on the timeline and audits who watched which footage', async () => {
    const client = await connectAs(ingest, 'operator');
    try {
      const now = Date.now();
      const tl = await ask(client.control, 'recording:timeline', {
        cameraId: 'cam-02',
        from: now - 3_600_000,
        to: now,
      });
      expect(tl.ok).toBe(true);
      if (!tl.ok) return;
      expect(tl.data.spans).toHaveLength(1);
      expect(tl.data.spans[0]!.to).toBeGreaterThan(now - 2000);
      const viewed = ingest.audit.search({ action: 'playback.viewed', limit: 100 });
      expect(viewed.length).toBeGreaterThan(0);
      expect(viewed[0]!.details).toMatchObject({ from: expect.any(Number), to: expect.any(Number) });
    } finally {
      client.close();
    }
  });
});
