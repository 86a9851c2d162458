import type { Result, SignInResponse } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import { createConsoleStore } from '../../store/createStore';
import { offlinePorts, type ConsolePorts } from '../ports';

const session: SignInResponse = {
  token: 't'.repeat(43),
  expiresAt: Date.now() + 3600_000,
  user: { id: 3, username: 'sup', displayName: 'Sue', role: 'supervisor', districts: [], permissions: ['live:view'] },
};

function setup(signIn: () => Promise<Result<SignInResponse>>, stored: SignInResponse | null = null) {
  const saved: (SignInResponse | null)[] = [];
  const asked: string[] = [];
  let workstation = '';
  const ports: ConsolePorts = {
    ...offlinePorts,
    http: { ...offlinePorts.http, signIn, status: async () => ({ ok: true, data: { setupNeeded: false } }) },
    control: {
      ask: async (event) => {
        asked.push(event);
        return { ok: true, data: null } as never;
      },
    },
    persistence: {
      load: () => stored,
      save: (s) => saved.push(s),
      clear: () => saved.push(null),
      workstation: () => workstation,
      saveWorkstation: (w) => (workstation = w),
    },
  };
  return { store: createConsoleStore({ ports }), saved, asked, workstation: () => workstation };
}

describe('auth slice', () => {
  it('signs in, keeps the token for this tab, and remembers the workstation', async () => {
    const { store, saved, workstation } = setup(async () => ({ ok: true, data: session }));
    await store.getState().checkAuth(null);
    expect(store.getState().auth.status).toBe('signed-out');
    const pending = store.getState().signIn({ username: 'sup', password: 'pw', workstation: ' desk-4 ' });
    expect(store.getState().auth.status).toBe('signing-in');
    await pending;
    expect(store.getState().auth.status).toBe('signed-in');
    expect(saved).toEqual([session]);
    expect(workstation()).toBe('desk-4');
  });

  it('shows a refused sign-in and stores nothing', async () => {
    const error = { code: 'UNAUTHENTICATED' as const, message: 'The user name or password is wrong.' };
    const { store, saved } = setup(async () => ({ ok: false, error }));
    await store.getState().checkAuth(null);
    await store.getState().signIn({ username: 'sup', password: 'x', workstation: '' });
    expect(store.getState().auth).toEqual({ status: 'signed-out', error });
    expect(saved).toEqual([]);
  });

  it('restores a stored session, and drops it when the session ends', async () => {
    const { store, saved } = setup(async () => ({ ok: true, data: session }), session);
    await store.getState().checkAuth(null);
    expect(store.getState().auth.status).toBe('signed-in');
    store.getState().sessionEnded('expired');
    expect(store.getState().auth).toEqual({
      status: 'ended',
      reason: 'expired',
      message: 'Your session has expired. Sign in again.',
    });
    expect(saved.at(-1)).toBeNull();
  });

  it('signs out through the server, then ends the session here', async () => {
    const { store, asked } = setup(async () => ({ ok: true, data: session }), session);
    await store.getState().checkAuth(null);
    await store.getState().signOut(true);
    expect(asked).toEqual(['session:signOut']);
    expect(store.getState().auth).toMatchObject({ status: 'ended', reason: 'signed-out-everywhere' });
  });

  it('checks the set-up form before sending it', async () => {
    const { store } = setup(async () => ({ ok: true, data: session }));
    store.getState().authEvent({ type: 'statusKnown', setupNeeded: true, setupToken: 'x'.repeat(32) });
    const errors = await store.getState().submitSetup({
      token: 'x'.repeat(32),
      username: 'chief',
      displayName: 'Chief',
      password: 'a long enough passphrase',
      confirm: 'a long enough passphrasE',
    });
    expect(errors).toEqual({ confirm: 'The two passwords are not the same' });
    expect(store.getState().auth.status).toBe('setup');
  });
});
