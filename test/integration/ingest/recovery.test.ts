import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import { startSimFleet, type SimFleet } from '../../helpers/fleet';
import { ask } from '../../helpers/client';
import { waitFor } from '../../helpers/waitFor';
import { clientWhenLive, record, startTestIngest } from './harness';

describe('a camera that fails', () => {
  let fleet: SimFleet;
  let ingest: Ingest;

  beforeAll(async () => {
    fleet = await startSimFleet([
      '--cameras',
      '1',
      '--main',
      '320x180',
      '--sub',
      '160x90',
      '--fps',
      '25',
      '--gop',
      '25',
    ]);
    ingest = await startTestIngest(fleet.cameras, {
      supervisor: {
        lingerMs: 500,
        source: {
          stallMs: 1500,
          restartAfterMs: 4000,
          ioTimeoutMs: 3000,
          backoff: { initialMs: 200, maxMs: 1000, factor: 2, jitter: 0 },
        },
      },
    });
  });
  afterAll(async () => {
    await ingest?.stop();
    await fleet?.stop();
  });

  it('recovers after the camera restarts: offline, then live again with a fresh configuration', async () => {
    const client = await clientWhenLive(ingest, 'cam-01:sub');
    try {
      const got = record(client.media, 'cam-01:sub', { ack: true });
      await ask(client.media, 'stream:subscribe', { streamId: 'cam-01:sub' });
      await waitFor('frames before the restart', () => got.frames.length > 10);
      const restartsBefore = ingest.supervisor.source('cam-01:sub')!.restarts;
      await fleet.fault('cam-01', 'restart', 2000);
      await waitFor(
        'offline or stalled',
        () => got.states.some((s) => s.state === 'offline' || s.state === 'stalled'),
        15_000,
      );
      const framesAtFailure = got.frames.length;
      await waitFor(
        'live again',
        () => got.states.at(-1)?.state === 'live' && got.frames.length > framesAtFailure + 10,
        30_000,
      );
      expect(ingest.supervisor.source('cam-01:sub')!.restarts).toBeGreaterThan(restartsBefore);
      expect(got.configs.length).toBeGreaterThanOrEqual(2);
      // The first frame after the new configuration is a keyframe, so the viewer can decode at once.
      const after = got.frames.slice(framesAtFailure);
      expect(after[0]!.key).toBe(true);
    } finally {
      client.close();
    }
  });

  it('reports a stall within 3 s of the last frame, and goes live again when video returns', async () => {
    const client = await clientWhenLive(ingest, 'cam-01:sub');
    try {
      const got = record(client.media, 'cam-01:sub', { ack: true });
      await ask(client.media, 'stream:subscribe', { streamId: 'cam-01:sub' });
      await waitFor('frames', () => got.frames.length > 5);
      await fleet.fault('cam-01', 'stall', 2500);
      const lastFrameAt = await waitFor('frames to stop', async () => {
        const n = got.frames.length;
        await new Promise((r) => setTimeout(r, 200));
        return got.frames.length === n ? Date.now() - 200 : undefined;
      });
      const stalled = await waitFor('stalled', () => got.states.find((s) => s.state === 'stalled'), 5000);
      expect(stalled.since - lastFrameAt).toBeLessThan(3000);
      expect(stalled.message).toMatch(/No video/);
      await waitFor('live again', () => got.states.at(-1)?.state === 'live', 20_000);
    } finally {
      client.close();
    }
  });
});

describe('cameras that cannot be reached', () => {
  it.each(['auto', 'ffmpeg'] as const)(
    'shows an unreachable camera offline with a clear message and keeps retrying (receiver %s)',
    async (receiver) => {
      const ingest = await startTestIngest({
        cameras: [{ id: 'gone', name: 'Gone', streams: { main: { url: 'rtsp://127.0.0.1:1/main', receiver } } }],
      });
      try {
        const src = ingest.supervisor.source('gone:main')!;
        await waitFor('offline', () => src.status().state === 'offline');
        expect(src.status().message).toMatch(/refused the connection/);
        await waitFor('two retries', () => src.restarts >= 2, 10_000);
      } finally {
        await ingest.stop();
      }
    },
  );

  it('passes a camera URL full of shell metacharacters to ffmpeg as inert text', async () => {
    const { existsSync, rmSync } = await import('node:fs');
    const marker = `/tmp/cctv-pwned-${process.pid}`;
    rmSync(marker, { force: true });
    const url = `rtsp://127.0.0.1:1/x$(touch${'${IFS}'}${marker});touch${'${IFS}'}${marker}|touch${'${IFS}'}${marker}\`touch${'${IFS}'}${marker}\``;
    const ingest = await startTestIngest({
      cameras: [{ id: 'evil', name: 'Evil', streams: { main: { url, receiver: 'ffmpeg' } } }],
    });
    try {
      const src = ingest.supervisor.source('evil:main')!;
      await waitFor('offline', () => src.status().state === 'offline');
      await waitFor('a retry', () => src.restarts >= 1, 10_000);
      expect(existsSync(marker)).toBe(false);
    } finally {
      await ingest.stop();
      rmSync(marker, { force: true });
    }
  });

  it.each(['auto', 'ffmpeg'] as const)(
    'says so when the camera refuses the password, without showing the password (receiver %s)',
    async (receiver) => {
      const fleet = await startSimFleet([
        '--cameras',
        '1',
        '--main',
        '160x90',
        '--no-sub',
        '--user',
        'op',
        '--password',
        'right-horse',
      ]);
      try {
        const cam = { ...fleet.cameras[0]!, credentials: { username: 'op', password: 'wrong-horse' } };
        const ingest = await startTestIngest([cam], { supervisor: { receiver } });
        try {
          const src = ingest.supervisor.source('cam-01:main')!;
          await waitFor('offline', () => src.status().state === 'offline', 15_000);
          expect(src.status().message).toMatch(/refused the user name or password/);
          expect(JSON.stringify(src.status())).not.toContain('wrong-horse');
        } finally {
          await ingest.stop();
        }
      } finally {
        await fleet.stop();
      }
    },
  );
});

describe('a camera that sends H.265', () => {
  it('is transcoded to H.264 so any console can decode it', async () => {
    const fleet = await startSimFleet([
      '--cameras',
      '1',
      '--main',
      '320x180',
      '--no-sub',
      '--codec',
      'h265',
      '--fps',
      '15',
      '--gop',
      '15',
    ]);
    const ingest = await startTestIngest(fleet.cameras);
    try {
      const src = ingest.supervisor.source('cam-01:main')!;
      await waitFor('live', () => src.status().state === 'live', 30_000);
      expect(src.status().codec).toMatch(/^avc1\./);
      expect(src.status()).toMatchObject({ width: 320, height: 180 });
    } finally {
      await ingest.stop();
      await fleet.stop();
    }
  });
});
