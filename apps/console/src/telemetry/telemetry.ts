import type { StreamId } from '@cctv/protocol';

/**
 * Per-frame figures for each tile, kept outside React: the paint loop writes here up to 60 times a
 * second per tile, and only the small overlays read it (twice a second), so the wall never
 * re-renders because a frame arrived.
 */
export interface TileTelemetry {
  tile: number;
  streamId: StreamId | null;
  decoder: 'webcodecs' | 'mse' | null;
  /** Frames painted on this tile since it started showing `streamId`. */
  painted: number;
  /** Paints whose time strip was read (telemetry on and the strip present). */
  decodedStrips: number;
  /** Recent glass-to-glass latencies, oldest first (capped). */
  latencyMs: number[];
  /** Wall-clock ms (performance.timeOrigin + now) of the subscription that feeds this tile. */
  subscribedAt?: number;
  /** Wall-clock ms of the first paint of `streamId` on this tile. */
  firstPaintAt?: number;
}

/** A tile's figures for the overlay. */
export interface TileFigures {
  fps: number;
  bitrateKbps: number;
  latencyMs: number | null;
}

export const LATENCY_SAMPLES_CAP = 300;
const RECENT_CAP = 240;

interface Record_ extends TileTelemetry {
  paintTimes: number[];
}

interface StreamBytes {
  times: number[];
  bytes: number[];
}

function pushCapped<T>(list: T[], v: T, cap: number): void {
  list.push(v);
  if (list.length > cap) list.splice(0, list.length - cap);
}

export class TelemetryRegistry {
  /** Read the time strip after each paint (costs a small readback; on with the overlay or `?telemetry=1`). */
  enabled = false;
  private readonly tiles = new Map<number, Record_>();
  private readonly streams = new Map<StreamId, StreamBytes>();

  constructor(private readonly now: () => number = () => performance.timeOrigin + performance.now()) {}

  /** The tile starts showing `streamId` (or nothing). Resets its counters. */
  tileStream(tile: number, streamId: StreamId | null, decoder: TileTelemetry['decoder'], subscribedAt?: number): void {
    if (streamId === null) {
      this.tiles.delete(tile);
      return;
    }
    const rec: Record_ = { tile, streamId, decoder, painted: 0, decodedStrips: 0, latencyMs: [], paintTimes: [] };
    if (subscribedAt !== undefined) rec.subscribedAt = subscribedAt;
    this.tiles.set(tile, rec);
  }

  painted(tile: number, at: number, latencyMs: number | null): void {
    const rec = this.tiles.get(tile);
    if (!rec) return;
    rec.painted++;
    rec.firstPaintAt ??= at;
    pushCapped(rec.paintTimes, at, RECENT_CAP);
    if (latencyMs !== null) {
      rec.decodedStrips++;
      pushCapped(rec.latencyMs, latencyMs, LATENCY_SAMPLES_CAP);
    }
  }

  /** A latency read after the paint it belongs to (the strip was read asynchronously). */
  measured(tile: number, latencyMs: number): void {
    const rec = this.tiles.get(tile);
    if (!rec) return;
    rec.decodedStrips++;
    pushCapped(rec.latencyMs, latencyMs, LATENCY_SAMPLES_CAP);
  }

  received(streamId: StreamId, bytes: number): void {
    let s = this.streams.get(streamId);
    if (!s) this.streams.set(streamId, (s = { times: [], bytes: [] }));
    pushCapped(s.times, this.now(), RECENT_CAP);
    pushCapped(s.bytes, bytes, RECENT_CAP);
  }

  forgetStream(streamId: StreamId): void {
    this.streams.delete(streamId);
  }

  figures(tile: number, windowMs = 1000): TileFigures {
    const rec = this.tiles.get(tile);
    const now = this.now();
    const from = now - windowMs;
    const fps = rec ? (rec.paintTimes.filter((t) => t > from).length * 1000) / windowMs : 0;
    let bytes = 0;
    const s = rec?.streamId ? this.streams.get(rec.streamId) : undefined;
    if (s) for (let i = 0; i < s.times.length; i++) if (s.times[i]! > from) bytes += s.bytes[i]!;
    const latency = rec?.latencyMs.at(-1);
    return { fps, bitrateKbps: (bytes * 8) / windowMs, latencyMs: latency ?? null };
  }

  /** A copy, safe to hand to tests and benchmarks. */
  snapshot(): TileTelemetry[] {
    return [...this.tiles.values()]
      .sort((a, b) => a.tile - b.tile)
      .map(({ paintTimes: _paintTimes, latencyMs, ...rest }) => ({ ...rest, latencyMs: latencyMs.slice() }));
  }
}
