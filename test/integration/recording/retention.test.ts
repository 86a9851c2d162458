import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SegmentBuilder, segmentPath, type Ingest, type TrackConfig } from '@cctv/ingest';
import { FlvDemuxer, type FlvEvent } from '@cctv/media';
import { readFileSync } from 'node:fs';
import { repoRoot } from '../../helpers/fleet';
import { startTestIngest } from '../ingest/harness';

const DAY = 86_400_000;

/** Real footage (the media fixture) written as a segment that starts at `startMs`, indexed like the recorder does. */
function writeSegment(ingest: Ingest, dir: string, cameraId: string, startMs: number) {
  const events = new FlvDemuxer().push(readFileSync(join(repoRoot, 'test/fixtures/media/h264-320x180-baseline.flv')));
  const cfg = events.find((e): e is Extract<FlvEvent, { type: 'config' }> => e.type === 'config')!;
  const track: TrackConfig = { family: 'avc1', codec: cfg.config.codec, width: 320, height: 180, record: cfg.record };
  const b = new SegmentBuilder();
  b.configure(track);
  const frames = events.filter((e): e is Extract<FlvEvent, { type: 'frame' }> => e.type === 'frame');
  const actions = [
    ...frames.flatMap((f) => b.frame({ at: startMs + f.pts, key: f.key, data: f.data })),
    ...b.close('stop'),
  ];
  const file = segmentPath(cameraId, 'main', startMs);
  const parts: Uint8Array[] = [];
  const keyframes: { t: number; offset: number }[] = [];
  let end = startMs;
  for (const a of actions) {
    if (a.type === 'open') parts.push(a.init);
    if (a.type === 'append') {
      parts.push(...a.chunks);
      if (a.key) keyframes.push({ t: a.startMs - startMs, offset: a.offset });
      end = a.endMs;
    }
  }
  const bytes = Buffer.concat(parts);
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), bytes);
  const repo = ingest.recording!.repo;
  const id = repo.openSegment({
    cameraId,
    profile: 'main',
    startMs,
    file,
    codec: track.codec,
    width: 320,
    height: 180,
    config: track.record,
  });
  repo.closeSegment(id, { endMs: end, bytes: bytes.length, frames: frames.length, keyframes });
  return { id, file };
}

describe('retention', () => {
  let ingest: Ingest;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cctv-retention-'));
    ingest = await startTestIngest({ cameras: [] }, { recording: { dir, limits: { minFreeBytes: 0 } } });
  });
  afterAll(async () => {
    await ingest?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deletes only unheld footage past its age, logs every deletion, and honours a camera`s own retention', async () => {
    const now = Date.now();
    const rec = ingest.recording!;
    const old = writeSegment(ingest, dir, 'cam-a', now - 40 * DAY); // past 31 days, unheld: goes
    const held = writeSegment(ingest, dir, 'cam-a', now - 35 * DAY); // past 31 days, held: stays
    const young = writeSegment(ingest, dir, 'cam-a', now - 20 * DAY); // within 31 days: stays
    const shortKept = writeSegment(ingest, dir, 'cam-b', now - 20 * DAY); // cam-b keeps 10 days: goes
    const recent = writeSegment(ingest, dir, 'cam-b', now - 5 * DAY); // within 10 days: stays
    rec.repo.saveSettings({ cameraId: 'cam-b', mode: 'continuous', preS: 10, postS: 30, retentionDays: 10 }, null);
    const [hold] = rec.placeHold(
      {
        cameraIds: ['cam-a'],
        from: now - 35 * DAY,
        to: now - 35 * DAY + 1000,
        kind: 'request',
        ref: 'PR-2026-0001',
        reason: 'police request',
      },
      { userId: null, username: 'system', workstation: null },
      null,
    );
    await rec.sweep('schedule');
    const gone = (s: { id: number; file: string }) =>
      rec.repo.segment(s.id) === undefined && !existsSync(join(dir, s.file));
    const kept = (s: { id: number; file: string }) =>
      rec.repo.segment(s.id) !== undefined && existsSync(join(dir, s.file));
    expect(gone(old)).toBe(true);
    expect(kept(held)).toBe(true);
    expect(kept(young)).toBe(true);
    expect(gone(shortKept)).toBe(true);
    expect(kept(recent)).toBe(true);
    const log = ingest.db.prepare('SELECT camera_id, reason, segments FROM recording_deletions ORDER BY id').all();
    expect(log).toEqual([
      { camera_id: 'cam-a', reason: 'retention', segments: 1 },
      { camera_id: 'cam-b', reason: 'retention', segments: 1 },
    ]);
    expect(ingest.audit.search({ action: 'recording.deleted', limit: 10 })).toHaveLength(2);

    // Released, the held footage ages out at the next sweep like any other.
    rec.repo.releaseHold(hold!.id, null, 'request closed');
    await rec.sweep('schedule');
    expect(gone(held)).toBe(true);
    expect(kept(young)).toBe(true);
  });

  it('enforces a disk budget oldest first, never touching held footage', async () => {
    const rec = ingest.recording!;
    const now = Date.now();
    const segs = [5, 4, 3, 2, 1].map((d) => writeSegment(ingest, dir, 'cam-c', now - d * DAY));
    rec.placeHold(
      {
        cameraIds: ['cam-c'],
        from: now - 5 * DAY,
        to: now - 5 * DAY + 1000,
        kind: 'evidence',
        ref: 'EP-1',
        reason: 'package',
      },
      { userId: null, username: 'system', workstation: null },
      null,
    );
    const each = rec.repo.segment(segs[0]!.id)!.bytes;
    const total = rec.repo.totalBytes();
    // A budget two segments short: the two oldest unheld go, across cameras (cam-a's 20-day and cam-b's
    // 5-day segments from the test above); cam-c's held 5-day segment and its newer ones stay.
    const others = rec.repo
      .segmentsBetween('cam-a', 'main', 0, now)
      .concat(rec.repo.segmentsBetween('cam-b', 'main', 0, now));
    expect(others).toHaveLength(2);
    (rec.limits as { budgetBytes: number | null }).budgetBytes = total - 2 * each + 1;
    await rec.sweep('schedule');
    (rec.limits as { budgetBytes: number | null }).budgetBytes = null;
    expect(segs.map((s) => rec.repo.segment(s.id) !== undefined)).toEqual([true, true, true, true, true]);
    for (const o of others) expect(rec.repo.segment(o.id)).toBeUndefined();
    const budget = ingest.db
      .prepare("SELECT SUM(segments) AS n FROM recording_deletions WHERE reason = 'disk-budget'")
      .get();
    expect(budget).toEqual({ n: 2 });
  });
});
