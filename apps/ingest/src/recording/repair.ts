/**
 * Start-up repair: the index and the files must agree before anything records or plays.
 * - A segment left open (the service stopped without closing it: a crash, a power cut) is read up to
 *   its last whole fragment, cut there, and closed in the index with what it really holds.
 * - A file in the recent folders with no row (written, then the crash came before the index knew
 *   it) is read and indexed; a row whose file is gone is removed.
 * Every repair is logged. `reconcileAll` does the same check over every folder and row, in the
 * background, for what an operator or a disk did outside the service.
 */
import { open, readdir, rename, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { parseInit } from '@cctv/media';
import type { Logger } from '../log';
import { readFragment } from './fragmentReader';
import { parseSegmentName } from './paths';
import type { RecordingRepository, Segment } from './recordingRepository';
import type { KeyframeEntry } from './segmentBuilder';
import { codecString } from './codecString';

export interface Scan {
  startMs: number;
  endMs: number;
  /** Offset just past the last whole fragment. */
  goodBytes: number;
  fileBytes: number;
  frames: number;
  keyframes: KeyframeEntry[];
  init: { codec: string; width: number; height: number; config: Uint8Array };
}

/** Reads a segment file to its last whole fragment. Throws when its header cannot be read. */
export async function scanSegment(path: string, startMsHint: number): Promise<Scan | 'empty'> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await fh.read(head, 0, head.length, 0);
    let initEnd = 0;
    // ftyp + moov
    for (let at = 0; at + 8 <= head.length;) {
      const len = head.readUInt32BE(at);
      const type = head.toString('latin1', at + 4, at + 8);
      if (len < 8 || at + len > head.length) break;
      at += len;
      if (type === 'moov') {
        initEnd = at;
        break;
      }
    }
    if (initEnd === 0) return 'empty';
    const init = parseInit(head.subarray(0, initEnd));
    const ticksPerMs = init.timescale / 1000;
    let offset = initEnd;
    let frames = 0;
    let startMs: number | null = null;
    let endMs = startMsHint;
    const keyframes: KeyframeEntry[] = [];
    for (;;) {
      let f;
      try {
        f = await readFragment(fh, offset, size, false);
      } catch {
        break; // a damaged box: the footage before it is whole
      }
      if (!f || f.samples.length === 0) break;
      const first = f.samples[0]!;
      const last = f.samples[f.samples.length - 1]!;
      // Without a prft the file's name gives the start, and times count from it.
      const wallFirst = f.wallClockMs ?? startMsHint + first.time / ticksPerMs;
      if (startMs === null) startMs = wallFirst - first.time / ticksPerMs;
      if (first.key) keyframes.push({ t: Math.round(wallFirst - startMs), offset: f.offset });
      endMs = Math.round(wallFirst + (last.time + last.duration - first.time) / ticksPerMs);
      frames += f.samples.length;
      offset = f.end;
    }
    if (frames === 0 || startMs === null) return 'empty';
    return {
      startMs: Math.round(startMs),
      endMs,
      goodBytes: offset,
      fileBytes: size,
      frames,
      keyframes,
      init: {
        codec: codecString(init.family, init.config),
        width: init.width,
        height: init.height,
        config: init.config,
      },
    };
  } finally {
    await fh.close();
  }
}

export interface RepairReport {
  closed: number;
  trimmedBytes: number;
  removedRows: number;
  indexedFiles: number;
  removedFiles: number;
  damagedFiles: number;
  ms: number;
}

const emptyReport = (): RepairReport => ({
  closed: 0,
  trimmedBytes: 0,
  removedRows: 0,
  indexedFiles: 0,
  removedFiles: 0,
  damagedFiles: 0,
  ms: 0,
});

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

export class Repairer {
  constructor(
    private readonly dir: string,
    private readonly repo: RecordingRepository,
    private readonly log: Logger,
    private readonly onRepair: (what: string, details: Record<string, unknown>) => void,
  ) {}

  /** What start-up must do before recording: open segments, and files of the last two days. */
  async quick(now = Date.now()): Promise<RepairReport> {
    const started = Date.now();
    const r = emptyReport();
    for (const seg of this.repo.openSegments()) await this.closeOpen(seg, r);
    const days = new Set([dayOf(now), dayOf(now - 86_400_000)]);
    const cameras = await readdir(this.dir, { withFileTypes: true }).then(
      (list) => list.filter((d) => d.isDirectory()).map((d) => d.name),
      () => [] as string[], // no folder yet: nothing recorded
    );
    for (const cam of cameras) for (const day of days) await this.indexFolder(join(cam, day), r);
    r.ms = Date.now() - started;
    return r;
  }

