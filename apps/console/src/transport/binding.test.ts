import type { CameraSummary, Result, SignInResponse, StreamStatus } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import { createConsoleStore } from '../store/createStore';
import { bindIngest, refusalMessage } from './binding';

/** A plain emitter standing in for a Socket.IO client socket (no network). */
class FakeSocket {
  active = true;
  private listeners = new Map<string, Set<(...a: never[]) => void>>();
  on(event: string, fn: (...a: never[]) => void) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(fn);
    return this;
  }
  off(event: string, fn: (...a: never[]) => void) {
    this.listeners.get(event)?.delete(fn);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const fn of this.listeners.get(event) ?? []) (fn as (...a: unknown[]) => void)(...args);
  }
  count() {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
}

const cameras: CameraSummary[] = [
  {
    id: 'cam-01',
    name: 'Gate',
    streams: [{ streamId: 'cam-01:sub', cameraId: 'cam-01', profile: 'sub', state: 'live', since: 1 }],
  },
];
const session: SignInResponse = {
  token: 't'.repeat(43),
  expiresAt: Date.now() + 3600_000,
  user: { id: 1, username: 'op', displayName: 'Op', role: 'operator', districts: [], permissions: ['live:view'] },
};
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(list: () => Promise<Result<CameraSummary[]>> = async () => ({ ok: true, data: cameras })) {
  const store = createConsoleStore({ ingestUrl: 'http://localhost:8640' });
  const control = new FakeSocket();
  const media = new FakeSocket();
  const unbind = bindIngest(control, media, { listCameras: list }, store.getState());
  return { store, control, media, unbind };
}

describe('transport binding', () => {
  it('loads the camera list on connect', async () => {
    const { store, control } = setup();
    control.emit('connect');
    await flush();
    expect(store.getState().connection.status).toBe('connected');
    expect(store.getState().cameraOrder).toEqual(['cam-01']);
  });

  it('reports a failed camera list without dropping the connection', async () => {
    const { store, control } = setup(async () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'not allowed' } }));
    control.emit('connect');
    await flush();
    expect(store.getState().connection).toMatchObject({ status: 'connected', message: 'Camera list: not allowed' });
  });

  it('writes state changes from both namespaces and stats into the store', () => {
    const { store, control, media } = setup();
    const s: StreamStatus = { streamId: 'cam-01:sub', cameraId: 'cam-01', profile: 'sub', state: 'stalled', since: 5 };
    control.emit('stream:stateChanged', s);
    expect(store.getState().streams['cam-01:sub']?.state).toBe('stalled');
    media.emit('stream:stateChanged', { ...s, state: 'live', since: 6 });
    expect(store.getState().streams['cam-01:sub']?.state).toBe('live');
    control.emit('stream:statsUpdated', {
      stats: [{ streamId: 'cam-01:sub', fps: 25, bitrateKbps: 400, viewers: 2, restarts: 0, droppedFrames: 0 }],
    });
    expect(store.getState().stats['cam-01:sub']?.viewers).toBe(2);
  });

  it('turns a protocol mismatch into a refused connection with a clear message', () => {
    const { store, control } = setup();
    control.active = false;
    control.emit(
      'connect_error',
      Object.assign(new Error('PROTOCOL_MISMATCH: server speaks 2, console 1'), {
        data: { code: 'PROTOCOL_MISMATCH' },
      }),
    );
    expect(store.getState().connection.status).toBe('refused');
    expect(store.getState().connection.message).toMatch(/protocol version/);
  });

  it('keeps retrying after a network error or a disconnect', () => {
    const { store, control } = setup();
    control.emit('connect_error', new Error('websocket error'));
    expect(store.getState().connection).toMatchObject({ status: 'connecting' });
    control.emit('disconnect', 'transport close');
    expect(store.getState().connection).toMatchObject({
      status: 'connecting',
      message: 'Connection lost (transport close)',
    });
    control.active = false;
    control.emit('disconnect', 'io client disconnect');
    expect(store.getState().connection.status).toBe('disconnected');
  });

  it('ends the session when the server says so (once, from either namespace)', () => {
    const { store, control, media } = setup();
    store.getState().authEvent({ type: 'restored', session });
    media.emit('session:ended', { reason: 'signed-out-everywhere', message: 'You signed out on every workstation.' });
    control.emit('session:ended', { reason: 'signed-out-everywhere', message: 'You signed out on every workstation.' });
    expect(store.getState().auth).toEqual({
      status: 'ended',
      reason: 'signed-out-everywhere',
      message: 'You signed out on every workstation.',
    });
  });

  it('turns a refused token into an ended session with the server message', () => {
    const { store, control } = setup();
    store.getState().authEvent({ type: 'restored', session });
    control.active = false;
    control.emit(
      'connect_error',
      Object.assign(new Error('UNAUTHENTICATED: Your session has ended. Sign in again.'), {
        data: { code: 'UNAUTHENTICATED', message: 'Your session has ended. Sign in again.' },
      }),
    );
    expect(store.getState().auth).toMatchObject({
      status: 'ended',
      reason: 'refused',
      message: 'Your session has ended. Sign in again.',
    });
  });

  it('does not ask for cameras without live:view, but refreshes the user', async () => {
    const store = createConsoleStore();
    const control = new FakeSocket();
    let listed = 0;
    bindIngest(
      control,
      new FakeSocket(),
      {
        listCameras: async () => (listed++, { ok: true, data: cameras }),
        whoami: async () => ({ ok: true, data: { ...session.user, displayName: 'Renamed' } }),
        canViewLive: () => false,
      },
      store.getState(),
    );
    store.getState().authEvent({ type: 'restored', session });
    control.emit('connect');
    await flush();
    expect(listed).toBe(0);
    expect(store.getState().auth.status === 'signed-in' && store.getState().auth).toMatchObject({
      session: { user: { displayName: 'Renamed' } },
    });
  });

  it('unbinds every listener', () => {
    const { control, media, unbind } = setup();
    unbind();
    expect(control.count() + media.count()).toBe(0);
  });

  it.each([
    ['PROTOCOL_MISMATCH: expected 1', undefined, true],
    ['refused', { code: 'PROTOCOL_MISMATCH' }, true],
    ['UNAUTHENTICATED: no session', undefined, true],
    ['xhr poll error', undefined, false],
    ['timeout', { code: 'OTHER' }, false],
  ])('refusal %s (%o) → %s', (message, data, refused) => {
    expect(refusalMessage(Object.assign(new Error(message), { data })) !== null).toBe(refused);
  });
});
