import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import { childBoxes } from '@cctv/media';
import { readFileSync } from 'node:fs';
import { startSimFleet, type SimFleet } from '../../helpers/fleet';
import { waitFor } from '../../helpers/waitFor';
import { startTestIngest } from '../ingest/harness';

const MB = 1024 * 1024;

// A real full disk: a 6 MB tmpfs (the tests run as root, as CI does), two cameras at 4 Mbit/s, no
// minimum free space, so writes really fail with ENOSPC and the recorder must free space itself.
describe('a full recordings disk', () => {
  let fleet: SimFleet;
  let ingest: Ingest;
  let mnt: string;

  beforeAll(async () => {
    mnt = mkdtempSync(join(tmpdir(), 'cctv-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m,mode=0700', 'tmpfs', mnt]);
    fleet = await startSimFleet([
      '--cameras',
      '2',
      '--main',
      '640x360',
      '--no-sub',
      '--fps',
      '25',
      '--gop',
      '25',
      '--bitrate',
      '4M',
    ]);
    ingest = await startTestIngest(fleet.cameras, {
      recording: {
        dir: mnt,
        segment: { segmentMs: 3000 },
        limits: { minFreeBytes: 0, retentionDays: 31, budgetBytes: null },
        sweepEveryMs: 3_600_000, // only a failed write makes room
      },
    });
  }, 60_000);
  afterAll(async () => {
    await ingest?.stop();
    await fleet?.stop();
    if (mnt) {
      execFileSync('umount', ['-l', mnt]);
      rmSync(mnt, { recursive: true, force: true });
    }
  });

  it('keeps the newest and the held footage, raises an alarm, never corrupts the index, never stops live video', async () => {
    const rec = ingest.recording!;
    // Hold the first seconds of cam-01: they must survive however full the disk gets.
    await waitFor(
      'a closed segment of cam-01',
      () => rec.repo.segmentsBetween('cam-01', 'main', 0, Date.now()).some((s) => !s.open),
      30_000,
    );
    const first = rec.repo.segmentsBetween('cam-01', 'main', 0, Date.now()).find((s) => !s.open)!;
    const [hold] = rec.placeHold(
      {
        cameraIds: ['cam-01'],
        from: first.startMs,
        to: first.endMs,
        kind: 'incident',
        ref: '2026/000001',
        reason: 'test',
      },
      { userId: null, username: 'system', workstation: null },
      null,
    );
    // Fill the disk several times over.
    let used = '';
    await waitFor(
      'a write that failed for want of space',
      async () => {
        const st = await rec.storage();
        used = `${(st.recordedBytes / MB).toFixed(1)} MB recorded, ${(st.freeBytes / MB).toFixed(1)} MB free`;
        return ingest.alarms.repo.list({ unacknowledgedOnly: false, limit: 50 }).some((a) => a.kind === 'recording');
      },
      60_000,
      250,
    ).catch((e: Error) => {
      throw new Error(`${e.message}: ${used}`);
    });
    const alarm = ingest.alarms.repo
      .list({ unacknowledgedOnly: false, limit: 50 })
      .find((a) => a.kind === 'recording')!;
    expect(alarm.detail).toMatch(/disk is full/);
    const deletedBefore = ingest.audit.search({ action: 'recording.deleted', limit: 500 }).length;
    await waitFor(
      'space made by deleting the oldest unheld footage',
      () =>
        ingest.audit.search({ action: 'recording.deleted', limit: 500 }).length > deletedBefore || deletedBefore > 0,
      30_000,
    );
    // Recording goes on after the failures, and live video never stopped.
    await waitFor(
      'both cameras recording again',
      () => rec.status().every((s) => s.state === 'recording'),
      30_000,
      250,
    );
    expect(ingest.supervisor.source('cam-01:main')!.status().state).toBe('live');
    expect(ingest.supervisor.source('cam-02:main')!.status().state).toBe('live');

    // The held segment is still there, whole.
    const kept = rec.repo.segment(first.id);
    expect(kept).toBeDefined();
    expect(statSync(join(mnt, first.file)).size).toBe(first.bytes);
    expect(rec.repo.hold(hold!.id)!.releasedAt).toBeNull();
    // The newest footage is kept: each camera has footage from the last few seconds.
    for (const s of rec.status()) expect(Date.now() - s.newest!).toBeLessThan(5000);
    // Every closed row's file exists with the size the index says, and ends with a whole fragment.
    const rows = ['cam-01', 'cam-02'].flatMap((c) =>
      rec.repo.segmentsBetween(c, 'main', 0, Date.now()).filter((s) => !s.open),
    );
    expect(rows.length).toBeGreaterThan(1);
    for (const s of rows) {
      const bytes = readFileSync(join(mnt, s.file));
      expect(bytes.length).toBe(s.bytes);
      const boxes = childBoxes(bytes);
      expect(boxes.at(-1)!.type).toBe('mdat');
    }
    // The oldest unheld footage went first: nothing older than the held segment is left but it.
    await rec.sweep('schedule'); // let any sweep under way finish, so the index and the log agree
    const deletions = ingest.audit.search({ action: 'recording.deleted', limit: 500 });
    expect(deletions.some((d) => (d.details as { reason: string }).reason === 'disk-full')).toBe(true);
    for (const cameraId of ['cam-01', 'cam-02']) {
      const deletedUpTo = Math.max(
        ...deletions.filter((d) => d.cameraId === cameraId).map((d) => (d.details as { to: number }).to),
      );
      const unheldLeft = rec.repo
        .segmentsBetween(cameraId, 'main', 0, Date.now())
        .filter((r) => !r.open && r.id !== first.id);
      for (const r of unheldLeft) expect(r.startMs).toBeGreaterThanOrEqual(deletedUpTo - 1);
    }
    const free = Number(execFileSync('df', ['--output=avail', '-B1', mnt], { encoding: 'utf8' }).split('\n')[1]);
    expect(free).toBeGreaterThanOrEqual(0);
    expect(free).toBeLessThan(6 * MB);
  }, 150_000);
});
