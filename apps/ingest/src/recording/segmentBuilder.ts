/**
 * Turns one stream's frames into recording segments, without touching a file: what to open, what
 * bytes to append, when to close. A segment is one fMP4 file: init, then fragments of at most
 * `fragmentMs` that each start a new one at every keyframe, so a crash loses at most the fragment
 * being built. A segment starts at a keyframe and ends at the keyframe after `segmentMs`, at a gap
 * (no frame for `gapMs`), at a discontinuity of the camera's clock, or when the codec configuration
 * changes. Frames before the first keyframe are dropped: nothing could decode them.
 */
import { fragmentHeader, initSegment, VIDEO_TIMESCALE, type VideoCodecFamily } from '@cctv/media';

export interface SegmentPolicy {
  segmentMs: number;
  fragmentMs: number;
  gapMs: number;
}

export const defaultSegmentPolicy: SegmentPolicy = { segmentMs: 300_000, fragmentMs: 500, gapMs: 3000 };

/** The codec configuration a segment is written with. */
export interface TrackConfig {
  family: VideoCodecFamily;
  /** WebCodecs codec string (avc1.64001f, hvc1.1.6.L93.B0). */
  codec: string;
  width: number;
  height: number;
  /** avcC / hvcC record. */
  record: Uint8Array;
}

export interface TimedFrame {
  /** Wall-clock ms (UTC). */
  at: number;
  key: boolean;
  data: Uint8Array;
  /** The camera's clock jumped: this frame cannot continue the segment. */
  discontinuity?: boolean;
}

/** A keyframe's place: ms from the segment's start, byte offset of its fragment in the file. */
export interface KeyframeEntry {
  t: number;
  offset: number;
}

export type SegmentAction =
  | { type: 'open'; startMs: number; config: TrackConfig; init: Uint8Array }
  | {
      type: 'append';
      /** Header bytes then the samples' own buffers: the fragment, in order. */
      chunks: Uint8Array[];
      bytes: number;
      /** Byte offset of the fragment in the file. */
      offset: number;
      startMs: number;
      endMs: number;
      frames: number;
      key: boolean;
    }
  | { type: 'close'; endMs: number; reason: CloseReason };

export type CloseReason = 'length' | 'gap' | 'discontinuity' | 'config' | 'stop';

interface Pending {
  frames: TimedFrame[];
}

const DEFAULT_FRAME_MS = 40;

export class SegmentBuilder {
  private config: TrackConfig | null = null;
  private open = false;
  private segStart = 0;
  private offset = 0;
  private sequence = 0;
  private pending: Pending | null = null;
  private lastAt: number | null = null;
  private lastDuration = DEFAULT_FRAME_MS;
  /** Frames dropped while waiting for a keyframe. */
  droppedBeforeKey = 0;

  constructor(private readonly p: SegmentPolicy = defaultSegmentPolicy) {}

  get isOpen(): boolean {
    return this.open;
  }

  /** A (possibly new) codec configuration: a different one closes the segment. */
  configure(config: TrackConfig): SegmentAction[] {
    const same =
      this.config !== null && this.config.family === config.family && equalBytes(this.config.record, config.record);
    this.config = config;
    return same ? [] : this.close('config');
  }

  frame(f: TimedFrame): SegmentAction[] {
    const out: SegmentAction[] = [];
    if (!this.config) return out;
    if (this.open && this.lastAt !== null) {
      const gap = f.at - this.lastAt > this.p.gapMs;
      if (f.discontinuity || gap || f.at <= this.lastAt) {
        out.push(...this.close(f.discontinuity || f.at <= this.lastAt ? 'discontinuity' : 'gap'));
      }
    }
    if (!this.open) {
      if (!f.key) {
        this.droppedBeforeKey++;
        return out;
      }
      out.push(this.openAt(f.at));
    } else if (f.key && f.at - this.segStart >= this.p.segmentMs) {
      out.push(...this.closeWith('length', f.at));
      out.push(this.openAt(f.at));
    }
    if (this.pending && (f.key || f.at - this.pending.frames[0]!.at >= this.p.fragmentMs)) {
      out.push(this.flushFragment(f.at));
    }
    if (this.lastAt !== null && f.at > this.lastAt) this.lastDuration = f.at - this.lastAt;
    (this.pending ??= { frames: [] }).frames.push(f);
    this.lastAt = f.at;
    return out;
  }

  /**
   * Called on a timer: a fragment older than `fragmentMs` is written out even though its next frame
   * has not arrived (a camera that went quiet); a segment quiet for `gapMs` is closed.
   */
  tick(now: number): SegmentAction[] {
    const out: SegmentAction[] = [];
    if (this.pending && now - this.pending.frames[0]!.at >= this.p.fragmentMs + this.lastDuration) {
      out.push(this.flushFragment(null));
    }
    if (this.open && this.lastAt !== null && now - this.lastAt > this.p.gapMs) out.push(...this.close('gap'));
    return out;
  }

  /** Writes what is pending and closes the segment. */
  close(reason: CloseReason): SegmentAction[] {
    if (!this.open) {
      this.pending = null;
      return [];
    }
    return this.closeWith(reason, null);
  }

  private closeWith(reason: CloseReason, nextAt: number | null): SegmentAction[] {
    const out: SegmentAction[] = [];
    if (this.pending) out.push(this.flushFragment(nextAt));
    const endMs = this.lastEnd;
    this.open = false;
    this.lastAt = null;
    out.push({ type: 'close', endMs, reason });
    return out;
  }

  private lastEnd = 0;

  private openAt(at: number): SegmentAction {
    const c = this.config!;
    const init = initSegment({ family: c.family, width: c.width, height: c.height, config: c.record, createdAtMs: at });
    this.open = true;
    this.segStart = at;
    this.offset = init.length;
    this.sequence = 0;
    this.lastEnd = at;
    return { type: 'open', startMs: at, config: c, init };
  }

  /** Writes the pending frames as one fragment; `nextAt` is the time of the frame after the last one. */
  private flushFragment(nextAt: number | null): SegmentAction {
    const frames = this.pending!.frames;
    this.pending = null;
    const durations = frames.map((f, i) => {
      const next = i + 1 < frames.length ? frames[i + 1]!.at : nextAt;
      const ms = next !== null && next > f.at ? next - f.at : this.lastDuration;
      return Math.max(1, ms);
    });
    const start = frames[0]!.at;
    const header = fragmentHeader({
      sequence: ++this.sequence,
      baseTime: (start - this.segStart) * (VIDEO_TIMESCALE / 1000),
      wallClockMs: start,
      samples: frames.map((f, i) => ({
        duration: durations[i]! * (VIDEO_TIMESCALE / 1000),
        size: f.data.length,
        key: f.key,
      })),
    });
    const chunks = [header, ...frames.map((f) => f.data)];
    const bytes = chunks.reduce((n, c) => n + c.length, 0);
    const offset = this.offset;
    this.offset += bytes;
    const endMs = frames[frames.length - 1]!.at + durations[durations.length - 1]!;
    this.lastEnd = endMs;
    return { type: 'append', chunks, bytes, offset, startMs: start, endMs, frames: frames.length, key: frames[0]!.key };
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
