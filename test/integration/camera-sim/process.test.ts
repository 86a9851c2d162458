/**
 * The simulator as a child process (the CLI), as other apps' tests and `pnpm demo` run it; plus the
 * H.265 and loop modes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '@cctv/camera-sim';
import type { FleetManifest } from '@cctv/camera-sim';
import { readTimestrip } from '@cctv/timestrip';
import { grabGrayFrames, probe, run, waitFor, withCredentials } from './helpers.js';

const APP = resolve(import.meta.dirname, '../../../apps/camera-sim');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'camera-sim-test-'));
  const build = spawnSync('node', ['../../scripts/bundle-node.mjs'], { cwd: APP, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Sim {
  child: ChildProcess;
  stdout: () => string;
  exited: Promise<number | null>;
}

function startCli(args: string[]): Sim {
  const child = spawn('node', [join(APP, 'dist/main.js'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.resume();
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, stdout: () => out, exited };
}

async function readManifest(path: string): Promise<FleetManifest | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as FleetManifest;
  } catch {
    return null;
  }
}

function childPids(pid: number): number[] {
  const r = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .map(Number)
    .filter((n) => n > 0);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('CLI', () => {
  it('starts a fleet, writes the manifest, serves, takes faults, and stops cleanly on SIGTERM', async () => {
    const manifestPath = join(dir, 'fleet.json');
    const sim = startCli([
      ...['--cameras', '2', '--rtsp-port', '0', '--main', '320x180', '--sub', '256x144'],
      ...['--user', 'admin', '--password', 'secret', '--manifest', manifestPath, '--control-port', '0'],
      ...['--name-prefix', 'Gate'],
    ]);
    try {
      await waitFor(async () => (await readManifest(manifestPath)) !== null, 'the manifest', 20_000);
      const manifest = (await readManifest(manifestPath))!;
      expect(manifest.cameras.map((c) => [c.id, c.name])).toEqual([
        ['cam-01', 'Gate 1'],
        ['cam-02', 'Gate 2'],
      ]);
      const cam = manifest.cameras[1]!;
      expect(cam.credentials).toEqual({ username: 'admin', password: 'secret' });
      expect(cam.urls.sub).toBe(`rtsp://127.0.0.1:${cam.rtspPort}/sub`);
      await waitFor(() => sim.stdout().includes(cam.urls.main), 'the summary on stdout', 5000);
      const url = withCredentials(cam.urls.sub!, 'admin', 'secret');
      expect(await probe(url, 'tcp')).toEqual([{ codec_name: 'h264', width: 256, height: 144 }]);

      const res = await fetch(`${manifest.controlUrl}/cameras/cam-02/fault`, {
        method: 'POST',
        body: JSON.stringify({ kind: 'refuseAuth' }),
      });
      expect(res.status).toBe(200);
      const refused = await run('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', url]);
      expect(refused.stderr).toMatch(/401 Unauthorized/);

      const encoders = childPids(sim.child.pid!);
      expect(encoders).toHaveLength(2);
      sim.child.kill('SIGTERM');
      expect(await sim.exited).toBe(0);
      await waitFor(() => encoders.every((pid) => !alive(pid)), 'ffmpeg children to exit', 3000);
    } finally {
      sim.child.kill('SIGKILL');
    }
  });

  it('refuses a bad flag with a clear message and exit code 2', async () => {
    const r = await run('node', [join(APP, 'dist/main.js'), '--codec', 'vp9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--codec must be one of h264, h265, got "vp9"');
  });

  it('serves H.265 with --codec h265', async () => {
    const manifestPath = join(dir, 'hevc.json');
    const hevc = startCli([
      ...['--cameras', '1', '--rtsp-port', '0', '--main', '320x180', '--no-sub', '--codec', 'h265'],
      ...['--manifest', manifestPath],
    ]);
    try {
      await waitFor(async () => (await readManifest(manifestPath)) !== null, 'the manifest', 20_000);
      const cam = (await readManifest(manifestPath))!.cameras[0]!;
      expect(cam.urls.sub).toBeNull();
      expect(await probe(cam.urls.main, 'tcp')).toEqual([{ codec_name: 'hevc', width: 320, height: 180 }]);
      expect(await probe(cam.urls.main, 'udp')).toEqual([{ codec_name: 'hevc', width: 320, height: 180 }]);
    } finally {
      hevc.child.kill('SIGTERM');
      await hevc.exited;
    }
  });
});

describe('loop mode', () => {
  it('replays one pre-encoded clip to every camera, decodable, with the strip of its encode time', async () => {
    const before = Date.now();
    const fleet = await startFleet({
      cameras: 3,
      rtspPort: 0,
      mode: 'loop',
      loopSeconds: 2,
      main: { width: 320, height: 180 },
      sub: { width: 256, height: 144 },
      logLevel: 'warn',
    });
    try {
      for (const cam of fleet.cameras.slice(1)) {
        expect(await probe(cam.urls.main, 'tcp')).toEqual([{ codec_name: 'h264', width: 320, height: 180 }]);
        expect(await probe(cam.urls.sub!, 'udp')).toEqual([{ codec_name: 'h264', width: 256, height: 144 }]);
      }
      // More frames than the 2 s clip holds, so the stream goes round the loop at least once.
      const frames = await grabGrayFrames(fleet.cameras[0]!.urls.main, 'tcp', { width: 320, height: 180 }, 60);
      const times = frames.map((f) => readTimestrip((x, y) => f.pixels[y * 320 + x]!, 320, 180));
      expect(times.every((t) => t !== null && t >= before && t <= Date.now())).toBe(true);
      expect(new Set(times).size).toBeLessThanOrEqual(50);
    } finally {
      await fleet.stop();
    }
  });
});
