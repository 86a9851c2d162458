// Is the service's database connection synchronous=FULL? The pragma is per connection, so another
// connection cannot read it. Three checks: (1) the built service's code path — every `synchronous`
// pragma in apps/ingest/dist/main.js (openDatabase, which startIngest calls) says FULL; (2) the same
// openDatabase, run here on the run's file, reads back `PRAGMA synchronous` = 2; (3) the running service,
// traced with strace while it takes sequential creates: in WAL mode FULL syncs the WAL on every
// commit, NORMAL does not (only at checkpoints), so fsync/fdatasync calls ≥ commits shows FULL.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../apps/ingest/src/store/db';
import { spawnTracked, stopChild } from './procs';
import { ask, ingestMain, type ControlSocket } from './service';
import { sleep } from '../common/stats';
import type { Rand } from './vocab';
import { newIncident } from './live';

export interface SyncCheck {
  distPragmas: string[];
  inProcessSynchronous: number;
  strace?: { creates: number; acked: number; fsyncCalls: number; perCreate: number } | { error: string };
  full: boolean;
  how: string;
}

export function staticAndInProcess(dbFile: string): Omit<SyncCheck, 'full' | 'how'> {
  const dist = readFileSync(ingestMain, 'utf8');
  const distPragmas = [...dist.matchAll(/synchronous\s*=\s*(\w+)/gi)].map((m) => m[0]);
  const db = openDatabase(dbFile);
  try {
    return { distPragmas, inProcessSynchronous: db.pragma('synchronous', { simple: true }) as number };
  } finally {
    db.close();
  }
}

export async function straceCreates(
  pid: number,
  client: ControlSocket,
  r: Rand,
  categories: readonly string[],
  creates: number,
  workDir: string,
): Promise<NonNullable<SyncCheck['strace']>> {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore', timeout: 5000 });
  } catch {
    return { error: 'strace not available' };
  }
  const out = join(workDir, 'strace.txt');
  const tracer = spawnTracked('strace', ['-f', '-e', 'trace=fsync,fdatasync', '-o', out, '-p', String(pid)]);
  try {
    // Wait for strace to attach (it says so on stderr), at most 10 s.
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('strace did not attach in 10 s')), 10_000);
      let seen = '';
      tracer.stderr!.on('data', (d: Buffer) => {
        seen += d.toString();
        if (/attached/i.test(seen)) {
          clearTimeout(t);
          resolve();
        }
      });
      tracer.once('exit', (code) => {
        clearTimeout(t);
        reject(new Error(`strace exited (${code}): ${seen.slice(-400)}`));
      });
    });
    await sleep(300);
    let acked = 0;
    for (let k = 0; k < creates; k++) {
      const a = await ask(client, 'incident:create', newIncident(r, categories, `bench-sync-${k}`), 30_000);
      if (a.ok) acked++;
    }
    await sleep(300);
    await stopChild(tracer, 5000);
    const calls = readFileSync(out, 'utf8')
      .split('\n')
      .filter((l) => /\b(fsync|fdatasync)\(/.test(l)).length;
    return { creates, acked, fsyncCalls: calls, perCreate: Math.round((calls / Math.max(1, acked)) * 100) / 100 };
  } catch (e) {
    await stopChild(tracer, 2000).catch(() => undefined);
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
