import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import { ask } from '../../helpers/client';
import { startSimFleet, type SimFleet } from '../../helpers/fleet';
import { waitFor } from '../../helpers/waitFor';
import { connectAs, startTestIngest } from '../ingest/harness';
import { recordedFor } from './helpers';

// A camera that goes down for a few seconds leaves a gap of that length in its footage: the index has
// no segment over it, the timeline shows it, the figures count it; and no frame is stamped inside it.
describe('an outage in the footage', () => {
  let fleet: SimFleet;
  let ingest: Ingest;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cctv-gap-'));
    fleet = await startSimFleet(['--cameras', '1', '--main', '320x180', '--no-sub', '--fps', '25', '--gop', '25']);
    ingest = await startTestIngest(fleet.cameras, { recording: { dir } });
  }, 60_000);
  afterAll(async () => {
    await ingest?.stop();
    await fleet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves a gap of the right length', async () => {
    await recordedFor(ingest, ['cam-01'], 3000);
    const downMs = 4000;
    const faultAt = Date.now();
    await fleet.fault('cam-01', 'restart', downMs);
    // The camera answers again after downMs; the pull reconnects (backoff ≤ 1 s here) and recording
    // resumes at its next keyframe (GOP 1 s).
    await waitFor(
      'recording again after the outage',
      () =>
        ingest
          .recording!.repo.segmentsBetween('cam-01', 'main', faultAt, Date.now() + 1)
          .some((s) => s.startMs > faultAt),
      30_000,
      100,
    );
    await new Promise((r) => setTimeout(r, 1500));
    const client = await connectAs(ingest, 'operator');
    try {
      const tl = await ask(client.control, 'recording:timeline', {
        cameraId: 'cam-01',
        from: faultAt - 10_000,
        to: Date.now(),
      });
      expect(tl.ok).toBe(true);
      if (!tl.ok) return;
      expect(tl.data.spans).toHaveLength(2);
      const [before, after] = tl.data.spans;
      const gap = after!.from - before!.to;
      expect(before!.to).toBeGreaterThan(faultAt - 500);
      expect(before!.to).toBeLessThan(faultAt + 500);
      expect(gap).toBeGreaterThanOrEqual(downMs - 200);
      expect(gap).toBeLessThan(downMs + 1000 + 1000 + 1000); // + reconnect backoff + GOP + slack
      const status = ingest.recording!.status().find((s) => s.cameraId === 'cam-01')!;
      expect(status.gapsLast24h.count).toBe(1);
      expect(Math.abs(status.gapsLast24h.ms - gap)).toBeLessThan(50);
      // No frame is stamped inside the gap: a playback from its middle lands on the first frame after it.
      const middle = Math.round(before!.to + gap / 2);
      const frames: number[] = [];
      client.media.on('stream:frameArrived', (f) => !f.decodeOnly && frames.push(f.pts));
      const r = await ask(client.media, 'playback:start', {
        playbackId: 'pb.1',
        cameraId: 'cam-01',
        at: middle,
        paused: true,
      });
      expect(r, JSON.stringify(r)).toMatchObject({
        ok: true,
        data: { message: expect.stringMatching(/^No recording from /) },
      });
      await waitFor('the first frame after the gap', () => frames.length > 0);
      expect(frames[0]).toBe(after!.from);
    } finally {
      client.close();
    }
  }, 90_000);
});
