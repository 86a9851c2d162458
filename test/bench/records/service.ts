// The real ingest service as a child process from its build, and typed Socket.IO clients signed in to
// it as consoles are (test/helpers/client.ts's pattern). The protocol's values come from its zod-free
// version module: the bench bundle keeps npm packages external and zod is not a root dependency.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ControlClientToServer, ControlServerToClient, SignInResponse } from '@cctv/protocol';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../../packages/protocol/src/version';
import { outputTail, spawnTracked, stopChild } from './procs';

export const repoRoot = process.cwd();
export const ingestMain = join(repoRoot, 'apps/ingest/dist/main.js');

export type ControlSocket = Socket<ControlServerToClient, ControlClientToServer>;

type PayloadOf<E, K extends keyof E> = E[K] extends (payload: infer P, ack: never) => void ? P : never;
type AnswerOf<E, K extends keyof E> = E[K] extends (payload: never, ack: (result: infer R) => void) => void ? R : never;

/** Sends a command and awaits its acknowledgement, typed from the contract. */
export function ask<K extends keyof ControlClientToServer & string>(
  socket: ControlSocket,
  event: K,
  payload: PayloadOf<ControlClientToServer, K>,
  timeoutMs = 10_000,
): Promise<AnswerOf<ControlClientToServer, K>> {
  const timed = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<AnswerOf<ControlClientToServer, K>>;
  };
  return timed.emitWithAck(event, payload);
}

/** `cctv-ingest create-user`, password on stdin. */
export function createUserCli(db: string, username: string, role: string, password: string): void {
  const made = spawnSync(
    process.execPath,
    [ingestMain, 'create-user', '--db', db, '--username', username, '--role', role, '--display-name', username],
    { input: `${password}\n`, encoding: 'utf8', timeout: 60_000 },
  );
  if (made.status !== 0) throw new Error(`create-user ${username}: ${made.stderr || made.error?.message}`);
}

export interface Service {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Starts `cctv-ingest --config (no cameras) --db FILE --port 0` and waits for its ready line. */
export async function startService(db: string, workDir: string, timeoutMs = 120_000): Promise<Service> {
  mkdirSync(workDir, { recursive: true });
  const config = join(workDir, 'cameras.json');
  writeFileSync(config, JSON.stringify({ cameras: [] }));
  const child = spawnTracked(process.execPath, [ingestMain, '--config', config, '--db', db, '--port', '0']);
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const t = setTimeout(
      () => reject(new Error(`ingest not ready after ${timeoutMs} ms:\n${outputTail(child)}`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      seen = (seen + d.toString()).slice(-8192);
      const m = /ingest ready: (http:\/\/[\d.]+:\d+)/.exec(seen);
      if (m) {
        clearTimeout(t);
        child.stderr!.off('data', onData);
        resolve(m[1]!);
      }
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(t);
      reject(new Error(`ingest exited (${code ?? signal}) before it was ready:\n${outputTail(child)}`));
    });
  });
  return { child, url, stop: () => stopChild(child, 10_000) };
}

export async function signIn(url: string, username: string, password: string, workstation: string) {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, workstation }),
    signal: AbortSignal.timeout(30_000),
  });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  return (await res.json()) as SignInResponse;
}

/** A control-namespace client with a session token, as a console connects (websocket only). */
export async function connectControl(url: string, token: string, workstation: string): Promise<ControlSocket> {
  const s: ControlSocket = io(url, {
    transports: ['websocket'],
    auth: { protocolVersion: PROTOCOL_VERSION, workstation, token },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('control namespace: no connection after 15 s')), 15_000);
    s.once('connect', () => {
      clearTimeout(t);
      resolve();
    });
    s.once('connect_error', (e) => {
      clearTimeout(t);
      reject(e);
    });
  });
  return s;
}

/** Signs in and connects; closes nothing on its own (the caller owns the socket). */
export async function consoleAs(url: string, username: string, password: string, workstation: string) {
  const session = await signIn(url, username, password, workstation);
  return { socket: await connectControl(url, session.token, workstation), session };
}
