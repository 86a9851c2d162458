import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import type { StreamStats } from '@cctv/protocol';
import { decodeLuma, stripTime } from '../../helpers/decode';
import { startSimFleet, type SimFleet } from '../../helpers/fleet';
import { ask } from '../../helpers/client';
import { waitFor } from '../../helpers/waitFor';
import { bytes, clientWhenLive, record, startTestIngest } from './harness';

// Real camera-sim (RTSP, digest auth) → real ingest → typed socket.io client, with each receiver: the
// ingest's own RTSP client (auto, the default for H.264 over TCP) and ffmpeg (copy into FLV, demuxed).
describe.each(['auto', 'ffmpeg'] as const)('live video through ingest (receiver %s)', (receiver) => {
  let fleet: SimFleet;
  let ingest: Ingest;

  beforeAll(async () => {
    fleet = await startSimFleet([
      '--cameras',
      '2',
      '--main',
      '640x360',
      '--sub',
      '320x180',
      '--fps',
      '25',
      '--gop',
      '25',
      '--user',
      'op',
      '--password',
      'right-horse',
    ]);
    ingest = await startTestIngest(fleet.cameras, { supervisor: { receiver } });
  });
  afterAll(async () => {
    await ingest?.stop();
    await fleet?.stop();
  });

  it('lists the cameras and brings the sub-streams live from start-up, the main streams idle', async () => {
    const client = await clientWhenLive(ingest, 'cam-01:sub');
    try {
      const res = await ask(client.control, 'camera:list', {});
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      expect(res.data.map((c) => c.id)).toEqual(['cam-01', 'cam-02']);
      const cam1 = res.data[0]!;
      expect(cam1.streams.find((s) => s.profile === 'sub')).toMatchObject({
        state: 'live',
        codec: expect.stringMatching(/^avc1\./),
        width: 320,
        height: 180,
      });
      expect(cam1.streams.find((s) => s.profile === 'main')).toMatchObject({ state: 'idle' });
    } finally {
      client.close();
    }
  });

  it('gives a new viewer the configuration and a keyframe at once, then decodable frames carrying the capture time', async () => {
    const client = await clientWhenLive(ingest, 'cam-01:sub');
    try {
      const got = record(client.media, 'cam-01:sub', { ack: true });
      const t0 = Date.now();
      const res = await ask(client.media, 'stream:subscribe', { streamId: 'cam-01:sub' });
      expect(res).toMatchObject({ ok: true, data: { state: 'live' } });
      await waitFor('a first frame', () => got.frames.length > 0);
      // The GOP cache: the first frame arrives well within one GOP (1 s here), and it is a keyframe.
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(got.configs).toHaveLength(1);
      expect(got.frames[0]!.key).toBe(true);
      await waitFor('50 frames', () => got.frames.length >= 50, 10_000);
      const frames = got.frames.slice();
      const seqs = frames.map((f) => f.seq);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i)); // no gaps, no repeats
      const { width, height, planes } = await decodeLuma(
        bytes(got.configs[0]!.description),
        frames.map((f) => bytes(f.data)),
      );
      expect([width, height]).toEqual([320, 180]);
      expect(planes.length).toBe(frames.length);
      const times = planes.map((p) => stripTime(p, width, height));
      const readable = times.filter((t): t is number => t !== null);
      expect(readable.length).toBeGreaterThan(planes.length * 0.9);
      // Capture times are recent and increase frame by frame.
      expect(Math.abs(Date.now() - readable[readable.length - 1]!)).toBeLessThan(5000);
      for (let i = 1; i < readable.length; i++) expect(readable[i]!).toBeGreaterThan(readable[i - 1]!);
    } finally {
      client.close();
    }
  });

  it('pulls a main stream on demand and lets it go idle after the last viewer leaves', async () => {
    const client = await clientWhenLive(ingest, 'cam-02:sub');
    try {
      const got = record(client.media, 'cam-02:main', { ack: true });
      const res = await ask(client.media, 'stream:subscribe', { streamId: 'cam-02:main' });
      expect(res.ok).toBe(true);
      await waitFor('main frames', () => got.frames.length >= 5, 15_000);
      expect(got.configs[0]).toMatchObject({ width: 640, height: 360 });
      expect(got.frames[0]!.key).toBe(true);
      await ask(client.media, 'stream:unsubscribe', { streamId: 'cam-02:main' });
      await waitFor('main idle', () => ingest.supervisor.source('cam-02:main')!.status().state === 'idle', 10_000);
    } finally {
      client.close();
    }
  });

  it('publishes per-stream figures: fps, bitrate, viewers', async () => {
    const client = await clientWhenLive(ingest, 'cam-01:sub');
    try {
      record(client.media, 'cam-01:sub', { ack: true });
      await ask(client.media, 'stream:subscribe', { streamId: 'cam-01:sub' });
      const stats = await waitFor(
        'stats with a viewer',
        () =>
          new Promise<StreamStats | undefined>((resolve) =>
            client.control.once('stream:statsUpdated', ({ stats }) =>
              resolve(stats.find((s) => s.streamId === 'cam-01:sub' && s.viewers === 1)),
            ),
          ),
      );
      expect(stats.fps).toBeGreaterThan(15);
      expect(stats.fps).toBeLessThan(35);
      expect(stats.bitrateKbps).toBeGreaterThan(10);
      const health = await (await fetch(`${ingest.url}/health`)).json();
      expect(health).toMatchObject({ status: 'ok', streams: { live: expect.any(Number) } });
    } finally {
      client.close();
    }
  });
});
