import type { StreamConfigured, StreamFrame, StreamId } from '@cctv/protocol';
import { ackDue, ackOnReceived, ackReset, ackSent, initialAck, type AckState } from './ackPolicy';
import { toBytes } from './codec';
import {
  gateFrame,
  gateOnConfigured,
  gateOnDecoderError,
  gateOnDropped,
  initialGate,
  type GateState,
} from './frameGate';
import { initialLag, lagOnFrame, shouldSkipAhead, type LagState } from './lagMonitor';
import type { MediaPort } from './mediaPort';
import type { FramePlayer, PlayerFactory } from './player';

export type SessionError = { code: string; message: string };

/** Failures worth retrying by themselves (the camera may come back; the ingest may be restarting). */
const RETRYABLE = new Set(['TIMEOUT', 'UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED']);
export const SUBSCRIBE_RETRY_MS = 3000;

/**
 * One subscribed stream: gate → decoder, acknowledgements, shared by every tile showing it
 * (reference-counted by the engine).
 */
export class StreamSession {
  refs = 0;
  subscribedAt: number;
  error: SessionError | null = null;
  readonly player: FramePlayer;
  private gate: GateState = initialGate;
  private ack: AckState = initialAck;
  private lag: LagState = initialLag;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly streamId: StreamId,
    private readonly port: MediaPort,
    createPlayer: PlayerFactory,
    private readonly now: () => number,
    private readonly onChange: () => void,
  ) {
    this.subscribedAt = now();
    this.player = createPlayer({
      onError: () => {
        this.gate = gateOnDecoderError(this.gate);
      },
      onDrain: () => this.maybeAck(),
    });
  }

  async subscribe(): Promise<void> {
    this.ack = ackReset();
    let result;
    try {
      result = await this.port.subscribe(this.streamId);
    } catch (e) {
      // emitWithAck rejects on timeout.
      result = { ok: false as const, error: { code: 'TIMEOUT', message: e instanceof Error ? e.message : String(e) } };
    }
    if (this.closed) return;
    this.error = result.ok ? null : { code: result.error.code, message: result.error.message };
    if (!result.ok && RETRYABLE.has(result.error.code)) {
      clearTimeout(this.retry);
      this.retry = setTimeout(() => {
        if (this.port.connected) void this.subscribe();
      }, SUBSCRIBE_RETRY_MS);
    }
    this.onChange();
  }

  configured(c: StreamConfigured): void {
    this.gate = gateOnConfigured(this.gate);
    this.lag = initialLag; // a new configuration may restart the media clock
    this.player.configure({ codec: c.codec, width: c.width, height: c.height, description: toBytes(c.description) });
  }

  frame(f: StreamFrame): void {
    this.ack = ackOnReceived(this.ack, f.seq);
    const [lag, behindMs] = lagOnFrame(this.lag, this.now(), f.pts);
    this.lag = lag;
    // Behind the present (the page or the decoder cannot keep up): drop to the next keyframe, where the
    // decoder is reset, so the tile shows now rather than an ever older past.
    if (!f.key && shouldSkipAhead(behindMs, this.player.backlog)) this.gate = gateOnDecoderError(this.gate);
    const [gate, decision] = gateFrame(this.gate, f);
    this.gate = gate;
    if (decision.action === 'decode') {
      if (decision.resync) this.player.resync();
      this.player.decode({ data: toBytes(f.data), key: f.key, pts: f.pts });
    }
    this.maybeAck();
  }

  framesDropped(resumeSeq: number): void {
    this.gate = gateOnDropped(this.gate, resumeSeq);
  }

  /** The connection came back: the server has forgotten us. */
  resubscribe(): void {
    this.gate = initialGate;
    clearTimeout(this.retry);
    void this.subscribe();
  }

  maybeAck(): void {
    const seq = ackDue(this.ack, this.now(), this.player.backlog);
    if (seq === null) return;
    this.ack = ackSent(this.ack, seq, this.now());
    this.port.acknowledge(this.streamId, seq);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.player.close();
    if (this.port.connected) void this.port.unsubscribe(this.streamId).catch(() => undefined);
  }
}
