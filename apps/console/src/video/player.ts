/** A decoded picture ready to draw; `release()` must be called once it has been drawn (or skipped). */
export interface Paintable {
  source: CanvasImageSource;
  width: number;
  height: number;
  release(): void;
}

export interface DecoderConfig {
  codec: string;
  width: number;
  height: number;
  /** avcC (AVCDecoderConfigurationRecord). */
  description: Uint8Array;
}

export interface EncodedFrame {
  data: Uint8Array;
  key: boolean;
  /** ms */
  pts: number;
}

/** Turns encoded frames of one stream into pictures. WebCodecs normally, Media Source Extensions as fallback. */
export interface FramePlayer {
  readonly kind: 'webcodecs' | 'mse';
  configure(config: DecoderConfig): void;
  decode(frame: EncodedFrame): void;
  /** Drops everything queued or half-decoded; the next frame fed will be a keyframe. */
  resync(): void;
  /** The newest picture not handed out yet, or null. Superseded pictures are released by the player. */
  takeFrame(): Paintable | null;
  /** Frames waiting in the decoder (flow control holds acknowledgements while this is high). */
  readonly backlog: number;
  close(): void;
}

export interface PlayerCallbacks {
  /** The decoder failed; the stream session resyncs at the next keyframe. */
  onError(error: Error): void;
  /** The decoder's queue shrank (a chance to send a held-back acknowledgement). */
  onDrain(): void;
}

export type PlayerFactory = (callbacks: PlayerCallbacks) => FramePlayer;
