import type { ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { WebSocket, WebSocketServer } from 'ws';
import { collect, telemetry, waitStrips, type PageTile } from './browser';
import type { LatencyResult } from './ours';
import { sampled, simDelay } from './ours';
import { spawnTracked, stopChild, TreeSampler } from './procs';
import { repoRoot, type Sim } from './services';
import { sleep, spread, until, type Spread } from '../common/stats';

export type BaselineKind = 'hls' | 'jsmpeg';

/** Bundles the baseline pages (hls.js / JSMpeg + @cctv/timestrip) for the browser. */
async function bundlePages(dir: string): Promise<void> {
  const { build } = await import('esbuild');
  for (const name of ['hls', 'jsmpeg'] as const) {
    await build({
      entryPoints: [join(repoRoot, `test/bench/live/pages/${name}.ts`)],
      outfile: join(dir, `${name}.js`),
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      logLevel: 'warning',
    });
  }
}

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
};

/**
 * The baselines' server: the page, the HLS files ffmpeg writes, and an MPEG-1 WebSocket relay built
 * the way the rtsp-relay package does it (one ffmpeg per camera, started with its first viewer, its
 * MPEG-TS output sent to every viewer, stopped when the last one leaves), with the system ffmpeg.
 */
export class BaselineServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'cctv-bench-baseline-'));
  private server: Server | null = null;
  private wss = new WebSocketServer({ noServer: true });
  private hls = new Map<string, ChildProcess>();
  private relays = new Map<string, { child: ChildProcess; clients: Set<WebSocket> }>();
  port = 0;

  constructor(private readonly sim: Sim) {}

  async start(): Promise<void> {
    await bundlePages(this.dir);
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const page = /^\/(hls|jsmpeg)\.html$/.exec(url.pathname)?.[1];
      if (page) {
        res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
        res.end(
          `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#000"><script src="/${page}.js"></script>`,
        );
        return;
      }
      const rel = normalize(url.pathname).replace(/^\/+/, '');
      if (rel.startsWith('..') || !/^(hls\/[a-z0-9-]+\/[a-z0-9_.-]+|[a-z]+\.js)$/.test(rel)) {
        res.writeHead(404).end();
        return;
      }
      const file = join(this.dir, rel);
      if (!existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      const ext = rel.slice(rel.lastIndexOf('.'));
      res.writeHead(200, { 'content-type': types[ext] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    });
    this.server.on('upgrade', (req, socket, head) => {
      const cam = /^\/ws\/([a-z0-9-]+)$/.exec(req.url ?? '')?.[1];
      if (!cam || !this.sim.cameras.some((c) => c.id === cam)) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.relayClient(cam, ws));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  private subUrl(cam: string): string {
    const c = this.sim.cameras.find((x) => x.id === cam)!;
    return c.urls.sub ?? c.urls.main;
  }

  /** rtsp-relay's ffmpeg: `-i rtsp -f mpegts -c:v mpeg1video` (+ `-b:v 1000k`), output to every viewer. */
  private relayClient(cam: string, ws: WebSocket): void {
    let r = this.relays.get(cam);
    if (!r) {
      const child = spawnTracked('ffmpeg', [
        '-hide_banner',
        '-loglevel',
        'error',
        '-rtsp_transport',
        'tcp',
        '-i',
        this.subUrl(cam),
        '-f',
        'mpegts',
        '-c:v',
        'mpeg1video',
        '-b:v',
        '1000k',
        '-an',
        '-',
      ]);
      const relay = { child, clients: new Set<WebSocket>() };
      child.stdout!.on('data', (chunk: Buffer) => {
        for (const c of relay.clients) if (c.readyState === WebSocket.OPEN) c.send(chunk);
      });
      child.once('exit', () => {
        if (this.relays.get(cam) === relay) this.relays.delete(cam);
        for (const c of relay.clients) c.close();
      });
      this.relays.set(cam, (r = relay));
    }
    const relay = r;
    relay.clients.add(ws);
    ws.on('close', () => {
      relay.clients.delete(ws);
      if (relay.clients.size === 0) {
        if (this.relays.get(cam) === relay) this.relays.delete(cam);
        void stopChild(relay.child);
      }
    });
  }

  /** A Node viewer that keeps a relay running (for "stream already running" start times). */
  async keepRelay(cam: string): Promise<() => void> {
    const ws = new WebSocket(`ws://127.0.0.1:${this.port}/ws/${cam}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await until(`relay ${cam} running`, () => this.relays.get(cam)?.child.pid, 10_000);
    ws.on('message', () => undefined);
    return () => ws.close();
  }

  /** Starts ffmpeg's HLS muxer for a camera and waits for a playlist with two segments. */
  async startHls(cam: string): Promise<void> {
    const out = join(this.dir, 'hls', cam);
    mkdirSync(out, { recursive: true });
    const child = spawnTracked('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-rtsp_transport',
      'tcp',
      '-i',
      this.subUrl(cam),
      '-c:v',
      'copy',
      '-an',
      '-f',
      'hls',
      '-hls_time',
      '1',
      '-hls_list_size',
      '3',
      '-hls_flags',
      'delete_segments',
      join(out, 'index.m3u8'),
    ]);
    this.hls.set(cam, child);
    await until(
      `HLS segments for ${cam}`,
      () => existsSync(join(out, 'index.m3u8')) && readdirSync(out).filter((f) => f.endsWith('.ts')).length >= 2,
      30_000,
      200,
    );
  }

  async stopHls(): Promise<void> {
    await Promise.all([...this.hls.values()].map((c) => stopChild(c)));
    this.hls.clear();
  }

  async stop(): Promise<void> {
    await this.stopHls();
    await Promise.all([...this.relays.values()].map((r) => stopChild(r.child)));
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  pageUrl(kind: BaselineKind, cams: string[]): string {
    return `http://localhost:${this.port}/${kind}.html?streams=${cams.join(',')}`;
  }
}

/** The baselines' ffmpeg processes (direct children of this process) and this process (server/relay). */
function baselineGroups(comm: string, depth: number): string {
  if (depth === 0) return 'bench-node (server, relay, playwright)';
  if (depth === 1 && comm === 'ffmpeg') return 'ffmpeg';
  return 'other';
}

export async function baselineLatency(
  browser: Browser,
  srv: BaselineServer,
  sim: Sim,
  kind: BaselineKind,
  tiles: number,
  durationMs: number,
): Promise<LatencyResult & { baselineProcs: ReturnType<TreeSampler['stop']> }> {
  const cams = sim.cameras.slice(0, tiles).map((c) => c.id);
  if (kind === 'hls') for (const c of cams) await srv.startHls(c);
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  try {
    await page.goto(srv.pageUrl(kind, cams), { timeout: 30_000 });
    const idx = cams.map((_, i) => i);
    await waitStrips(page, idx, 10, 90_000);
    await sleep(2000);
    const own = new TreeSampler('baseline', process.pid, baselineGroups).start();
    const from = Date.now();
    const { value, cpu } = await sampled({ sim, browser: true }, () => collect(page, idx, durationMs));
    const baselineProcs = own.stop();
    return {
      scenario: `${kind === 'hls' ? 'ffmpeg HLS + hls.js' : 'MPEG-1 relay + JSMpeg'} ${tiles} tile${tiles > 1 ? 's' : ''}`,
      tiles,
      ...value,
      latency: spread(value.latencyMs),
      cpu,
      baselineProcs,
      simCaptureToRtp: simDelay(sim, from),
    };
  } finally {
    await page.close();
    if (kind === 'hls') await srv.stopHls();
  }
}

async function firstPaint(page: Page): Promise<number> {
  const t = await until(
    'the first painted frame',
    async () => {
      const t: PageTile | undefined = (await telemetry(page))[0];
      return t?.firstPaintAt !== undefined && t.subscribedAt !== undefined ? t : undefined;
    },
    30_000,
    20,
  );
  return t.firstPaintAt! - t.subscribedAt!;
}

/**
 * Start time of one tile: page script asks for the stream (hls.loadSource / WebSocket open) → first
 * painted frame. HLS: ffmpeg already writing segments. JSMpeg: cold (the relay's ffmpeg starts with the
 * viewer, as in rtsp-relay) and running (a Node viewer keeps the relay up).
 */
export async function baselineStart(
  browser: Browser,
  srv: BaselineServer,
  sim: Sim,
  kind: BaselineKind,
  mode: 'running' | 'cold',
  samples: number,
): Promise<Spread & { samples: number[] }> {
  const cam = sim.cameras[0]!.id;
  const out: number[] = [];
  let release: (() => void) | undefined;
  if (kind === 'hls') await srv.startHls(cam);
  if (kind === 'jsmpeg' && mode === 'running') release = await srv.keepRelay(cam);
  try {
    for (let i = 0; i < samples; i++) {
      const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
      try {
        await page.goto(srv.pageUrl(kind, [cam]), { timeout: 30_000 });
        out.push(await firstPaint(page));
      } finally {
        await page.close();
      }
      // cold: the relay's ffmpeg must have gone with its last viewer
      await sleep(mode === 'cold' ? 1500 : 300 + Math.random() * 400);
    }
  } finally {
    release?.();
    if (kind === 'hls') await srv.stopHls();
  }
  return { ...spread(out), samples: out.map(Math.round) };
}
