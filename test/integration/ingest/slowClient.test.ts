import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import { startSimFleet, type SimFleet } from '../../helpers/fleet';
import { ask } from '../../helpers/client';
import { waitFor } from '../../helpers/waitFor';
import { clientWhenLive, record, startTestIngest } from './harness';

describe('a slow viewer', () => {
  let fleet: SimFleet;
  let ingest: Ingest;
  const window = { maxFrames: 20, maxBytes: 4 * 1024 * 1024 };

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
      '10',
    ]);
    ingest = await startTestIngest(fleet.cameras, { window });
  });
  afterAll(async () => {
    await ingest?.stop();
    await fleet?.stop();
  });

  it('is skipped ahead to keyframes with its backlog bounded, while a fast viewer loses nothing', async () => {
    const fast = await clientWhenLive(ingest, 'cam-01:sub');
    const slow = await clientWhenLive(ingest, 'cam-01:sub');
    try {
      const fastGot = record(fast.media, 'cam-01:sub', { ack: true });
      const slowGot = record(slow.media, 'cam-01:sub', { ack: false });
      await ask(fast.media, 'stream:subscribe', { streamId: 'cam-01:sub' });
      await ask(slow.media, 'stream:subscribe', { streamId: 'cam-01:sub' });

      // The slow viewer acknowledges nothing for 3 s (about 75 frames).
      let worst = 0;
      const until = Date.now() + 3000;
      while (Date.now() < until) {
        worst = Math.max(worst, ingest.fanout.largestBacklog('cam-01:sub').frames);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(worst).toBeLessThanOrEqual(window.maxFrames);
      expect(slowGot.frames.length).toBeLessThanOrEqual(window.maxFrames);
      expect(ingest.fanout.figures('cam-01:sub').droppedFrames).toBeGreaterThan(40);

      // It catches up: acknowledges what it has, and is resumed at a keyframe with a drop notice.
      const have = slowGot.frames.length;
      slow.media.emit('stream:acknowledge', { streamId: 'cam-01:sub', seq: slowGot.frames.at(-1)!.seq });
      await waitFor('a drop notice', () => slowGot.drops.length > 0, 5000);
      const resumed = slowGot.frames[have]!;
      expect(resumed.key).toBe(true);
      expect(slowGot.drops[0]).toMatchObject({ resumeSeq: resumed.seq });
      expect(slowGot.drops[0]!.count).toBe(resumed.seq - slowGot.frames[have - 1]!.seq - 1);

      // Meanwhile the fast viewer got every frame, in order.
      const seqs = fastGot.frames.map((f) => f.seq);
      expect(seqs.length).toBeGreaterThan(60);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    } finally {
      fast.close();
      slow.close();
    }
  });
});
