import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@cctv/ingest';
import { PROTOCOL_VERSION } from '@cctv/protocol';
import { ask, connectClient } from '../../helpers/client';
import { repoRoot } from '../../helpers/fleet';
import { startProcess } from '../../helpers/processes';
import { incident } from './fixtures';

// The real service as a child process, killed with SIGKILL right after it acknowledged writes.
describe('acknowledged writes survive kill -9', () => {
  let dir: string;
  const main = join(repoRoot, 'apps/ingest/dist/main.js');
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cctv-crash-'));
    writeFileSync(join(dir, 'cameras.json'), JSON.stringify({ cameras: [] }));
    const made = spawnSync(
      process.execPath,
      [main, 'create-user', '--db', join(dir, 'cctv.sqlite'), '--username', 'night-op', '--role', 'operator'],
      {
        input: 'a long night-shift passphrase\n',
        encoding: 'utf8',
      },
    );
    expect(made.status, made.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every incident the console was told was saved', async () => {
    const db = join(dir, 'cctv.sqlite');
    const { child, match } = await startProcess(
      process.execPath,
      [main, '--config', join(dir, 'cameras.json'), '--db', db, '--port', '0'],
      /ingest ready: (http:\/\/[\d.:]+)/,
    );
    const url = match[1]!;
    const signIn = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'night-op', password: 'a long night-shift passphrase' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const client = await connectClient(url, { protocolVersion: PROTOCOL_VERSION, token });
    const acknowledged: string[] = [];
    // Fire a burst without waiting, and kill the service the moment the 20th acknowledgement arrives.
    await new Promise<void>((resolve) => {
      for (let n = 0; n < 40; n++) {
        void ask(client.control, 'incident:create', incident({ location: `Crash test ${n}` }), 10_000)
          .then((res) => {
            if (res.ok) acknowledged.push(res.data.ref);
            if (acknowledged.length === 20) {
              child.kill('SIGKILL');
              resolve();
            }
          })
          .catch(() => undefined);
      }
    });
    client.close();
    await new Promise((r) => child.once('exit', r));
    const reopened = openDatabase(db);
    try {
      const stored = new Set(
        (reopened.prepare('SELECT ref FROM incidents').all() as { ref: string }[]).map((r) => r.ref),
      );
      for (const ref of acknowledged) expect(stored.has(ref), ref).toBe(true);
      expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      reopened.close();
    }
  });
});
