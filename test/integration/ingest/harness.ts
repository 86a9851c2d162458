import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, parseConfig, startIngest, type Ingest, type IngestOptions } from '@cctv/ingest';
import {
  PROTOCOL_VERSION,
  type Role,
  type SignInResponse,
  type StreamConfigured,
  type StreamFrame,
  type StreamFramesDropped,
  type StreamStatus,
} from '@cctv/protocol';
import { ask, connectClient, type MediaSocket } from '../../helpers/client';
import { ingestConfigFor, type FleetCamera } from '../../helpers/fleet';
import { waitFor } from '../../helpers/waitFor';

export const quietLog = () => createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * Starts the real ingest in this process on port 0 for a list of cameras, with a fresh database file
 * (removed again by `stop`).
 */
export async function startTestIngest(
  cameras: FleetCamera[] | object,
  over: Partial<IngestOptions> = {},
): Promise<Ingest> {
  const config = Array.isArray(cameras) ? ingestConfigFor(cameras) : cameras;
  const dir = mkdtempSync(join(tmpdir(), 'cctv-ingest-'));
  const ingest = await startIngest({
    config: parseConfig(JSON.stringify(config)),
    log: quietLog(),
    dbPath: join(dir, 'cctv.sqlite'),
    port: 0,
    // Recording pulls every main stream all the time; tests of recording turn it on themselves.
    recording: false,
    ...over,
    supervisor: {
      lingerMs: 500,
      source: { backoff: { initialMs: 200, maxMs: 1000, factor: 2, jitter: 0 } },
      ...over.supervisor,
    },
  });
  const stop = ingest.stop.bind(ingest);
  ingest.stop = async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return ingest;
}

/** Creates a named user with a random password and returns the credentials. */
export async function createUser(ingest: Ingest, role: Role, username = `${role}-${randomBytes(3).toString('hex')}`) {
  const password = `pw-${randomBytes(12).toString('hex')}`;
  await ingest.auth.createUserFromCli(username, `Test ${role}`, role, password);
  return { username, password };
}

export function signIn(
  ingest: Ingest,
  username: string,
  password: string,
  workstation = 'test-desk',
): Promise<Response> {
  return fetch(`${ingest.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, workstation }),
  });
}

/** A new user of this role, signed in: their token and user record. */
export async function sessionAs(ingest: Ingest, role: Role): Promise<SignInResponse> {
  const { username, password } = await createUser(ingest, role);
  const res = await signIn(ingest, username, password);
  if (res.status !== 200) throw new Error(`sign-in as ${role} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as SignInResponse;
}

/** A typed client signed in with a session token. */
export function connectWith(ingest: Ingest, token: string) {
  return connectClient(ingest.url, { protocolVersion: PROTOCOL_VERSION, workstation: 'test-desk', token });
}

/** A typed client signed in as a new user of `role` (operator by default). */
export async function connectAs(ingest: Ingest, role: Role = 'operator') {
  const session = await sessionAs(ingest, role);
  const client = await connectWith(ingest, session.token);
  return Object.assign(client, { session });
}

/** What one subscriber has received, in order. */
export interface Received {
  configs: StreamConfigured[];
  frames: StreamFrame[];
  drops: StreamFramesDropped[];
  states: StreamStatus[];
}

/** Records everything a media socket receives for one stream; optionally acknowledges every frame. */
export function record(media: MediaSocket, streamId: string, opts: { ack: boolean }): Received {
  const r: Received = { configs: [], frames: [], drops: [], states: [] };
  media.on('stream:configured', (c) => c.streamId === streamId && r.configs.push(c));
  media.on('stream:framesDropped', (d) => d.streamId === streamId && r.drops.push(d));
  media.on('stream:stateChanged', (s) => s.streamId === streamId && r.states.push(s));
  media.on('stream:frameArrived', (f) => {
    if (f.streamId !== streamId) return;
    r.frames.push(f);
    if (opts.ack) media.emit('stream:acknowledge', { streamId, seq: f.seq });
  });
  return r;
}

export const bytes = (d: Uint8Array | ArrayBuffer): Uint8Array => (d instanceof Uint8Array ? d : new Uint8Array(d));

/** Connects an operator and waits until `streamId` is live in the camera list. */
export async function clientWhenLive(ingest: Ingest, streamId: string) {
  const client = await connectAs(ingest, 'operator');
  await waitFor(
    `${streamId} live`,
    async () => {
      const res = await ask(client.control, 'camera:list', {});
      return res.ok && res.data.some((c) => c.streams.some((s) => s.streamId === streamId && s.state === 'live'));
    },
    30_000,
    200,
  );
  return client;
}
