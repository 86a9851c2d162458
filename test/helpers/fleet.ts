import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startProcess, stopProcess } from './processes';
import { waitFor } from './waitFor';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface FleetCamera {
  id: string;
  name: string;
  urls: { main: string; sub?: string };
  credentials?: { username: string; password: string };
}

export interface SimFleet {
  cameras: FleetCamera[];
  controlUrl: string;
  child: ChildProcess;
  fault(cameraId: string, kind: 'drop' | 'stall' | 'restart' | 'refuseAuth' | 'clear', ms?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the real camera simulator (its built CLI) as a child process and reads its manifest. */
export async function startSimFleet(args: string[]): Promise<SimFleet> {
  const dir = mkdtempSync(join(tmpdir(), 'cctv-fleet-'));
  const manifest = join(dir, 'fleet.json');
  const { child, match } = await startProcess(
    process.execPath,
    [
      join(repoRoot, 'apps/camera-sim/dist/main.js'),
      '--rtsp-port',
      '0',
      '--control-port',
      '0',
      '--manifest',
      manifest,
      ...args,
    ],
    /control[^\n]*?(http:\/\/127\.0\.0\.1:\d+)/i,
    { timeoutMs: 60_000 },
  );
  const fleet = await waitFor('the fleet manifest', () => {
    try {
      return JSON.parse(readFileSync(manifest, 'utf8')) as { cameras: FleetCamera[] };
    } catch {
      return undefined;
    }
  });
  const controlUrl = match[1]!;
  return {
    cameras: fleet.cameras,
    controlUrl,
    child,
    async fault(cameraId, kind, ms) {
      const res = await fetch(`${controlUrl}/cameras/${cameraId}/fault`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ms === undefined ? { kind } : { kind, ms }),
      });
      if (!res.ok) throw new Error(`fault ${kind} on ${cameraId}: HTTP ${res.status} ${await res.text()}`);
    },
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The ingest camera config for a fleet (as scripts/fleet-config.mjs writes it). */
export function ingestConfigFor(cameras: FleetCamera[]) {
  return {
    cameras: cameras.map((cam) => {
      const creds = cam.credentials ? { username: cam.credentials.username, password: cam.credentials.password } : {};
      return {
        id: cam.id,
        name: cam.name,
        streams: {
          main: { url: cam.urls.main, transport: 'tcp' as const, transcode: false, ...creds },
          ...(cam.urls.sub
            ? { sub: { url: cam.urls.sub, transport: 'tcp' as const, transcode: false, ...creds } }
            : {}),
        },
      };
    }),
  };
}
