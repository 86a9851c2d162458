import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import { ask } from '../../helpers/client';
import { waitFor } from '../../helpers/waitFor';
import { connectWith, createUser, sessionAs, signIn, startTestIngest } from '../ingest/harness';

const noCameras = { cameras: [] };

describe('signing in', () => {
  let ingest: Ingest;
  beforeAll(async () => {
    ingest = await startTestIngest(noCameras, { authPolicy: { maxFailures: 3, lockMs: 60_000 } });
  });
  afterAll(async () => ingest?.stop());

  it('creates the first administrator only with the one-time set-up token', async () => {
    const fresh = await startTestIngest(noCameras);
    try {
      const status = await (await fetch(`${fresh.url}/api/auth/status`)).json();
      expect(status).toEqual({ setupNeeded: true });
      expect(fresh.setupToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const body = { username: 'chief', displayName: 'Chief Admin', password: 'a long enough passphrase' };
      const post = (b: object) =>
        fetch(`${fresh.url}/api/auth/setup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(b),
        });
      expect((await post({ ...body, token: 'w'.repeat(32) })).status).toBe(403);
      const short = await post({ ...body, token: fresh.setupToken, password: 'short' });
      expect(short.status).toBe(400);
      expect(await short.json()).toMatchObject({ field: 'password' });
      expect((await post({ ...body, token: fresh.setupToken })).status).toBe(201);
      expect((await post({ ...body, username: 'second', token: fresh.setupToken })).status).toBe(403);
      expect((await signIn(fresh, 'chief', body.password)).status).toBe(200);
      expect(fresh.auth.users.byUsername('chief')!.role).toBe('administrator');
    } finally {
      await fresh.stop();
    }
  });

  it('offers the set-up link while there is no administrator, even if other accounts exist', async () => {
    const fresh = await startTestIngest(noCameras);
    try {
      await createUser(fresh, 'operator');
      expect(fresh.auth.ensureSetupToken()).toBe(fresh.setupToken);
      expect(await (await fetch(`${fresh.url}/api/auth/status`)).json()).toEqual({ setupNeeded: true });
      await createUser(fresh, 'administrator');
      expect(fresh.auth.ensureSetupToken()).toBeNull();
      expect(await (await fetch(`${fresh.url}/api/auth/status`)).json()).toEqual({ setupNeeded: false });
    } finally {
      await fresh.stop();
    }
  });

  it('never stores the password, only a memory-hard hash', async () => {
    const { username, password } = await createUser(ingest, 'operator');
    const row = ingest.db.prepare('SELECT password_hash FROM users WHERE username = ?').get(username) as {
      password_hash: string;
    };
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(password);
  });

  it('locks an account after repeated failures, even against the right password, and says so', async () => {
    const { username, password } = await createUser(ingest, 'operator');
    for (let i = 0; i < 2; i++) expect((await signIn(ingest, username, 'wrong password!')).status).toBe(401);
    const third = await signIn(ingest, username, 'wrong password!');
    expect(third.status).toBe(429);
    expect((await third.json()).error).toMatch(/Too many failed sign-ins. Try again in \d+ minute/);
    expect((await signIn(ingest, username, password)).status).toBe(429);
    expect(ingest.audit.search({ action: 'auth.lockedOut', username, limit: 5 })).toHaveLength(1);
  });

  it('answers an unknown user exactly as a known one: same messages, same lock-out', async () => {
    const { username } = await createUser(ingest, 'operator');
    const ghost = 'nobody-here';
    const seq = async (name: string) => {
      const out: [number, string][] = [];
      for (let i = 0; i < 4; i++) {
        const r = await signIn(ingest, name, 'wrong password!');
        out.push([r.status, ((await r.json()) as { error: string }).error]);
      }
      return out;
    };
    expect(await seq(ghost)).toEqual(await seq(username));
  });

  it('takes as long for an unknown user as for a known one (no timing oracle)', async () => {
    const { username } = await createUser(ingest, 'operator');
    const fresh = await startTestIngest(noCameras, { authPolicy: { maxFailures: 1000, lockMs: 1 } });
    try {
      await createUser(fresh, 'operator', username);
      const time = async (name: string) => {
        const t = performance.now();
        await signIn(fresh, name, 'wrong password!');
        return performance.now() - t;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 12; i++) {
        known.push(await time(username));
        unknown.push(await time(`ghost-${i}`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      // Both pay one scrypt (~tens of ms); a missing hash would make the unknown case ~100x faster.
      expect(median(unknown)).toBeGreaterThan(median(known) * 0.6);
      expect(median(unknown)).toBeLessThan(median(known) * 1.6);
    } finally {
      await fresh.stop();
    }
  });

  it('refuses malformed and oversized sign-in bodies with a clear message', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${ingest.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': type }, body });
    expect((await post('{not json')).status).toBe(400);
    expect((await post('{}')).status).toBe(400);
    expect(await (await post('{}')).json()).toMatchObject({ field: 'username' });
    expect((await post('x'.repeat(20_000))).status).toBe(413);
    expect((await post('{}', 'text/plain')).status).toBe(415);
  });
});

describe('sessions', () => {
  let ingest: Ingest;
  beforeAll(async () => {
    ingest = await startTestIngest(noCameras, { authPolicy: { sessionTtlMs: 1500 }, sessionSweepMs: 200 });
  });
  afterAll(async () => ingest?.stop());

  it('disconnects an expired session and says why', async () => {
    const s = await sessionAs(ingest, 'operator');
    const client = await connectWith(ingest, s.token);
    const ended = new Promise<{ reason: string; message: string }>((resolve) =>
      client.control.once('session:ended', resolve),
    );
    expect(await ended).toMatchObject({ reason: 'expired', message: expect.stringMatching(/expired/) });
    await waitFor('disconnect', () => !client.control.connected);
    await expect(connectWith(ingest, s.token)).rejects.toThrow(/UNAUTHENTICATED/);
    client.close();
  });
});

describe('signing out', () => {
  let ingest: Ingest;
  beforeAll(async () => {
    ingest = await startTestIngest(noCameras);
  });
  afterAll(async () => ingest?.stop());

  it('signs out everywhere: every workstation of that user is told and disconnected, others stay', async () => {
    const { username, password } = await createUser(ingest, 'supervisor');
    const a = await connectWith(ingest, (await (await signIn(ingest, username, password, 'desk-a')).json()).token);
    const b = await connectWith(ingest, (await (await signIn(ingest, username, password, 'desk-b')).json()).token);
    const other = await connectWith(ingest, (await sessionAs(ingest, 'operator')).token);
    try {
      const endedB = new Promise<{ reason: string }>((resolve) => b.media.once('session:ended', resolve));
      expect(await ask(a.control, 'session:signOut', { everywhere: true })).toEqual({ ok: true, data: null });
      expect(await endedB).toMatchObject({ reason: 'signed-out-everywhere' });
      await waitFor('both disconnected', () => !a.control.connected && !b.control.connected && !b.media.connected);
      expect(other.control.connected).toBe(true);
      expect(ingest.audit.search({ action: 'auth.signOutEverywhere', username, limit: 5 })).toHaveLength(1);
    } finally {
      a.close();
      b.close();
      other.close();
    }
  });

  it('ends the sessions of a user an administrator disables', async () => {
    const admin = await connectWith(ingest, (await sessionAs(ingest, 'administrator')).token);
    const op = await sessionAs(ingest, 'operator');
    const client = await connectWith(ingest, op.token);
    try {
      const ended = new Promise<{ reason: string }>((resolve) => client.control.once('session:ended', resolve));
      const res = await ask(admin.control, 'user:update', { id: op.user.id, disabled: true });
      expect(res).toMatchObject({ ok: true, data: { disabled: true } });
      expect(await ended).toMatchObject({ reason: 'account-disabled' });
      expect((await signIn(ingest, op.user.username, 'whatever-it-was')).status).toBe(401);
    } finally {
      admin.close();
      client.close();
    }
  });
});
