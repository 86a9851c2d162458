import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../helpers/chromium';
import { processTree } from './procs';
import { sleep, spread, type Spread } from '../common/stats';

/** What a page reports per tile: the console's `window.__cctv.telemetry()`; the baseline pages copy its shape. */
export interface PageTile {
  tile: number;
  streamId: string | null;
  painted: number;
  decodedStrips: number;
  latencyMs: number[];
  subscribedAt?: number;
  firstPaintAt?: number;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

/** The Chromium browser process (a direct child of this process), for CPU/RSS sampling of its tree. */
export function chromiumPid(): number | undefined {
  for (const { pid, depth } of processTree(process.pid)) {
    if (depth !== 1) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('chrom')) return pid;
    } catch {
      // gone
    }
  }
  return undefined;
}

export async function telemetry(page: Page): Promise<PageTile[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __cctv?: { telemetry(): PageTile[] } };
    return w.__cctv ? w.__cctv.telemetry() : [];
  });
}

/** Waits until each of `tiles` has at least `strips` decoded strips. */
export async function waitStrips(page: Page, tiles: number[], strips: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    ({ tiles, strips }) => {
      const w = window as unknown as { __cctv?: { telemetry(): PageTile[] } };
      const t = w.__cctv ? w.__cctv.telemetry() : [];
      return tiles.every((i) => (t.find((x) => x.tile === i)?.decodedStrips ?? 0) >= strips);
    },
    { tiles, strips },
    { timeout: timeoutMs, polling: 250 },
  );
}

export interface Collected {
  latencyMs: number[];
  perTile: { tile: number; streamId: string | null; paintedFps: number; stripShare: number; latency: Spread }[];
  paintedFps: Spread;
  stripShare: Spread;
  durationS: number;
}

/**
 * Collects every latency sample painted during `durationMs` (the page keeps at most 300 per tile, so
 * it is polled every second and only the samples added since the last poll are taken).
 */
export async function collect(page: Page, tiles: number[], durationMs: number): Promise<Collected> {
  const first = await telemetry(page);
  const t0 = performance.now();
  const start = new Map(first.map((t) => [t.tile, t]));
  const last = new Map(first.map((t) => [t.tile, t]));
  const samples = new Map<number, number[]>(tiles.map((t) => [t, []]));
  const deadline = Date.now() + durationMs;
  for (let i = 0; i < 10_000 && Date.now() < deadline; i++) {
    await sleep(Math.min(1000, Math.max(0, deadline - Date.now())));
    const now = await telemetry(page);
    for (const cur of now) {
      const prev = last.get(cur.tile);
      if (!samples.has(cur.tile) || !prev || prev.streamId !== cur.streamId) continue;
      const added = Math.min(cur.decodedStrips - prev.decodedStrips, cur.latencyMs.length);
      if (added > 0) samples.get(cur.tile)!.push(...cur.latencyMs.slice(-added));
      last.set(cur.tile, cur);
    }
  }
  const durationS = (performance.now() - t0) / 1000;
  const perTile = tiles.map((tile) => {
    const a = start.get(tile);
    const b = last.get(tile);
    const painted = a && b ? b.painted - a.painted : 0;
    const strips = a && b ? b.decodedStrips - a.decodedStrips : 0;
    return {
      tile,
      streamId: b?.streamId ?? null,
      paintedFps: Math.round((painted / durationS) * 100) / 100,
      stripShare: painted > 0 ? Math.round((strips / painted) * 10000) / 10000 : 0,
      latency: spread(samples.get(tile) ?? []),
    };
  });
  return {
    latencyMs: [...samples.values()].flat(),
    perTile,
    paintedFps: spread(perTile.map((t) => t.paintedFps)),
    stripShare: spread(perTile.map((t) => t.stripShare)),
    durationS: Math.round(durationS * 100) / 100,
  };
}