  /** Every folder against the index, and every row against its file (run in the background). */
  async reconcileAll(): Promise<RepairReport> {
    const started = Date.now();
    const r = emptyReport();
    const cameras = await readdir(this.dir, { withFileTypes: true }).then(
      (list) => list.filter((d) => d.isDirectory()).map((d) => d.name),
      () => [] as string[],
    );
    for (const cam of cameras) {
      const days = (await readdir(join(this.dir, cam), { withFileTypes: true }).catch(() => []))
        .filter((d) => d.isDirectory())
        .map((d) => d.name);
      for (const day of days) await this.indexFolder(join(cam, day), r);
    }
    for (const seg of this.repo.allClosedFiles()) {
      if (!(await exists(join(this.dir, seg.file)))) {
        this.repo.removeSegment(seg.id);
        r.removedRows++;
        this.report('row without file removed', { file: seg.file, cameraId: seg.cameraId });
      }
    }
    r.ms = Date.now() - started;
    return r;
  }

  private async closeOpen(seg: Segment, r: RepairReport): Promise<void> {
    const path = join(this.dir, seg.file);
    if (!(await exists(path))) {
      this.repo.removeSegment(seg.id);
      r.removedRows++;
      this.report('open segment without file removed', { file: seg.file, cameraId: seg.cameraId });
      return;
    }
    let scan: Scan | 'empty';
    try {
      scan = await scanSegment(path, seg.startMs);
    } catch (e) {
      await this.setAside(path, seg.file, e, r);
      this.repo.removeSegment(seg.id);
      r.removedRows++;
      return;
    }
    if (scan === 'empty') {
      await rm(path, { force: true });
      this.repo.removeSegment(seg.id);
      r.removedRows++;
      r.removedFiles++;
      this.report('empty segment removed', { file: seg.file, cameraId: seg.cameraId });
      return;
    }
    if (scan.goodBytes < scan.fileBytes) {
      await truncate(path, scan.goodBytes);
      r.trimmedBytes += scan.fileBytes - scan.goodBytes;
    }
    this.repo.closeSegment(seg.id, {
      endMs: scan.endMs,
      bytes: scan.goodBytes,
      frames: scan.frames,
      keyframes: scan.keyframes,
    });
    r.closed++;
    this.report('segment left open was closed', {
      file: seg.file,
      cameraId: seg.cameraId,
      from: seg.startMs,
      to: scan.endMs,
      trimmedBytes: scan.fileBytes - scan.goodBytes,
    });
  }

  private async indexFolder(rel: string, r: RepairReport): Promise<void> {
    let names: string[];
    try {
      names = await readdir(join(this.dir, rel));
    } catch {
      return;
    }
    for (const name of names) {
      const parsed = parseSegmentName(name);
      if (!parsed) continue;
      const file = `${rel.split('\\').join('/')}/${name}`;
      if (this.repo.segmentByFile(file)) continue;
      const path = join(this.dir, file);
      let scan: Scan | 'empty';
      try {
        scan = await scanSegment(path, parsed.startMs);
      } catch (e) {
        await this.setAside(path, file, e, r);
        continue;
      }
      if (scan === 'empty') {
        await rm(path, { force: true });
        r.removedFiles++;
        this.report('empty file removed', { file });
        continue;
      }
      if (scan.goodBytes < scan.fileBytes) {
        await truncate(path, scan.goodBytes);
        r.trimmedBytes += scan.fileBytes - scan.goodBytes;
      }
      const id = this.repo.openSegment({
        cameraId: parsed.cameraId,
        profile: parsed.profile,
        startMs: scan.startMs,
        file,
        ...scan.init,
      });
      this.repo.closeSegment(id, {
        endMs: scan.endMs,
        bytes: scan.goodBytes,
        frames: scan.frames,
        keyframes: scan.keyframes,
      });
      r.indexedFiles++;
      this.report('file without a row indexed', {
        file,
        cameraId: parsed.cameraId,
        from: scan.startMs,
        to: scan.endMs,
      });
    }
  }

  /** A file that cannot be read is kept aside (renamed), never deleted: someone may want to look. */
  private async setAside(path: string, file: string, e: unknown, r: RepairReport): Promise<void> {
    await rename(path, `${path}.damaged`).catch(() => undefined);
    r.damagedFiles++;
    this.report('unreadable file set aside', { file, reason: (e as Error).message });
  }

  private report(what: string, details: Record<string, unknown>): void {
    this.log.warn({ ...details, repair: what }, 'recording repaired');
    this.onRepair(what, details);
  }
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
