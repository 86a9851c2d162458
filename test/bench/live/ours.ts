import type { Browser, Page } from 'playwright-core';
import { chromiumPid, collect, telemetry, waitStrips, type Collected, type PageTile } from './browser';
import { MachineSampler, TreeSampler, type TreeReport } from './procs';
import type { IngestProc, Sim } from './services';
import { streams } from './services';
import { sleep, spread, until, type Spread } from '../common/stats';

export interface LatencyResult extends Collected {
  scenario: string;
  tiles: number;
  /** The ingest's receiver when it is not the default (auto). */
  receiver?: 'ffmpeg';
  latency: Spread;
  cpu: {
    ingest?: TreeReport;
    sim: TreeReport;
    chromium?: TreeReport;
    machineBusyPct: Spread;
    foreignCorePct: Spread;
  };
  /** camera-sim's own `stats` lines during the window: worst camera's capture→RTP delay (ms). */
  simCaptureToRtp?: { p50: Spread; p95: Spread; framesDropped: number };
}

function layoutFor(tiles: number): string {
  return tiles <= 1 ? '1x1' : tiles <= 4 ? '2x2' : tiles <= 9 ? '3x3' : '4x4';
}

/** Samples ingest, the simulator, Chromium and the machine while `fn` runs. */
export async function sampled<T>(
  who: { ingest?: IngestProc; sim: Sim; browser: boolean },
  fn: () => Promise<T>,
): Promise<{ value: T; cpu: LatencyResult['cpu'] }> {
  const ingest = who.ingest ? new TreeSampler('ingest', who.ingest.child.pid!).start() : undefined;
  const sim = new TreeSampler('camera-sim', who.sim.child.pid!).start();
  const cpid = who.browser ? chromiumPid() : undefined;
  const chromium = cpid ? new TreeSampler('chromium', cpid, () => 'chromium', 1000, false).start() : undefined;
  const machine = new MachineSampler().start();
  try {
    const value = await fn();
    const m = machine.stopAll();
    return {
      value,
      cpu: {
        ingest: ingest?.stop(),
        sim: sim.stop(),
        chromium: chromium?.stop(),
        machineBusyPct: m.busy,
        foreignCorePct: m.foreignCorePct,
      },
    };
  } finally {
    ingest?.stop();
    sim.stop();
    chromium?.stop();
    machine.stop();
  }
}

export async function openWall(
  browser: Browser,
  ingest: IngestProc,
  cameraIds: string[],
  extra: Record<string, string> = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  if (ingest.session) {
    // Signed in already, as after the console's sign-in screen (it keeps the session in sessionStorage).
    await page.addInitScript(
      ({ key, value }) => {
        try {
          sessionStorage.setItem(key, value);
        } catch {
          // no storage: the sign-in screen would show and the wait below fails with a clear timeout
        }
      },
      { key: 'cctv.console.session.v1', value: JSON.stringify(ingest.session) },
    );
  }
  const q = new URLSearchParams({
    layout: layoutFor(cameraIds.length),
    tiles: cameraIds.join(','),
    telemetry: '1',
    ...extra,
  });
  // localhost, not 127.0.0.1: a secure context, so WebCodecs is there.
  await page.goto(`http://localhost:${ingest.port}/?${q.toString()}`, { timeout: 30_000 });
  return page;
}

/** Glass-to-glass latency of our console: N tiles, each a camera's sub stream. */
export async function oursLatency(
  browser: Browser,
  ingest: IngestProc,
  sim: Sim,
  tiles: number,
  durationMs: number,
): Promise<LatencyResult> {
  const ids = sim.cameras.slice(0, tiles).map((c) => c.id);
  const page = await openWall(browser, ingest, ids);
  try {
    const idx = ids.map((_, i) => i);
    await waitStrips(page, idx, 10, 60_000);
    await sleep(2000);
    const from = Date.now();
    const { value, cpu } = await sampled({ ingest, sim, browser: true }, () => collect(page, idx, durationMs));
    return {
      simCaptureToRtp: simDelay(sim, from),
      scenario: `ours ${tiles} tile${tiles > 1 ? 's' : ''}`,
      tiles,
      ...value,
      latency: spread(value.latencyMs),
      cpu,
    };
  } finally {
    await page.close();
  }
}

