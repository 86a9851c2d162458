// Runs in the browser (bundled by esbuild): the baseline pages' copy of the console's telemetry hook,
// so one collector reads ours and the baselines the same way.
import { readTimestripRGBA, timestripRows } from '@cctv/timestrip';

export interface BenchTile {
  tile: number;
  streamId: string | null;
  painted: number;
  decodedStrips: number;
  latencyMs: number[];
  subscribedAt?: number;
  firstPaintAt?: number;
}

export const wallClock = (): number => performance.timeOrigin + performance.now();

const tiles: BenchTile[] = [];

export function installHook(): void {
  (window as unknown as { __cctv: { telemetry(): BenchTile[] } }).__cctv = {
    telemetry: () => tiles.map((t) => ({ ...t, latencyMs: t.latencyMs.slice() })),
  };
}

export function addTile(streamId: string): BenchTile {
  const t: BenchTile = { tile: tiles.length, streamId, painted: 0, decodedStrips: 0, latencyMs: [] };
  tiles.push(t);
  return t;
}

/** A tile has painted a picture on `ctx`'s canvas: read its strip, as the console does after a paint. */
export function painted(t: BenchTile, ctx: CanvasRenderingContext2D, width: number, height: number): void {
  const at = wallClock();
  t.painted++;
  t.firstPaintAt ??= at;
  if (width <= 0 || height <= 0) return;
  const { y, rows } = timestripRows(width, height);
  const ms = readTimestripRGBA(ctx.getImageData(0, y, width, rows).data, width, height, y);
  if (ms === null) return;
  t.decodedStrips++;
  t.latencyMs.push(at - ms);
  if (t.latencyMs.length > 300) t.latencyMs.splice(0, t.latencyMs.length - 300);
}

export function tileCanvas(): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  canvas.style.width = '380px';
  document.body.appendChild(canvas);
  const ctx = canvas.getContext('2d', { willReadFrequently: true, alpha: false })!;
  return { canvas, ctx };
}

export function streamList(): string[] {
  return (new URLSearchParams(location.search).get('streams') ?? '').split(',').filter(Boolean);
}
