import { useState, type FormEvent } from 'react';
import type { Role, UserSummary } from '@cctv/protocol';
import { roleSchema } from '@cctv/protocol';
import { hasErrors, type FieldErrors } from '../../features/auth/formErrors';
import {
  emptyUserForm,
  formFor,
  hasDistricts,
  ROLE_LABELS,
  updateErrors,
  updateRequest,
  type UserField,
  type UserFormValues,
} from '../../features/users/userForm';
import { useConsoleStore } from '../../store/StoreContext';
import { Field } from '../Field';

/** Create a user, or edit one: display name, role, districts, and a password reset. */
export function UserEditor({ user, onDone }: { user: UserSummary | undefined; onDone(): void }) {
  const create = useConsoleStore((s) => s.createUser);
  const update = useConsoleStore((s) => s.updateUser);
  const [v, setV] = useState<UserFormValues>(user ? formFor(user) : emptyUserForm);
  const [errors, setErrors] = useState<FieldErrors<UserField>>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof UserFormValues) => (value: string) => setV((f) => ({ ...f, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let result: FieldErrors<UserField>;
    setBusy(true);
    if (user) {
      result = updateErrors(user, v);
      if (!hasErrors(result)) result = await update(updateRequest(user, v));
    } else {
      result = await create(v);
    }
    setBusy(false);
    setErrors(result);
    if (!hasErrors(result)) onDone();
  };

  return (
    <form
      className="card"
      onSubmit={(e) => void submit(e)}
      data-testid="user-editor"
      aria-labelledby="user-editor-title"
      noValidate
    >
      <h3 id="user-editor-title">{user ? `Edit ${user.username}` : 'New user'}</h3>
      {errors.form && (
        <p className="notice notice--error" role="alert" data-testid="user-form-error">
          {errors.form}
        </p>
      )}
      <div className="filters">
        {!user && (
          <Field
            label="User name"
            value={v.username}
            onChange={set('username')}
            error={errors.username}
            testId="user-username"
            autoFocus
            autoCapitalize="none"
            spellCheck={false}
          />
        )}
        <Field
          label="Full name"
          value={v.displayName}
          onChange={set('displayName')}
          error={errors.displayName}
          testId="user-display-name"
          autoFocus={Boolean(user)}
        />
        <div className="field">
          <label htmlFor="user-role">Role</label>
          <select
            id="user-role"
            className="select"
            value={v.role}
            data-testid="user-role"
            onChange={(e) => setV((f) => ({ ...f, role: e.target.value as Role }))}
          >
            {roleSchema.options.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        {hasDistricts(v.role) && (
          <Field
            label="Districts"
            value={v.districts}
            onChange={set('districts')}
            error={errors.districts}
            testId="user-districts"
            hint="Comma-separated"
          />
        )}
        <Field
          label={user ? 'New password (leave empty to keep)' : 'Initial password'}
          type="password"
          value={v.password}
          onChange={set('password')}
          error={errors.password}
          testId="user-password"
          autoComplete="new-password"
          hint={
            user ? 'Resetting signs the user out everywhere.' : 'At least 12 characters; give it to the user in person.'
          }
        />
      </div>
      <div className="row">
        <button type="submit" className="btn btn--primary" data-testid="user-save" disabled={busy}>
          {user ? 'Save changes' : 'Create user'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
