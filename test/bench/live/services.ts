import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputTail, spawnTracked, stopChild } from './procs';
import { until } from '../common/stats';

export const repoRoot = process.cwd();
/**
 * Where the built apps are run from: this checkout, or CCTV_BENCH_APPS (a checkout whose apps are
 * built, for measuring a fixed commit while the working tree's dist/ folders are being rebuilt).
 */
export const appsRoot = process.env.CCTV_BENCH_APPS ?? repoRoot;

export interface SimCamera {
  id: string;
  name: string;
  urls: { main: string; sub?: string };
}

/** The simulator's `stats` log line (every 10 s): worst camera's capture→RTP delay, drops. */
export interface SimStats {
  at: number;
  sessions: number;
  delayMs: { p50?: number; p95?: number; max?: number };
  framesDropped: number;
}

export interface Sim {
  child: ChildProcess;
  cameras: SimCamera[];
  args: string[];
  stats: SimStats[];
  stop(): Promise<void>;
}

/** The real camera simulator, as a child process from its build. */
export async function startSim(args: string[], timeoutMs = 90_000): Promise<Sim> {
  const dir = mkdtempSync(join(tmpdir(), 'cctv-bench-sim-'));
  const manifest = join(dir, 'fleet.json');
  const full = ['--rtsp-port', '0', '--control-port', '0', '--manifest', manifest, ...args];
  const child = spawnTracked(process.execPath, [join(appsRoot, 'apps/camera-sim/dist/main.js'), ...full], {
    env: { ...process.env, LOG_LEVEL: 'info' },
  });
  const stats: SimStats[] = [];
  let partial = '';
  child.stderr!.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop()!.slice(-65536);
    for (const line of lines) {
      if (!line.includes('"stats"')) continue;
      try {
        const j = JSON.parse(line) as Partial<SimStats> & { msg?: string };
        if (j.msg === 'stats' && j.delayMs)
          stats.push({
            at: Date.now(),
            sessions: j.sessions ?? 0,
            delayMs: j.delayMs,
            framesDropped: j.framesDropped ?? 0,
          });
      } catch {
        // not a JSON log line
      }
    }
    if (stats.length > 1000) stats.splice(0, stats.length - 1000);
  });
  try {
    const fleet = await until(
      'the camera-sim manifest',
      () => {
        if (child.exitCode !== null) throw new Error(`camera-sim exited ${child.exitCode}: ${outputTail(child)}`);
        try {
          return JSON.parse(readFileSync(manifest, 'utf8')) as { cameras: SimCamera[] };
        } catch {
          return undefined;
        }
      },
      timeoutMs,
      100,
    );
    return {
      child,
      cameras: fleet.cameras,
      args,
      stats,
      async stop() {
        await stopChild(child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** A signed-in session (POST /api/auth/sign-in), when the ingest has accounts. */
export interface BenchSession {
  token: string;
  expiresAt: number;
  user: { username: string; permissions: string[] };
}

export interface IngestProc {
  child: ChildProcess;
  url: string;
  port: number;
  /** null when this ingest build has no accounts (before sign-in existed). */
  session: BenchSession | null;
  stop(): Promise<void>;
}

const BENCH_USER = 'bench-operator';

function hasAccounts(main: string): boolean {
  return readFileSync(main, 'utf8').includes('create-user');
}

/** `cctv-ingest create-user` with the password on stdin. */
async function createUser(main: string, db: string, password: string): Promise<void> {
  const child = spawnTracked(
    process.execPath,
    [main, 'create-user', '--db', db, '--username', BENCH_USER, '--role', 'operator', '--display-name', 'Benchmark'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stdin!.end(password + '\n');
  const code = await Promise.race([
    new Promise<number | null>((r) => child.once('exit', r)),
    new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000)),
  ]);
  if (code !== 0) {
    await stopChild(child);
    throw new Error(`ingest create-user failed (${String(code)}): ${outputTail(child)}`);
  }
}

async function signIn(url: string, password: string): Promise<BenchSession> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USER, password, workstation: 'bench' }),
  });
  if (!res.ok) throw new Error(`sign-in: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as BenchSession;
}

/** Each running ingest's session, by its URL (a bench may run two ingests, one after the other). */
const sessions = new Map<string, BenchSession>();
/** Authorization for the HTTP API of the ingest at this URL. */
export function authHeaders(ingestUrl: string): Record<string, string> {
  const session = sessions.get(ingestUrl);
  return session ? { authorization: `Bearer ${session.token}` } : {};
}

export interface StreamConfigEntry {
  url: string;
  transport: 'tcp';
  pull?: 'always' | 'on-demand';
}

export function ingestConfig(
  cameras: SimCamera[],
  opts: { mainPull?: 'always' | 'on-demand' } = {},
): { cameras: { id: string; name: string; streams: { main: StreamConfigEntry; sub?: StreamConfigEntry } }[] } {
  return {
    cameras: cameras.map((c) => ({
      id: c.id,
      name: c.name,
      streams: {
        main: { url: c.urls.main, transport: 'tcp', ...(opts.mainPull ? { pull: opts.mainPull } : {}) },
        ...(c.urls.sub ? { sub: { url: c.urls.sub, transport: 'tcp' as const } } : {}),
      },
    })),
  };
}

/** The real ingest service, as a child process from its build, serving the built console. */
/** receiver: the ingest's RTSP receiver (auto: its own client for H.264 over TCP; ffmpeg: ffmpeg for all). */
export async function startIngest(
  config: object,
  timeoutMs = 30_000,
  receiver: 'auto' | 'ffmpeg' = 'auto',
): Promise<IngestProc> {
  const dir = mkdtempSync(join(tmpdir(), 'cctv-bench-ingest-'));
  const file = join(dir, 'cameras.json');
  writeFileSync(file, JSON.stringify(config));
  const main = join(appsRoot, 'apps/ingest/dist/main.js');
  const accounts = hasAccounts(main);
  const db = join(dir, 'cctv.sqlite');
  const password = `bench-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  if (accounts) await createUser(main, db, password);
  const child = spawnTracked(
    process.execPath,
    [
      main,
      '--config',
      file,
      ...(accounts ? ['--db', db] : []),
      '--port',
      '0',
      '--console-dir',
      join(appsRoot, 'apps/console/dist'),
    ],
    { env: { ...process.env, LOG_LEVEL: 'warn', CCTV_RECEIVER: receiver } },
  );
  try {
    const url = await until(
      'ingest ready',
      () => {
        if (child.exitCode !== null) throw new Error(`ingest exited ${child.exitCode}: ${outputTail(child)}`);
        return /ingest ready: (http:\/\/[^/\s]+)\//.exec(outputTail(child))?.[1];
      },
      timeoutMs,
      50,
    );
    const port = Number(new URL(url).port);
    const session = accounts ? await signIn(url, password) : null;
    if (session) sessions.set(url, session);
    return {
      child,
      url,
      port,
      session,
      async stop() {
        await stopChild(child, 10_000);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

export interface StreamInfo {
  streamId: string;
  state: string;
  /** When the state last changed (ms since the epoch): for `live`, ingest's first frame. */
  since: number;
}

export async function streams(ingestUrl: string): Promise<StreamInfo[]> {
  const res = await fetch(`${ingestUrl}/api/streams`, { headers: authHeaders(ingestUrl) });
  if (!res.ok) throw new Error(`/api/streams: HTTP ${res.status}`);
  const body = (await res.json()) as { streams: StreamInfo[] } | StreamInfo[];
  return Array.isArray(body) ? body : body.streams;
}

/** Waits until every listed stream is live in ingest. */
export async function waitLive(ingestUrl: string, ids: string[], timeoutMs = 60_000): Promise<void> {
  await until(
    `${ids.length} streams live`,
    async () => {
      const s = await streams(ingestUrl);
      return ids.every((id) => s.find((x) => x.streamId === id)?.state === 'live');
    },
    timeoutMs,
    250,
  );
}
