import { useEffect, useRef, useState, type FormEvent } from 'react';
import { selectAuth } from '../../features/auth/authSlice';
import { useConsoleStore } from '../../store/StoreContext';
import { Field } from '../Field';

/** What a failed sign-in tells the operator: the server's words, headed by what kind of failure it is. */
const ERROR_TITLE: Record<string, string> = {
  UNAUTHENTICATED: 'Sign-in failed.',
  RATE_LIMITED: 'Account locked.',
  INVALID_PAYLOAD: 'Check the form.',
  UNAVAILABLE: 'No connection.',
};

/** Keyboard first: the name field has focus, Enter submits, a failure puts focus back on the password. */
export function SignInScreen({ defaultWorkstation }: { defaultWorkstation: string }) {
  const auth = useConsoleStore(selectAuth);
  const signIn = useConsoleStore((s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [workstation, setWorkstation] = useState(defaultWorkstation);
  const userRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const busy = auth.status === 'signing-in';
  const error = auth.status === 'signed-out' ? auth.error : undefined;

  useEffect(() => {
    if (error) {
      setPassword('');
      (username ? passwordRef : userRef).current?.focus();
    }
    // Only a new error moves focus.
  }, [error]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy || !username.trim() || !password) return;
    void signIn({ username: username.trim(), password, workstation });
  };

  return (
    <main className="gate">
      <form className="gate__card" onSubmit={submit} aria-labelledby="signin-title" noValidate>
        <h1 id="signin-title">Sign in to the CCTV console</h1>
        {auth.status === 'ended' && (
          <p className="notice notice--warn" role="alert" data-testid="session-ended-message" data-reason={auth.reason}>
            {auth.message}
          </p>
        )}
        {auth.status === 'signed-out' && auth.notice && (
          <p className="notice notice--ok" role="status" data-testid="signin-notice">
            {auth.notice}
          </p>
        )}
        {error && (
          <p className="notice notice--error" role="alert" data-testid="signin-error" data-code={error.code}>
            <strong>{ERROR_TITLE[error.code] ?? 'Sign-in failed.'}</strong> {error.message}
          </p>
        )}
        <Field
          ref={userRef}
          label="User name"
          value={username}
          onChange={setUsername}
          testId="signin-username"
          autoFocus
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <Field
          ref={passwordRef}
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          testId="signin-password"
          autoComplete="current-password"
          required
        />
        <Field
          label="Workstation"
          value={workstation}
          onChange={setWorkstation}
          testId="signin-workstation"
          hint="The name of this desk, written to the audit trail. Remembered on this computer."
          maxLength={64}
        />
        <button type="submit" className="btn btn--primary" data-testid="signin-submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="gate__small">Your own account only: every action is recorded against your name.</p>
      </form>
    </main>
  );
}
