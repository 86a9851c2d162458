import type { CommandError, SessionEndReason, SessionUser, SignInResponse } from '@cctv/protocol';

/** Why the console left a session: the server's reasons, or a handshake refused for the token. */
export type EndReason = SessionEndReason | 'refused';

/**
 * The sign-in state machine:
 * checking → setup | signed-out; signed-out/ended → signing-in → signed-in | signed-out(error);
 * signed-in → ended(reason). A stored session skips straight from checking to signed-in.
 */
export type AuthState =
  | { status: 'checking' }
  /** No administrator yet; `token` from the one-time link (`#setup=`), or null to type it in. */
  | { status: 'setup'; token: string | null }
  | { status: 'signed-out'; notice?: string; error?: CommandError }
  | { status: 'signing-in' }
  | { status: 'signed-in'; session: SignInResponse }
  | { status: 'ended'; reason: EndReason; message: string };

export type AuthEvent =
  | { type: 'statusKnown'; setupNeeded: boolean; setupToken: string | null; error?: CommandError }
  | { type: 'restored'; session: SignInResponse }
  | { type: 'setupDone'; username: string }
  | { type: 'signInStarted' }
  | { type: 'signInFailed'; error: CommandError }
  | { type: 'signedIn'; session: SignInResponse }
  | { type: 'userRefreshed'; user: SessionUser }
  | { type: 'ended'; reason: EndReason; message: string };

export const initialAuth: AuthState = { status: 'checking' };

/** The next state; an event that does not apply in the current state leaves it unchanged. */
export function authTransition(s: AuthState, e: AuthEvent): AuthState {
  switch (e.type) {
    case 'statusKnown':
      if (s.status !== 'checking') return s;
      if (e.setupNeeded || e.setupToken) return { status: 'setup', token: e.setupToken };
      return e.error ? { status: 'signed-out', error: e.error } : { status: 'signed-out' };
    case 'restored':
      return s.status === 'checking' ? { status: 'signed-in', session: e.session } : s;
    case 'setupDone':
      return s.status === 'setup'
        ? { status: 'signed-out', notice: `Administrator ${e.username} created. Sign in with the new password.` }
        : s;
    case 'signInStarted':
      return s.status === 'signed-out' || s.status === 'ended' ? { status: 'signing-in' } : s;
    case 'signInFailed':
      return s.status === 'signing-in' ? { status: 'signed-out', error: e.error } : s;
    case 'signedIn':
      return s.status === 'signing-in' ? { status: 'signed-in', session: e.session } : s;
    case 'userRefreshed':
      return s.status === 'signed-in' ? { status: 'signed-in', session: { ...s.session, user: e.user } } : s;
    case 'ended':
      // Both namespaces announce the end, and a refused reconnect may follow: only the first counts.
      return s.status === 'signed-in' ? { status: 'ended', reason: e.reason, message: e.message } : s;
  }
}

export const MESSAGES: Record<EndReason, string> = {
  'signed-out': 'You signed out.',
  'signed-out-everywhere': 'You signed out on every workstation.',
  expired: 'Your session has expired. Sign in again.',
  revoked: 'An administrator changed your account. Sign in again.',
  'account-disabled': 'Your account has been disabled. Speak to a supervisor.',
  refused: 'Your session has ended. Sign in again.',
};
