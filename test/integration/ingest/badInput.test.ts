import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import { PROTOCOL_VERSION } from '@cctv/protocol';
import { ask, connectClient } from '../../helpers/client';
import { connectAs, startTestIngest } from './harness';

// No camera needs to answer for these: the door refuses bad input before anything is pulled.
describe('bad input at the door', () => {
  let ingest: Ingest;
  beforeAll(async () => {
    ingest = await startTestIngest({
      cameras: [{ id: 'cam-01', name: 'One', streams: { main: { url: 'rtsp://127.0.0.1:1/main' } } }],
    });
  });
  afterAll(async () => ingest?.stop());

  it.each([
    [{}, 'streamId'],
    [{ streamId: 42 }, 'streamId'],
    [{ streamId: 'cam-01:hd' }, 'streamId'],
    [{ streamId: 'cam-01:main', extra: true }, undefined],
    [null, undefined],
    ['cam-01:main', undefined],
  ])('answers subscribe(%j) with INVALID_PAYLOAD', async (payload, field) => {
    const c = await connectAs(ingest);
    try {
      const res = await ask(c.media, 'stream:subscribe', payload as never);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('INVALID_PAYLOAD');
      if (field) expect(res.error.field).toBe(field);
      expect(res.error.message.length).toBeGreaterThan(5);
    } finally {
      c.close();
    }
  });

  it('answers a stream that does not exist with NOT_FOUND', async () => {
    const c = await connectAs(ingest);
    try {
      const res = await ask(c.media, 'stream:subscribe', { streamId: 'cam-99:sub' });
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      c.close();
    }
  });

  it('answers an event outside the contract with NOT_FOUND instead of silence', async () => {
    const c = await connectAs(ingest);
    try {
      const res = await (
        c.control as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<unknown> } }
      )
        .timeout(5000)
        .emitWithAck('camera:delete', { id: 'cam-01' });
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      c.close();
    }
  });

  it('refuses a console that speaks another protocol version, saying why', async () => {
    await expect(connectClient(ingest.url, { protocolVersion: PROTOCOL_VERSION + 1 })).rejects.toThrow(
      /PROTOCOL_MISMATCH/,
    );
    await expect(connectClient(ingest.url, {})).rejects.toThrow(/INVALID_HANDSHAKE/);
  });

  it('refuses a console that has not signed in, or whose token is not a session', async () => {
    await expect(connectClient(ingest.url, { protocolVersion: PROTOCOL_VERSION })).rejects.toThrow(
      /UNAUTHENTICATED: Sign in first/,
    );
    await expect(
      connectClient(ingest.url, { protocolVersion: PROTOCOL_VERSION, token: 'x'.repeat(43) }),
    ).rejects.toThrow(/UNAUTHENTICATED: Your session has ended/);
  });

  it('closes a connection that sends an oversized message, and keeps serving others', async () => {
    const big = await connectAs(ingest);
    const closed = new Promise<string>((resolve) => big.media.once('disconnect', (reason) => resolve(reason)));
    big.media.emit('stream:acknowledge', {
      streamId: 'cam-01:main',
      seq: 1,
      pad: 'x'.repeat(2 * 1024 * 1024),
    } as never);
    expect(await closed).toMatch(/transport close|transport error/);
    big.close();
    const ok = await connectAs(ingest);
    try {
      const res = await ask(ok.control, 'camera:list', {});
      expect(res.ok).toBe(true);
    } finally {
      ok.close();
    }
  });

  it('serves health and refuses to serve files outside the console', async () => {
    expect((await fetch(`${ingest.url}/health`)).status).toBe(200);
    expect((await fetch(`${ingest.url}/api/nothing`)).status).toBe(404);
    expect((await fetch(`${ingest.url}/health`, { method: 'POST' })).status).toBe(405);
  });
});

describe('the HTTP API from another local origin', () => {
  it('answers a CORS preflight for localhost origins only', async () => {
    const ingest = await startTestIngest({ cameras: [] });
    try {
      const pre = (origin: string) =>
        fetch(`${ingest.url}/api/auth/sign-in`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        });
      const ok = await pre('http://localhost:5173');
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const evil = await pre('https://evil.example');
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await ingest.stop();
    }
  });
});
