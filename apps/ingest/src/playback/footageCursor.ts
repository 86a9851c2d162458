import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { parseInit } from '@cctv/media';
import { keyframeAtOrBefore } from '../recording/keyframeIndex';
import { readFragment } from '../recording/fragmentReader';
import type { RecordingRepository, Segment } from '../recording/recordingRepository';
import type { KeyframeEntry } from '../recording/segmentBuilder';
import type { OpenSegment } from '../recording/streamRecorder';

/** A recorded frame, with the wall-clock time it was recorded at. */
export interface FootageFrame {
  at: number;
  key: boolean;
  data: Uint8Array;
  segmentId: number;
}

/** The codec configuration of the segment a frame came from. */
export interface FootageTrack {
  segmentId: number;
  family: 'avc1' | 'hvc1';
  codec: string;
  width: number;
  height: number;
  record: Uint8Array;
}

/** What the cursor needs of the recorder and the index. */
export interface FootageSource {
  repo: RecordingRepository;
  dir: string;
  profile: string;
  openSegment(cameraId: string): OpenSegment | null;
  unsettledSegment(cameraId: string, id: number): { meta: OpenSegment; writing: boolean } | null;
}

interface Current {
  id: number;
  startMs: number;
  file: string;
  track: FootageTrack;
  fh: FileHandle;
  initEnd: number;
  ticksPerMs: number;
  offset: number;
}

export type SeekResult =
  | { ok: true; frames: FootageFrame[]; track: FootageTrack; skippedGap: { from: number; to: number } | null }
  | {
      ok: false;
      reason: 'no-footage' | 'before-oldest' | 'after-newest';
      oldest: number | null;
      newest: number | null;
    };

/**
 * Reads one camera's footage forward from a time, across segments, as frames with their wall-clock
 * times: straight from the files (the index gives the keyframe to start at), including the segment
 * still being written, up to what has reached the disk.
 */
export class FootageCursor {
  private cur: Current | null = null;
  private buffered: FootageFrame[] = [];
  /** The configuration changed with the frame at the front of `buffered`. */
  private newTrack: FootageTrack | null = null;

  constructor(
    private readonly src: FootageSource,
    readonly cameraId: string,
  ) {}

  get track(): FootageTrack | null {
    return this.cur?.track ?? null;
  }

  /**
   * Positions at the frame shown at `t` (the last one recorded at or before it): returns the frames
   * from the keyframe before it up to it, so a decoder can show it. A time in a gap lands on the
   * first frame after the gap.
   */
  async seek(t: number): Promise<SeekResult> {
    const { repo, profile } = this.src;
    const extent = repo.extent(this.cameraId, profile);
    const open = this.src.openSegment(this.cameraId);
    const newest = open ? open.endMs : extent.newest;
    if (extent.oldest === null) return { ok: false, reason: 'no-footage', oldest: null, newest: null };
    if (t < extent.oldest) return { ok: false, reason: 'before-oldest', oldest: extent.oldest, newest };
    if (newest !== null && t >= newest) return { ok: false, reason: 'after-newest', oldest: extent.oldest, newest };
    let seg = repo.segmentFrom(this.cameraId, profile, t);
    if (!seg) return { ok: false, reason: 'after-newest', oldest: extent.oldest, newest };
    let skippedGap: { from: number; to: number } | null = null;
    if (seg.startMs > t) {
      const before = repo.segmentBefore(this.cameraId, profile, seg.startMs);
      skippedGap = { from: before ? Math.min(before.endMs, t) : t, to: seg.startMs };
      t = seg.startMs;
    }
    // An open segment's end in the index is its start: the recorder knows how far it really is.
    if (!seg.open || open?.id === seg.id) seg = this.withLive(seg, open);
    await this.enter(seg);
    const cur = this.cur!;
    const key = keyframeAtOrBefore(this.keyframesOf(seg, open), t - seg.startMs);
    cur.offset = key ? key.offset : cur.initEnd;
    this.buffered = [];
    this.newTrack = null;
    const frames: FootageFrame[] = [];
    for (;;) {
      const f = await this.next();
      if (typeof f === 'string') break;
      if (f.at > t && frames.length > 0) {
        this.buffered.unshift(f);
        break;
      }
      if (f.key) frames.length = 0; // a later keyframe before t: start there
      frames.push(f);
      if (f.at > t) break;
    }
    if (frames.length === 0) return { ok: false, reason: 'after-newest', oldest: extent.oldest, newest };
    return { ok: true, frames, track: cur.track, skippedGap };
  }

  /** A configuration change waiting to be sent before the next frame, if any (taken once). */
  takeTrackChange(): FootageTrack | null {
    const t = this.newTrack;
    this.newTrack = null;
    return t;
  }

