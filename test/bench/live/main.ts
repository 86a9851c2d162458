// `pnpm bench:live [--quick] [--only latency,start,capacity,baselines]`: the live video path, measured
// for real (camera-sim → ingest + ffmpeg → the built console in Chromium), beside two baselines.
// Writes bench-results/live-<timestamp>.json and prints a table. See test/bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { BaselineServer, baselineLatency, baselineStart } from './baselines';
import { launchBrowser } from './browser';
import { capacityStep, perStream, type CapacityStep } from './capacity';
import { oursLatency, oursStart, type LatencyResult, type StartResult } from './ours';
import { killAllChildrenNow, stopAllChildren, type TreeReport } from './procs';
import { appsRoot, ingestConfig, repoRoot, startIngest, startSim, waitLive, type Sim } from './services';
import { spread, type Spread } from '../common/stats';
import { printReport, type Row } from './table';

const ALL = ['latency', 'start', 'capacity', 'baselines'] as const;
type Part = (typeof ALL)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    // Frame rate of the live fleets (default 25). A lower rate shows whether a stage holds frames back:
    // a stage that waits for the next frame adds one frame interval, which grows as the rate falls.
    fps: { type: 'string' },
    // Which latency walls to measure (default 1,4,16).
    tiles: { type: 'string' },
  },
});
const quick = values.quick!;
const only = new Set<Part>(
  values.only ? (values.only.split(',').map((s) => s.trim()) as Part[]).filter((p) => ALL.includes(p)) : ALL,
);
const D = quick ? 5_000 : 20_000;
const FPS = values.fps ? Number(values.fps) : 25;
if (!Number.isInteger(FPS) || FPS < 1 || FPS > 60) throw new Error(`--fps must be a whole number from 1 to 60`);
const TILES = new Set((values.tiles ?? '1,4,16').split(',').map((s) => Number(s.trim())));
const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

