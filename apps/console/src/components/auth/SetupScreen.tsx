import { useState, type FormEvent } from 'react';
import { selectAuth, type SetupField, type SetupForm } from '../../features/auth/authSlice';
import type { FieldErrors } from '../../features/auth/formErrors';
import { useConsoleStore } from '../../store/StoreContext';
import { Field } from '../Field';

/** First start: create the first administrator with the one-time link the ingest printed. */
export function SetupScreen() {
  const auth = useConsoleStore(selectAuth);
  const submitSetup = useConsoleStore((s) => s.submitSetup);
  const linkToken = auth.status === 'setup' ? auth.token : null;
  const [form, setForm] = useState<SetupForm>({
    token: linkToken ?? '',
    username: '',
    displayName: '',
    password: '',
    confirm: '',
  });
  const [errors, setErrors] = useState<FieldErrors<SetupField>>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof SetupForm) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await submitSetup({ ...form, token: form.token.trim() });
    setBusy(false);
    setErrors(result);
  };

  return (
    <main className="gate">
      <form className="gate__card" onSubmit={(e) => void submit(e)} aria-labelledby="setup-title" noValidate>
        <h1 id="setup-title">Create the first administrator</h1>
        <p>
          This control room has no users yet. The administrator you create here adds everyone else. There is no default
          password: choose a passphrase of at least 12 characters.
        </p>
        {errors.form && (
          <p className="notice notice--error" role="alert" data-testid="setup-error">
            {errors.form}
          </p>
        )}
        {linkToken === null && (
          <Field
            label="Set-up code"
            value={form.token}
            onChange={set('token')}
            error={errors.token}
            testId="setup-token"
            hint="The code after #setup= in the link the ingest service printed when it first started."
            autoComplete="off"
          />
        )}
        <Field
          label="User name"
          value={form.username}
          onChange={set('username')}
          error={errors.username}
          testId="setup-username"
          hint="Lower case: letters, digits, dots, dashes."
          autoFocus
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
        />
        <Field
          label="Full name"
          value={form.displayName}
          onChange={set('displayName')}
          error={errors.displayName}
          testId="setup-display-name"
          autoComplete="name"
        />
        <Field
          label="Password"
          type="password"
          value={form.password}
          onChange={set('password')}
          error={errors.password}
          testId="setup-password"
          autoComplete="new-password"
        />
        <Field
          label="Password again"
          type="password"
          value={form.confirm}
          onChange={set('confirm')}
          error={errors.confirm}
          testId="setup-confirm"
          autoComplete="new-password"
        />
        <button type="submit" className="btn btn--primary" data-testid="setup-submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create administrator'}
        </button>
      </form>
    </main>
  );
}