/** The simulator's capture→RTP delay lines logged since `from` (every 10 s; worst camera). */
export function simDelay(sim: Sim, from: number): LatencyResult['simCaptureToRtp'] {
  const lines = sim.stats.filter((x) => x.at >= from);
  if (lines.length === 0) return undefined;
  return {
    p50: spread(lines.map((l) => l.delayMs.p50 ?? Number.NaN)),
    p95: spread(lines.map((l) => l.delayMs.p95 ?? Number.NaN)),
    framesDropped: lines.at(-1)!.framesDropped - (sim.stats.filter((x) => x.at < from).at(-1)?.framesDropped ?? 0),
  };
}

async function tile0(page: Page): Promise<PageTile | undefined> {
  return (await telemetry(page)).find((t) => t.tile === 0);
}

async function startSample(
  page: Page,
  key: string,
  accept: (t: PageTile) => boolean,
): Promise<{ ms: number; subscribedAt: number; firstPaintAt: number }> {
  await page.keyboard.press(key);
  const t = await until(
    `tile 0 to paint after "${key}"`,
    async () => {
      const t = await tile0(page);
      return t && accept(t) && t.firstPaintAt !== undefined && t.subscribedAt !== undefined ? t : undefined;
    },
    15_000,
    20,
  );
  return { ms: t.firstPaintAt! - t.subscribedAt!, subscribedAt: t.subscribedAt!, firstPaintAt: t.firstPaintAt! };
}

export interface StartResult {
  running: Spread & { samples: number[] };
  cold: Spread & { samples: number[] };
  /** Cold samples split at the moment ingest had the stream's first frame (its state went live). */
  coldSplit: { subscribeToIngestLive: Spread; ingestLiveToPaint: Spread };
  method: { running: string; cold: string };
}

/**
 * Tile start time, subscribe → first painted frame, from the console's telemetry.
 * Running: `]` puts the next camera on a 1x1 wall; its sub stream is already pulled by ingest.
 * Cold: `F` maximises the tile, which brings up the camera's main stream, on demand in ingest and idle
 * (checked through /api/streams, past ingest's 15 s linger) before each sample.
 */
export async function oursStart(
  browser: Browser,
  ingest: IngestProc,
  sim: Sim,
  runningSamples: number,
  coldSamples: number,
): Promise<StartResult> {
  const cams = sim.cameras.map((c) => c.id);
  const page = await openWall(browser, ingest, [cams[0]!]);
  const running: number[] = [];
  const cold: number[] = [];
  const toLive: number[] = [];
  const liveToPaint: number[] = [];
  try {
    await waitStrips(page, [0], 5, 60_000);
    let current = cams[0]!;
    for (let i = 0; i < runningSamples; i++) {
      const next = cams[(cams.indexOf(current) + 1) % cams.length]!;
      running.push((await startSample(page, ']', (t) => t.streamId === `${next}:sub`)).ms);
      current = next;
      await sleep(300 + Math.random() * 400);
    }
    for (let i = 0; i < coldSamples; i++) {
      const next = cams[(cams.indexOf(current) + 1) % cams.length]!;
      await startSample(page, ']', (t) => t.streamId === `${next}:sub`);
      current = next;
      await until(
        `${current}:main idle`,
        async () => (await streams(ingest.url)).find((s) => s.streamId === `${current}:main`)?.state === 'idle',
        40_000,
        250,
      );
      await sleep(200 + Math.random() * 300);
      const c = await startSample(page, 'f', (t) => t.streamId === `${current}:main`);
      cold.push(c.ms);
      const st = (await streams(ingest.url)).find((s) => s.streamId === `${current}:main`);
      if (st?.state === 'live' && st.since >= c.subscribedAt - 1000) {
        toLive.push(st.since - c.subscribedAt);
        liveToPaint.push(c.firstPaintAt - st.since);
      }
      await sleep(500);
      await startSample(page, 'Escape', (t) => t.streamId === `${current}:sub`);
    }
  } finally {
    await page.close();
  }
  return {
    running: { ...spread(running), samples: running.map(Math.round) },
    cold: { ...spread(cold), samples: cold.map(Math.round) },
    coldSplit: { subscribeToIngestLive: spread(toLive), ingestLiveToPaint: spread(liveToPaint) },
    method: {
      running:
        'console 1x1, "]" puts the next camera (sub stream already pulled by ingest, GOP cache) on the tile; firstPaintAt - subscribedAt',
      cold: 'console 1x1, "F" maximises: the main stream, on demand and idle in ingest, is pulled (ffmpeg spawn + RTSP + next keyframe); firstPaintAt - subscribedAt',
    },
  };
}
