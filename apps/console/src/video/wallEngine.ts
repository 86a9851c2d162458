import type { StreamConfigured, StreamFrame, StreamFramesDropped, StreamId } from '@cctv/protocol';
import { MAX_TILES } from '../features/wall/layouts';
import type { TelemetryRegistry } from '../telemetry/telemetry';
import { toBytes } from './codec';
import type { MediaPort, MediaSink } from './mediaPort';
import type { Paintable, PlayerFactory } from './player';
import { StreamSession, type SessionError } from './streamSession';
import type { StripReader } from './stripReader';
import { planSlot, promote, type SlotStreams } from './tileSlots';

/** What a tile component needs to know about its video (changes rarely: never per frame). */
export interface TileVideoStatus {
  hasPicture: boolean;
  error: SessionError | null;
}

export interface WantedTile {
  streamId: StreamId | null;
  /** Painted only when visible (a maximised wall hides the other tiles but keeps them subscribed). */
  visible: boolean;
}

interface Slot {
  streams: SlotStreams;
  visible: boolean;
  canvas: HTMLCanvasElement | null;
  ctx: CanvasRenderingContext2D | null;
  status: TileVideoStatus;
  listeners: Set<() => void>;
}

export interface EngineOptions {
  createPlayer: PlayerFactory;
  telemetry: TelemetryRegistry;
  strip: Pick<StripReader, 'read'>;
  /** Wall-clock ms (the time strip's clock). */
  now?: () => number;
}

const idleStatus: TileVideoStatus = { hasPicture: false, error: null };

/**
 * Owns the wall's video: one reference-counted stream session per stream id (two tiles showing the
 * same camera share one subscription and one decoder), and one paint pass per animation frame.
 */
export class WallEngine implements MediaSink {
  private readonly sessions = new Map<StreamId, StreamSession>();
  private readonly slots: Slot[] = Array.from({ length: MAX_TILES }, () => ({
    streams: { current: null, pending: null },
    visible: false,
    canvas: null,
    ctx: null,
    status: idleStatus,
    listeners: new Set(),
  }));
  private readonly now: () => number;
  private raf = 0;

  constructor(
    private readonly port: MediaPort,
    private readonly opts: EngineOptions,
  ) {
    this.now = opts.now ?? (() => performance.timeOrigin + performance.now());
  }

  setWanted(wanted: readonly WantedTile[]): void {
    this.slots.forEach((slot, i) => {
      const w = wanted[i] ?? { streamId: null, visible: false };
      slot.visible = w.visible;
      const old = slot.streams;
      const plan = planSlot(old, w.streamId);
      plan.acquire.forEach((id) => this.acquire(id));
      slot.streams = plan.next;
      plan.release.forEach((id) => this.release(id));
      if (plan.clear) this.clear(slot);
      // The tile shows nothing and now waits for another stream (or none): its figures start afresh.
      if (plan.next.current === null && (plan.next.pending !== old.pending || old.current !== null)) {
        this.tileTelemetry(i, plan.next.pending);
      }
      this.refreshStatus(i);
    });
  }

  attachCanvas(tile: number, canvas: HTMLCanvasElement | null): void {
    const slot = this.slots[tile];
    if (!slot) return;
    slot.canvas = canvas;
    slot.ctx = canvas ? canvas.getContext('2d', { alpha: false }) : null;
  }

  status(tile: number): TileVideoStatus {
    return this.slots[tile]?.status ?? idleStatus;
  }

  onStatus(tile: number, listener: () => void): () => void {
    const slot = this.slots[tile];
    slot?.listeners.add(listener);
    return () => slot?.listeners.delete(listener);
  }

  // MediaSink: the transport routes media notifications here.
  configured(c: StreamConfigured): void {
    this.sessions.get(c.streamId)?.configured(c);
  }
  frame(f: StreamFrame): void {
    const session = this.sessions.get(f.streamId);
    if (!session) return;
    this.opts.telemetry.received(f.streamId, toBytes(f.data).byteLength);
    session.frame(f);
  }
  framesDropped(info: StreamFramesDropped): void {
    this.sessions.get(info.streamId)?.framesDropped(info.resumeSeq);
  }
  connected(): void {
    for (const s of this.sessions.values()) s.resubscribe();
  }

