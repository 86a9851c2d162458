import { mseMimeType } from '../codec';
import type { DecoderConfig, EncodedFrame, FramePlayer, Paintable, PlayerCallbacks } from '../player';
import { initSegment, mediaSegment, TIMESCALE } from './fmp4';

export function hasMse(): boolean {
  return typeof MediaSource === 'function';
}

const DEFAULT_FRAME_MS = 40;
/** Behind the live edge by more than this, jump forward (MSE players like to buffer). */
const MAX_LAG_S = 0.3;
const KEEP_BUFFER_S = 10;

/**
 * Fallback player where WebCodecs is missing: AVCC frames muxed to fMP4, appended to a MediaSource
 * on a hidden muted <video>, which the paint loop draws onto the tile's canvas like a frame.
 * Latency is higher than WebCodecs (the media pipeline buffers); the live edge is chased.
 */
export class MsePlayer implements FramePlayer {
  readonly kind = 'mse';
  private readonly video = document.createElement('video');
  private readonly source = new MediaSource();
  private readonly url = URL.createObjectURL(this.source);
  private buffer: SourceBuffer | null = null;
  private mime: string | null = null;
  private pendingInit: Uint8Array<ArrayBuffer> | null = null;
  private queue: Uint8Array<ArrayBuffer>[] = [];
  private trimDue = false;
  private sequence = 1;
  private decodeTime = 0;
  private lastPts: number | null = null;
  private fresh = false;
  private appends = 0;
  private closed = false;

  constructor(private readonly cb: PlayerCallbacks) {
    this.video.muted = true;
    this.video.playsInline = true;
    this.video.autoplay = true;
    this.video.className = 'mse-sink';
    this.video.setAttribute('aria-hidden', 'true');
    this.video.src = this.url;
    document.body.appendChild(this.video);
    this.watchFrames();
  }

  get backlog(): number {
    return this.queue.length;
  }

  configure(c: DecoderConfig): void {
    const mime = mseMimeType(c.codec);
    const init = initSegment(c.width, c.height, c.description);
    const apply = () => {
      try {
        if (!this.buffer) {
          this.buffer = this.source.addSourceBuffer(mime);
          this.buffer.mode = 'sequence';
          this.buffer.addEventListener('updateend', () => this.pump());
        } else if (mime !== this.mime) {
          this.buffer.changeType(mime);
        }
        this.mime = mime;
        this.pendingInit = init;
        this.queue = [];
        this.pump();
      } catch (e) {
        this.cb.onError(e instanceof Error ? e : new Error(String(e)));
      }
    };
    if (this.source.readyState === 'open') apply();
    else this.source.addEventListener('sourceopen', apply, { once: true });
  }

  decode(f: EncodedFrame): void {
    if (!this.mime) return;
    const duration = this.lastPts === null || f.pts <= this.lastPts ? DEFAULT_FRAME_MS : f.pts - this.lastPts;
    this.lastPts = f.pts;
    const ticks = Math.round(duration * (TIMESCALE / 1000));
    this.queue.push(
      mediaSegment({
        sequence: this.sequence++,
        decodeTime: this.decodeTime,
        duration: ticks,
        key: f.key,
        data: f.data,
      }),
    );
    this.decodeTime += ticks;
    this.pump();
  }

  resync(): void {
    // Drop queued media (the next frame fed is a keyframe); a pending init segment still goes in.
    this.queue = [];
    if (this.buffer && !this.buffer.updating && this.source.readyState === 'open') this.buffer.abort();
  }

  takeFrame(): Paintable | null {
    if (!this.fresh || this.video.videoWidth === 0) return null;
    this.fresh = false;
    return {
      source: this.video,
      width: this.video.videoWidth,
      height: this.video.videoHeight,
      release: () => undefined,
    };
  }

  close(): void {
    this.closed = true;
    this.queue = [];
    this.video.removeAttribute('src');
    this.video.load();
    this.video.remove();
    URL.revokeObjectURL(this.url);
  }

  private pump(): void {
    const sb = this.buffer;
    if (this.closed || !sb || sb.updating) return;
    try {
      if (this.pendingInit) {
        sb.appendBuffer(this.pendingInit);
        this.pendingInit = null;
        return;
      }
      if (this.trimDue) {
        this.trimDue = false;
        const cut = this.video.currentTime - KEEP_BUFFER_S;
        if (cut > 0) {
          sb.remove(0, cut);
          return;
        }
      }
      const next = this.queue.shift();
      if (next) {
        sb.appendBuffer(next);
        this.cb.onDrain();
        if (++this.appends % 250 === 0) this.trimDue = true;
        return;
      }
      this.chaseLiveEdge();
    } catch (e) {
      this.cb.onError(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private chaseLiveEdge(): void {
    const b = this.video.buffered;
    if (b.length === 0) return;
    const end = b.end(b.length - 1);
    if (end - this.video.currentTime > MAX_LAG_S) this.video.currentTime = Math.max(b.start(b.length - 1), end - 0.05);
    if (this.video.paused) void this.video.play().catch(() => undefined);
  }

  private watchFrames(): void {
    const v = this.video as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };
    if (typeof v.requestVideoFrameCallback === 'function') {
      const onFrame = () => {
        this.fresh = true;
        if (!this.closed) v.requestVideoFrameCallback!(onFrame);
      };
      v.requestVideoFrameCallback(onFrame);
    } else {
      v.addEventListener('timeupdate', () => (this.fresh = true));
    }
  }
}
