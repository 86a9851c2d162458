import type { SignInResponse } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import { authTransition, initialAuth, type AuthEvent, type AuthState } from './authMachine';

const session: SignInResponse = {
  token: 't'.repeat(43),
  expiresAt: 1_000_000,
  user: { id: 1, username: 'op', displayName: 'Op', role: 'operator', districts: [], permissions: ['live:view'] },
};
const run = (events: AuthEvent[], from: AuthState = initialAuth) => events.reduce(authTransition, from);

describe('auth state machine', () => {
  it.each<[string, AuthEvent[], AuthState['status']]>([
    ['no users yet → set-up', [{ type: 'statusKnown', setupNeeded: true, setupToken: null }], 'setup'],
    ['a set-up link wins', [{ type: 'statusKnown', setupNeeded: false, setupToken: 'abc' }], 'setup'],
    ['users exist → sign-in', [{ type: 'statusKnown', setupNeeded: false, setupToken: null }], 'signed-out'],
    ['a stored session', [{ type: 'restored', session }], 'signed-in'],
    [
      'set-up done → sign-in',
      [
        { type: 'statusKnown', setupNeeded: true, setupToken: 'abc' },
        { type: 'setupDone', username: 'admin' },
      ],
      'signed-out',
    ],
    [
      'signed-out → signing-in → signed-in',
      [
        { type: 'statusKnown', setupNeeded: false, setupToken: null },
        { type: 'signInStarted' },
        { type: 'signedIn', session },
      ],
      'signed-in',
    ],
    [
      'signed-in → ended',
      [
        { type: 'restored', session },
        { type: 'ended', reason: 'expired', message: 'gone' },
      ],
      'ended',
    ],
    [
      'ended → signing-in again',
      [{ type: 'restored', session }, { type: 'ended', reason: 'revoked', message: 'x' }, { type: 'signInStarted' }],
      'signing-in',
    ],
    [
      'sign-in result without a request is ignored',
      [
        { type: 'statusKnown', setupNeeded: false, setupToken: null },
        { type: 'signedIn', session },
      ],
      'signed-out',
    ],
    [
      'a late status does not sign out',
      [
        { type: 'restored', session },
        { type: 'statusKnown', setupNeeded: true, setupToken: null },
      ],
      'signed-in',
    ],
  ])('%s', (_name, events, status) => {
    expect(run(events).status).toBe(status);
  });

  it('keeps the first end reason (both namespaces announce it; a refused reconnect may follow)', () => {
    const s = run([
      { type: 'restored', session },
      { type: 'ended', reason: 'signed-out-everywhere', message: 'You signed out on every workstation.' },
      { type: 'ended', reason: 'refused', message: 'Your session has ended.' },
    ]);
    expect(s).toEqual({
      status: 'ended',
      reason: 'signed-out-everywhere',
      message: 'You signed out on every workstation.',
    });
  });

  it('carries the sign-in error to the form', () => {
    const error = { code: 'RATE_LIMITED' as const, message: 'Too many failed sign-ins. Try again in 15 minutes.' };
    const s = run([
      { type: 'statusKnown', setupNeeded: false, setupToken: null },
      { type: 'signInStarted' },
      { type: 'signInFailed', error },
    ]);
    expect(s).toEqual({ status: 'signed-out', error });
  });

  it('refreshes the user of a live session', () => {
    const s = run([
      { type: 'restored', session },
      { type: 'userRefreshed', user: { ...session.user, role: 'supervisor' } },
    ]);
    expect(s.status === 'signed-in' && s.session.user.role).toBe('supervisor');
  });
});