  /** One paint pass: promote pending streams that have a picture, draw the newest frame of each, close all. */
  paint(): void {
    const taken = new Map<StreamSession, Paintable | null>();
    const take = (id: StreamId | null): Paintable | null => {
      const s = id ? this.sessions.get(id) : undefined;
      if (!s) return null;
      if (!taken.has(s)) taken.set(s, s.player.takeFrame());
      return taken.get(s) ?? null;
    };
    const paintedBy = new Map<Paintable, number[]>();
    this.slots.forEach((slot, i) => {
      if (slot.streams.pending && take(slot.streams.pending)) {
        const { next, release } = promote(slot.streams);
        slot.streams = next;
        release.forEach((id) => this.release(id));
        if (release.length > 0) this.tileTelemetry(i, next.current);
      }
      const p = take(slot.streams.current);
      if (!p || !slot.visible || !slot.canvas || !slot.ctx) return;
      if (slot.canvas.width !== p.width || slot.canvas.height !== p.height) {
        // Resizing clears the canvas, but the new picture is drawn in the same task: no black frame.
        slot.canvas.width = p.width;
        slot.canvas.height = p.height;
      }
      slot.ctx.drawImage(p.source, 0, 0, p.width, p.height);
      paintedBy.set(p, [...(paintedBy.get(p) ?? []), i]);
      if (!slot.status.hasPicture) this.setStatus(i, { ...slot.status, hasPicture: true });
    });
    for (const s of this.sessions.values()) if (!taken.has(s)) taken.set(s, s.player.takeFrame());
    for (const [p, tiles] of paintedBy) {
      const at = this.now();
      let latency: number | null = null;
      if (this.opts.telemetry.enabled) {
        const stripMs = this.opts.strip.read(p.source, p.width, p.height);
        if (stripMs instanceof Promise) {
          // Read from the frame's own pixels after this pass; the latency still counts from `at`.
          const telemetry = this.opts.telemetry;
          void stripMs.then((ms) => {
            if (ms !== null) for (const t of tiles) telemetry.measured(t, at - ms);
          });
        } else if (stripMs !== null) latency = at - stripMs;
      }
      for (const t of tiles) this.opts.telemetry.painted(t, at, latency);
    }
    for (const p of taken.values()) p?.release();
  }

  start(): void {
    const loop = () => {
      this.paint();
      this.raf = requestAnimationFrame(loop);
    };
    this.raf = requestAnimationFrame(loop);
  }

  stop(): void {
    cancelAnimationFrame(this.raf);
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
  }

  private acquire(id: StreamId): void {
    let s = this.sessions.get(id);
    if (!s) {
      s = new StreamSession(id, this.port, this.opts.createPlayer, this.now, () => this.refreshAll(id));
      this.sessions.set(id, s);
      if (this.port.connected) void s.subscribe();
    }
    s.refs++;
  }

  private release(id: StreamId): void {
    const s = this.sessions.get(id);
    if (!s || --s.refs > 0) return;
    this.sessions.delete(id);
    this.opts.telemetry.forgetStream(id);
    s.close();
  }

  private tileTelemetry(tile: number, id: StreamId | null): void {
    const session = id ? this.sessions.get(id) : undefined;
    this.opts.telemetry.tileStream(tile, id, session?.player.kind ?? null, session?.subscribedAt);
  }

  private clear(slot: Slot): void {
    if (slot.canvas && slot.ctx) slot.ctx.clearRect(0, 0, slot.canvas.width, slot.canvas.height);
    slot.status = { ...slot.status, hasPicture: false };
  }

  private refreshAll(id: StreamId): void {
    this.slots.forEach((slot, i) => {
      if (slot.streams.current === id || slot.streams.pending === id) this.refreshStatus(i);
    });
  }

  private refreshStatus(tile: number): void {
    const slot = this.slots[tile]!;
    const id = slot.streams.pending ?? slot.streams.current;
    const error = (id && this.sessions.get(id)?.error) || null;
    const hasPicture = slot.streams.current !== null && slot.status.hasPicture;
    if (error !== slot.status.error || hasPicture !== slot.status.hasPicture)
      this.setStatus(tile, { hasPicture, error });
  }

  private setStatus(tile: number, status: TileVideoStatus): void {
    const slot = this.slots[tile]!;
    slot.status = status;
    slot.listeners.forEach((l) => l());
  }
}
