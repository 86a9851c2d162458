import type { DecoderConfig, EncodedFrame, FramePlayer, Paintable, PlayerCallbacks } from './player';

export function hasWebCodecs(): boolean {
  return typeof globalThis.VideoDecoder === 'function' && typeof globalThis.EncodedVideoChunk === 'function';
}

/**
 * WebCodecs decoder for one stream. Every output replaces the previous undrawn frame, which is
 * closed at once, so at most one decoded frame per stream is alive between paints.
 */
export class WebCodecsPlayer implements FramePlayer {
  readonly kind = 'webcodecs';
  private decoder: VideoDecoder | null = null;
  private config: VideoDecoderConfig | null = null;
  private latest: VideoFrame | null = null;
  private closed = false;

  constructor(private readonly cb: PlayerCallbacks) {}

  get backlog(): number {
    return this.decoder?.decodeQueueSize ?? 0;
  }

  configure(c: DecoderConfig): void {
    this.config = {
      codec: c.codec,
      description: c.description,
      codedWidth: c.width,
      codedHeight: c.height,
      optimizeForLatency: true,
      hardwareAcceleration: 'no-preference',
    };
    this.open().configure(this.config);
  }

  decode(f: EncodedFrame): void {
    const decoder = this.decoder;
    if (!decoder || decoder.state !== 'configured') return;
    try {
      decoder.decode(new EncodedVideoChunk({ type: f.key ? 'key' : 'delta', timestamp: f.pts * 1000, data: f.data }));
    } catch (e) {
      this.fail(e);
    }
  }

  resync(): void {
    if (!this.config || this.closed) return;
    // open() replaces a decoder that an error has closed (a closed decoder cannot be reset).
    const decoder = this.open();
    if (decoder.state !== 'unconfigured') decoder.reset();
    decoder.configure(this.config);
  }

  takeFrame(): Paintable | null {
    const frame = this.latest;
    if (!frame) return null;
    this.latest = null;
    return { source: frame, width: frame.displayWidth, height: frame.displayHeight, release: () => frame.close() };
  }

  close(): void {
    this.closed = true;
    this.latest?.close();
    this.latest = null;
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = null;
  }

  private open(): VideoDecoder {
    if (this.decoder && this.decoder.state !== 'closed') return this.decoder;
    const decoder: VideoDecoder = new VideoDecoder({
      output: (frame) => {
        if (this.closed || decoder !== this.decoder) {
          frame.close();
          return;
        }
        this.latest?.close();
        this.latest = frame;
      },
      error: (e) => {
        if (decoder === this.decoder && !this.closed) this.cb.onError(e instanceof Error ? e : new Error(String(e)));
      },
    });
    decoder.addEventListener('dequeue', () => this.cb.onDrain());
    this.decoder = decoder;
    return decoder;
  }

  private fail(e: unknown): void {
    this.cb.onError(e instanceof Error ? e : new Error(String(e)));
  }
}