let browser: Browser | undefined;
let stopping = false;
process.on('exit', killAllChildrenNow);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: stopping every child`);
    void Promise.race([
      Promise.all([browser?.close().catch(() => undefined), stopAllChildren()]),
      new Promise((r) => setTimeout(r, 8000)),
    ]).then(() => process.exit(130));
  });

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return 'unknown';
  }
}

function mtime(file: string): string {
  try {
    return statSync(file).mtime.toISOString();
  } catch {
    return 'missing';
  }
}

function environment(chromium: string) {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
  return {
    date: new Date().toISOString(),
    gitCommit: sh('git', ['rev-parse', 'HEAD']),
    gitDirty: sh('git', ['status', '--porcelain']).length > 0,
    cpuModel: cpu,
    cores: os.cpus().length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: os.release(),
    node: process.version,
    ffmpeg: sh('ffmpeg', ['-version']).split('\n')[0],
    chromium,
    // The builds measured (`pnpm bench:live` rebuilds them first unless CCTV_BENCH_SKIP_SETUP is set).
    appsRoot,
    builds: Object.fromEntries(
      ['apps/ingest/dist/main.js', 'apps/camera-sim/dist/main.js', 'apps/console/dist/index.html'].map((f) => [
        f,
        mtime(join(appsRoot, f)),
      ]),
    ),
    quick,
  };
}

/** node + ffmpeg of one ingest, per interval, divided by the stream count. */
function ingestPerStream(r: TreeReport | undefined, n: number) {
  if (!r) return undefined;
  const node = r.groups.node;
  // With the ingest's own RTSP receiver there is no ffmpeg child for a copied stream: it counts as 0.
  const ff = r.groups.ffmpeg;
  const len = node?.cpuPctRaw.length ?? 0;
  const at = (xs: number[] | undefined, i: number) => xs?.[i] ?? 0;
  const cpu = Array.from({ length: len }, (_, i) => (node!.cpuPctRaw[i]! + at(ff?.cpuPctRaw, i)) / n);
  const rss = Array.from({ length: len }, (_, i) => (node!.rssMbRaw[i]! + at(ff?.rssMbRaw, i)) / n);
  const pss = Array.from({ length: len }, (_, i) => (node!.pssMbRaw[i]! + at(ff?.pssMbRaw, i)) / n);
  return { streams: n, totalCpuPct: spread(cpu), totalRssMb: spread(rss), totalPssMb: spread(pss), ...perStream(r, n) };
}

/** Sum of a tree's groups' p50 CPU (% of one core). */
function cpuOf(r: TreeReport): string {
  return Object.values(r.groups)
    .reduce((a, g) => a + g.cpuPct.p50, 0)
    .toFixed(0);
}

async function part<T>(name: string, errors: Record<string, string>, fn: () => Promise<T>): Promise<T | undefined> {
  if (stopping) return undefined;
  log(`${name}…`);
  try {
    return await fn();
  } catch (e) {
    errors[name] = e instanceof Error ? (e.stack ?? e.message) : String(e);
    log(`${name} FAILED: ${errors[name]}`);
    return undefined;
  }
}

async function main(): Promise<void> {
  const errors: Record<string, string> = {};
  const latency: LatencyResult[] = [];
  const baselines: (LatencyResult & { baselineProcs?: TreeReport })[] = [];
  const baselineStarts: { name: string; spread: Spread & { samples: number[] } }[] = [];
  let start: StartResult | undefined;
  let capacity: CapacityStep[] = [];
  let sixteen: LatencyResult | undefined;
  const notes: string[] = [];
  const needBrowser = only.has('latency') || only.has('start') || only.has('baselines');
  browser = needBrowser ? await launchBrowser() : undefined;
  const env = environment(browser ? browser.version() : 'not used');
  if (env.cores <= 2 && only.has('latency'))
    notes.push(
      `${env.cores} cores: in the 16-tile live scenario the 16 simulator encoders, ingest and Chromium share them; its latency includes that contention.`,
    );

  // Fleet A: 4 live cameras, main 1280x720, sub 640x360, 25 fps, GOP 50 (2 s).
  const simAArgs = ['--cameras', '4', '--main', '1280x720', '--sub', '640x360', '--fps', String(FPS), '--gop', '50'];
  if (browser && (only.has('latency') || only.has('start') || only.has('baselines'))) {
    let simA: Sim | undefined;
    try {
      simA = await startSim(simAArgs);
      const sim = simA;
      if (only.has('latency') || only.has('start')) {
        const ingest = await startIngest(ingestConfig(sim.cameras));
        try {
          await waitLive(
            ingest.url,
            sim.cameras.map((c) => `${c.id}:sub`),
          );
          if (only.has('latency')) {
            for (const n of [1, 4].filter((t) => TILES.has(t))) {
              const r = await part(`ours latency ${n} tile(s)`, errors, () => oursLatency(browser!, ingest, sim, n, D));
              if (r) latency.push(r);
            }
          }
          if (only.has('latency') && TILES.has(1)) {
            // The same wall through ffmpeg's RTSP input (`--receiver ffmpeg`), for comparison.
            const viaFfmpeg = await startIngest(ingestConfig(sim.cameras), 30_000, 'ffmpeg');
            try {
              await waitLive(
                viaFfmpeg.url,
                sim.cameras.map((c) => `${c.id}:sub`),
              );
              const r = await part('ours latency 1 tile, ffmpeg receiver', errors, () =>
                oursLatency(browser!, viaFfmpeg, sim, 1, D),
              );
              if (r) latency.push({ ...r, scenario: `${r.scenario} (ffmpeg receiver)`, receiver: 'ffmpeg' });
            } finally {
              await viaFfmpeg.stop();
            }
          }
          if (only.has('start'))
            start = await part('ours tile start', errors, () =>
              oursStart(browser!, ingest, sim, quick ? 8 : 40, quick ? 3 : 12),
            );
        } finally {
          await ingest.stop();
        }
      }
      if (only.has('baselines')) {
        const srv = new BaselineServer(sim);
        await srv.start();
        try {
          for (const kind of ['hls', 'jsmpeg'] as const)
            for (const n of quick ? [1] : [1, 4]) {
              const r = await part(`baseline ${kind} ${n} tile(s)`, errors, () =>
                baselineLatency(browser!, srv, sim, kind, n, D),
              );
              if (r) baselines.push(r);
            }
          const k = quick ? 2 : 8;
          for (const [name, kind, mode] of [
            ['ffmpeg HLS + hls.js, running', 'hls', 'running'],
            ['MPEG-1 relay + JSMpeg, running', 'jsmpeg', 'running'],
            ['MPEG-1 relay + JSMpeg, cold (rtsp-relay starts ffmpeg per first viewer)', 'jsmpeg', 'cold'],
          ] as const) {
            const r = await part(`baseline start ${name}`, errors, () =>
              baselineStart(browser!, srv, sim, kind, mode, k),
            );
            if (r) baselineStarts.push({ name, spread: r });
          }
        } finally {
          await srv.stop();
        }
      }
    } catch (e) {
      errors['fleet A'] = e instanceof Error ? (e.stack ?? e.message) : String(e);
      log(`fleet A FAILED: ${errors['fleet A']}`);
    } finally {
      await simA?.stop();
    }
  }

  // Fleet B: 16 live cameras with one 640x360 stream each, 25 fps, on a 4x4 wall. One stream per
  // camera: the simulator shares this machine with the wall, and a second encode per camera that nobody
  // watches would only take CPU from the console (measured: the encoders' share halves).
  if (browser && only.has('latency') && TILES.has(16) && !stopping) {
    let simB: Sim | undefined;
    try {
      simB = await startSim(['--cameras', '16', '--main', '640x360', '--no-sub', '--fps', String(FPS), '--gop', '50']);
      const sim = simB;
      const ingest = await startIngest(ingestConfig(sim.cameras));
      try {
        await waitLive(
          ingest.url,
          sim.cameras.map((c) => `${c.id}:main`),
        );
        sixteen = await part('ours latency 16 tiles', errors, () => oursLatency(browser!, ingest, sim, 16, D));
        if (sixteen) latency.push(sixteen);
      } finally {
        await ingest.stop();
      }
    } catch (e) {
      errors['fleet B'] = e instanceof Error ? (e.stack ?? e.message) : String(e);
      log(`fleet B FAILED: ${errors['fleet B']}`);
    } finally {
      await simB?.stop();
    }
  }
  await browser?.close().catch(() => undefined);
  browser = undefined;

  // Fleet C: looped 1 Mbit/s 720p streams, one per camera, pulled always.
  if (only.has('capacity') && !stopping) {
    const steps = quick ? [16, 64] : [16, 32, 64, 96, 128, 192, 256, 320, 384, 448, 512, 640];
    let simC: Sim | undefined;
    try {
      simC = await startSim(
        [
          '--cameras',
          String(steps.at(-1)),
          '--mode',
          'loop',
          '--bitrate',
          '1000k',
          '--no-sub',
          '--main',
          '1280x720',
          '--fps',
          String(FPS),
          '--gop',
          '50',
        ],
        180_000,
      );
      for (const n of steps) {
        const r = await part(`capacity ${n} streams`, errors, () => capacityStep(simC!, n, D, FPS));
        if (!r) break;
        capacity.push(r);
        log(
          `  ${n} streams: ${r.held ? 'held' : `NOT held (${r.why.join('; ')})`}, ingest node ${r.ingest.groups.node?.cpuPct.p50}% ffmpeg ${r.ingest.groups.ffmpeg?.cpuPct.p50}%, machine ${r.machineBusyPct.p50}% busy`,
        );
        if (!r.held) break;
      }
    } catch (e) {
      errors['fleet C'] = e instanceof Error ? (e.stack ?? e.message) : String(e);
      log(`fleet C FAILED: ${errors['fleet C']}`);
    } finally {
      await simC?.stop();
    }
  }
  capacity = capacity.slice();

  for (const r of [...latency, ...baselines])
    notes.push(
      `${r.scenario}: camera-sim capture→RTP delay p50 ${r.simCaptureToRtp ? r.simCaptureToRtp.p50.p50 : '-'} ms (worst camera, ${r.simCaptureToRtp?.p50.n ?? 0} stats lines); machine ${r.cpu.machineBusyPct.p50.toFixed(0)} % busy (p50, all cores); camera-sim ${cpuOf(r.cpu.sim)} %, ingest ${r.cpu.ingest ? cpuOf(r.cpu.ingest) : '-'} %, Chromium ${r.cpu.chromium ? cpuOf(r.cpu.chromium) : '-'} %, other processes on the machine ${r.cpu.foreignCorePct.p50.toFixed(0)} % (of one core, p50)`,
    );
  const held = capacity.filter((c) => c.held).map((c) => c.streams);
  const maxHeld = held.length ? Math.max(...held) : 0;
  const biggestHeld = capacity.filter((c) => c.held).at(-1);
  const perStream16 = ingestPerStream(sixteen?.cpu.ingest, 16);
  const perStreamCap = biggestHeld ? ingestPerStream(biggestHeld.ingest, biggestHeld.streams) : undefined;

  const result = {
    environment: env,
    options: { quick, only: [...only], windowMs: D, fps: FPS, tiles: [...TILES], fleets: { A: simAArgs } },
    notes,
    latency,
    start,
    ingestPerStream: { live16Sub: perStream16, capacityLargestHeld: perStreamCap },
    capacity: { steps: capacity, maxHeldStreams: maxHeld },
    baselines: { latency: baselines, start: baselineStarts },
    errors,
  };

  const rows: Row[] = [];
  const lat = (name: string, r: LatencyResult | undefined, target?: number) => {
    if (!r) return;
    rows.push({
      name: `${name}: glass-to-glass ms`,
      s: r.latency,
      target: target === undefined ? undefined : { p95: target },
    });
    rows.push({ name: `${name}: painted fps per tile`, s: r.paintedFps });
    rows.push({ name: `${name}: strip decoded share`, s: r.stripShare });
  };
  lat(
    'ours 1 tile',
    latency.find((r) => r.tiles === 1 && !r.receiver),
    60,
  );
  lat(
    'ours 1 tile, ffmpeg receiver',
    latency.find((r) => r.tiles === 1 && r.receiver === 'ffmpeg'),
  );
  lat(
    'ours 4 tiles',
    latency.find((r) => r.tiles === 4 && !r.receiver),
  );
  lat('ours 16 tiles', sixteen, 100);
  if (start) {
    rows.push({ name: 'ours tile start, stream running (ms)', s: start.running, target: { p95: 250 } });
    rows.push({ name: 'ours tile start, cold main stream (ms)', s: start.cold });
    rows.push({ name: '  cold: subscribe → ingest has 1st frame', s: start.coldSplit.subscribeToIngestLive });
    rows.push({ name: '  cold: ingest 1st frame → console paint', s: start.coldSplit.ingestLiveToPaint });
  }
  for (const [label, ps] of [
    ['ingest per stream, 16 live subs', perStream16],
    [`ingest per stream, ${biggestHeld?.streams ?? '?'} looped 1 Mbit/s`, perStreamCap],
  ] as const) {
    if (!ps) continue;
    rows.push({ name: `${label}: CPU % of a core (node+ffmpeg)`, s: ps.totalCpuPct, target: { p50: 1 } });
    rows.push({ name: `${label}:   node`, s: ps.nodeCpuPct });
    rows.push({ name: `${label}:   ffmpeg`, s: ps.ffmpegCpuPct });
    rows.push({ name: `${label}: PSS MB (node+ffmpeg)`, s: ps.totalPssMb, target: { p50: 20 } });
    rows.push({ name: `${label}:   node`, s: ps.nodePssMb });
    rows.push({ name: `${label}:   ffmpeg`, s: ps.ffmpegPssMb });
    rows.push({ name: `${label}: RSS MB (node+ffmpeg, shared pages counted per process)`, s: ps.totalRssMb });
  }
  for (const c of capacity)
    rows.push({
      name: `capacity ${c.streams} streams: fps per stream (lost ${c.lostFrames}, ${c.held ? 'held' : 'NOT held'})`,
      s: c.fps,
    });
  if (only.has('capacity'))
    rows.push({
      name: 'capacity: looped 1 Mbit/s streams held',
      s: spread([maxHeld]),
      target: { value: 64, atLeast: true },
    });
  for (const b of baselines) lat(b.scenario, b);
  for (const b of baselineStarts) rows.push({ name: `start ${b.name} (ms)`, s: b.spread });

  mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
  const file =
    values.out ?? join(repoRoot, 'bench-results', `live-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ ...result, table: rows }, null, 2) + '\n');
  printReport(env, rows, notes, errors, capacity);
  process.stdout.write(`\nresults: ${file}\n`);
  if (Object.keys(errors).length > 0) process.exitCode = 1;
}

main()
  .catch((e: unknown) => {
    log(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await browser?.close().catch(() => undefined);
    await stopAllChildren();
  });
