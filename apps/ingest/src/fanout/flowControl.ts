import type { Frame } from '../streams/gopCache';

/** What the window needs to know of a frame. */
type Offered = Pick<Frame, 'seq' | 'key' | 'data'>;

/** How much one subscriber may have in flight (sent, not yet acknowledged). */
export interface WindowPolicy {
  maxFrames: number;
  maxBytes: number;
}

/** About 4 s of 25 fps video, and enough bytes for a 4K keyframe burst. */
export const defaultWindow: WindowPolicy = { maxFrames: 100, maxBytes: 8 * 1024 * 1024 };

export type Decision =
  | { action: 'send' }
  /** Send, and tell the subscriber first that `dropped` frames were skipped. */
  | { action: 'resume'; dropped: number }
  | { action: 'drop' };

/**
 * The bounded queue of one subscriber. A slow client is never buffered for: once its window is full
 * it is skipped to the next keyframe that fits (the picture jumps forward, it never lags behind), and
 * memory on the server stays bounded by the window whatever the client does.
 */
export class SubscriberWindow {
  private inflight: { seq: number; bytes: number }[] = [];
  private inflightBytes = 0;
  private waitingForKey = true;
  private dropped = 0;
  private everSent = false;
  totalDropped = 0;

  constructor(private readonly policy: WindowPolicy = defaultWindow) {}

  /** Decide what to do with the next frame of the stream, and account for it if sent. */
  offer(frame: Offered): Decision {
    const fits =
      this.inflight.length < this.policy.maxFrames &&
      this.inflightBytes + frame.data.byteLength <= this.policy.maxBytes;
    if (this.waitingForKey) {
      // Resume only at a keyframe, and only once the client has drained half its window, so a client
      // that is slow all the time does not flap between dropping and sending.
      const drained =
        this.inflight.length <= this.policy.maxFrames / 2 && this.inflightBytes <= this.policy.maxBytes / 2;
      if (!frame.key || !drained || !fits) return this.drop();
      this.waitingForKey = false;
      this.account(frame);
      const dropped = this.dropped;
      this.dropped = 0;
      this.everSent = true;
      return dropped > 0 ? { action: 'resume', dropped } : { action: 'send' };
    }
    if (!fits) {
      this.waitingForKey = true;
      return this.drop();
    }
    this.account(frame);
    this.everSent = true;
    return { action: 'send' };
  }

  /** The client has received everything up to and including `seq`. */
  acknowledge(seq: number): void {
    let n = 0;
    while (n < this.inflight.length && this.inflight[n]!.seq <= seq) {
      this.inflightBytes -= this.inflight[n]!.bytes;
      n++;
    }
    if (n > 0) this.inflight.splice(0, n);
  }

  /** The stream restarted (new configuration): the client needs a keyframe before anything else. */
  restart(): void {
    this.waitingForKey = true;
    this.dropped = 0;
  }

  get pending(): { frames: number; bytes: number } {
    return { frames: this.inflight.length, bytes: this.inflightBytes };
  }

  private drop(): Decision {
    // Frames before the first picture are not "dropped" from the viewer's point of view.
    if (this.everSent) {
      this.dropped++;
      this.totalDropped++;
    }
    return { action: 'drop' };
  }

  private account(frame: Offered): void {
    this.inflight.push({ seq: frame.seq, bytes: frame.data.byteLength });
    this.inflightBytes += frame.data.byteLength;
  }
}
