import { setupSchema, type Permission, type SessionUser } from '@cctv/protocol';
import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';
import type { ConsolePorts } from '../ports';
import { authTransition, initialAuth, MESSAGES, type AuthEvent, type AuthState, type EndReason } from './authMachine';
import { fieldErrorsFrom, fieldErrorsOf, hasErrors, type FieldErrors } from './formErrors';

export interface SetupForm {
  token: string;
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}
export type SetupField = 'token' | 'username' | 'displayName' | 'password' | 'confirm';
export const SETUP_FIELDS: readonly SetupField[] = ['token', 'username', 'displayName', 'password', 'confirm'];

export interface SignInForm {
  username: string;
  password: string;
  workstation: string;
}

export interface AuthSlice {
  auth: AuthState;
  /** Feeds the state machine; keeps the stored token in step (saved when signed in, dropped otherwise). */
  authEvent(e: AuthEvent): void;
  /** At start: a stored session, else ask the ingest whether it needs its first administrator. */
  checkAuth(setupToken: string | null): Promise<void>;
  submitSetup(form: SetupForm): Promise<FieldErrors<SetupField>>;
  signIn(form: SignInForm): Promise<void>;
  signOut(everywhere: boolean): Promise<void>;
  /** The server ended the session (or refused its token): called by the transport binding. */
  sessionEnded(reason: EndReason, message?: string): void;
  userRefreshed(user: SessionUser): void;
}

export function createAuthSlice(ports: ConsolePorts): StateCreator<ConsoleState, [], [], AuthSlice> {
  return (set, get) => {
    const dispatch = (e: AuthEvent) => {
      const before = get().auth;
      const after = authTransition(before, e);
      if (after === before) return;
      if (after.status === 'signed-in') ports.persistence.save(after.session);
      else if (before.status === 'signed-in') ports.persistence.clear();
      set({ auth: after });
    };
    return {
      auth: initialAuth,
      authEvent: dispatch,
      checkAuth: async (setupToken) => {
        const stored = ports.persistence.load();
        if (stored && !setupToken) return dispatch({ type: 'restored', session: stored });
        const r = await ports.http.status();
        dispatch(
          r.ok
            ? { type: 'statusKnown', setupNeeded: r.data.setupNeeded, setupToken }
            : { type: 'statusKnown', setupNeeded: false, setupToken, error: r.error },
        );
      },
      submitSetup: async (form) => {
        const { confirm, ...req } = form;
        const errors = fieldErrorsOf(setupSchema.safeParse(req), SETUP_FIELDS);
        if (form.password !== confirm) errors.confirm ??= 'The two passwords are not the same';
        if (hasErrors(errors)) return errors;
        const r = await ports.http.setup(req);
        if (!r.ok) return fieldErrorsFrom(r.error, SETUP_FIELDS);
        dispatch({ type: 'setupDone', username: r.data.username });
        return {};
      },
      signIn: async ({ username, password, workstation }) => {
        const ws = workstation.trim();
        if (ws) ports.persistence.saveWorkstation(ws);
        dispatch({ type: 'signInStarted' });
        const r = await ports.http.signIn(ws ? { username, password, workstation: ws } : { username, password });
        if (!r.ok) return dispatch({ type: 'signInFailed', error: r.error });
        set({ view: null });
        dispatch({ type: 'signedIn', session: r.data });
      },
      signOut: async (everywhere) => {
        await ports.control.ask('session:signOut', { everywhere });
        // Whether or not the server's `session:ended` came first, this page is signed out now.
        get().sessionEnded(everywhere ? 'signed-out-everywhere' : 'signed-out');
      },
      sessionEnded: (reason, message) => dispatch({ type: 'ended', reason, message: message ?? MESSAGES[reason] }),
      userRefreshed: (user) => dispatch({ type: 'userRefreshed', user }),
    };
  };
}

const NONE: readonly Permission[] = [];
export const selectAuth = (s: ConsoleState): AuthState => s.auth;
export const selectUser = (s: ConsoleState): SessionUser | null =>
  s.auth.status === 'signed-in' ? s.auth.session.user : null;
/** What the signed-in user may do (nothing when signed out). */
export const selectPermissions = (s: ConsoleState): readonly Permission[] =>
  s.auth.status === 'signed-in' ? s.auth.session.user.permissions : NONE;
export const selectToken = (s: ConsoleState): string | null =>
  s.auth.status === 'signed-in' ? s.auth.session.token : null;
