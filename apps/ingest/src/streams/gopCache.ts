/** A frame as ingest keeps and forwards it. */
export interface Frame {
  seq: number;
  pts: number;
  key: boolean;
  data: Uint8Array;
  /** Wall-clock ms (UTC) when the frame was complete at the ingest. */
  at: number;
}

/**
 * The frames since the last keyframe, so a new viewer can decode a picture at once instead of waiting
 * up to a whole GOP. Bounded: a camera that never sends another keyframe cannot grow it forever.
 */
export class GopCache {
  private frames: Frame[] = [];
  private bytes = 0;

  constructor(
    private readonly maxFrames = 300,
    private readonly maxBytes = 16 * 1024 * 1024,
  ) {}

  push(frame: Frame): void {
    if (frame.key) {
      this.frames = [];
      this.bytes = 0;
    } else if (this.frames.length === 0) {
      return; // nothing decodable without the keyframe
    }
    if (this.frames.length >= this.maxFrames || this.bytes + frame.data.byteLength > this.maxBytes) {
      // Over the bound: a new viewer would wait for the next keyframe anyway.
      this.clear();
      return;
    }
    this.frames.push(frame);
    this.bytes += frame.data.byteLength;
  }

  /** Keyframe first, then the frames after it. Empty until the first keyframe. */
  snapshot(): readonly Frame[] {
    return this.frames.slice();
  }

  clear(): void {
    this.frames = [];
    this.bytes = 0;
  }

  get size(): { frames: number; bytes: number } {
    return { frames: this.frames.length, bytes: this.bytes };
  }
}