  /**
   * The next frame; 'wait' at the newest footage (more is being written), 'end' when no footage
   * follows (the camera stopped recording, or its footage was deleted).
   */
  async next(): Promise<FootageFrame | 'wait' | 'end'> {
    for (let guard = 0; guard < 10_000; guard++) {
      const f = this.buffered.shift();
      if (f) return f;
      const cur = this.cur;
      if (!cur) return 'end';
      const unsettled = this.src.unsettledSegment(this.cameraId, cur.id);
      const isOpen = unsettled?.writing === true;
      const limit = unsettled ? unsettled.meta.bytes : (this.src.repo.segment(cur.id)?.bytes ?? -1);
      const frag = limit < 0 ? null : await readFragment(cur.fh, cur.offset, limit, true).catch(() => null);
      if (!frag) {
        if (isOpen) return 'wait';
        // the end of this segment (or it was deleted under us, by retention): on to the next
        const moved = await this.advance();
        if (moved === 'pending') return 'wait';
        if (moved === 'none') return this.src.openSegment(this.cameraId) ? 'wait' : 'end';
        continue;
      }
      cur.offset = frag.end;
      const s0 = frag.samples[0];
      if (!s0) continue;
      const base = frag.wallClockMs ?? cur.startMs + s0.time / cur.ticksPerMs;
      for (const s of frag.samples) {
        this.buffered.push({
          at: Math.round(base + (s.time - s0.time) / cur.ticksPerMs),
          key: s.key,
          data: frag.data!.subarray(s.offset, s.offset + s.size),
          segmentId: cur.id,
        });
      }
    }
    return 'end';
  }

  /** Skips to the first keyframe after time `after` using the index (keyframes-only playback). */
  async skipToKeyframeAfter(after: number): Promise<void> {
    const cur = this.cur;
    if (!cur) return;
    const live = this.src.unsettledSegment(this.cameraId, cur.id);
    const keys = live ? live.meta.keyframes : (this.src.repo.segment(cur.id)?.keyframes ?? []);
    const next = keys.find((k) => cur.startMs + k.t > after);
    if (next && next.offset > cur.offset) {
      cur.offset = next.offset;
      this.buffered = [];
    } else if (!next && keys.length > 0 && !live?.writing) {
      // no keyframe left in this segment: the next one starts with one
      this.buffered = [];
      await this.advance();
    }
  }

  async close(): Promise<void> {
    const fh = this.cur?.fh;
    this.cur = null;
    this.buffered = [];
    await fh?.close().catch(() => undefined);
  }

  private keyframesOf(seg: Segment, open: OpenSegment | null): KeyframeEntry[] {
    return open && open.id === seg.id ? open.keyframes : seg.keyframes;
  }

  private withLive(seg: Segment, open: OpenSegment | null): Segment {
    return open && open.id === seg.id ? { ...seg, endMs: open.endMs, bytes: open.bytes } : seg;
  }

  /** Moves to the segment after the current one: none yet, or one whose file is not on disk yet. */
  private async advance(): Promise<'ok' | 'none' | 'pending'> {
    const cur = this.cur;
    if (!cur) return 'none';
    const next = this.src.repo.segmentAfter(this.cameraId, this.src.profile, cur.startMs);
    if (!next) return 'none';
    const unsettled = this.src.unsettledSegment(this.cameraId, next.id);
    if (unsettled && unsettled.meta.bytes === 0) return 'pending';
    await this.enter(next);
    this.cur!.offset = this.cur!.initEnd;
    if (this.cur!.track.codec !== cur.track.codec || !sameBytes(this.cur!.track.record, cur.track.record))
      this.newTrack = this.cur!.track;
    return 'ok';
  }

  private async enter(seg: Segment): Promise<void> {
    if (this.cur?.id === seg.id) return;
    const fh = await open(join(this.src.dir, seg.file), 'r');
    try {
      const head = Buffer.alloc(64 * 1024);
      const { bytesRead } = await fh.read(head, 0, head.length, 0);
      let initEnd = 0;
      for (let at = 0; at + 8 <= bytesRead;) {
        const len = head.readUInt32BE(at);
        if (len < 8 || at + len > bytesRead) break;
        const type = head.toString('latin1', at + 4, at + 8);
        at += len;
        if (type === 'moov') {
          initEnd = at;
          break;
        }
      }
      if (initEnd === 0) throw new Error(`recording ${seg.file} has no readable header`);
      const init = parseInit(head.subarray(0, initEnd));
      const old = this.cur?.fh;
      this.cur = {
        id: seg.id,
        startMs: seg.startMs,
        file: seg.file,
        fh,
        initEnd,
        ticksPerMs: init.timescale / 1000,
        offset: initEnd,
        track: {
          segmentId: seg.id,
          family: init.family,
          codec: seg.codec,
          width: seg.width,
          height: seg.height,
          record: seg.config,
        },
      };
      await old?.close().catch(() => undefined);
    } catch (e) {
      await fh.close().catch(() => undefined);
      throw e;
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
