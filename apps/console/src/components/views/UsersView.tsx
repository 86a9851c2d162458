import { useEffect, useState } from 'react';
import type { UserSummary } from '@cctv/protocol';
import { selectUser } from '../../features/auth/authSlice';
import { ROLE_LABELS } from '../../features/users/userForm';
import { selectUsers } from '../../features/users/usersSlice';
import { useConsoleStore } from '../../store/StoreContext';
import { UserEditor } from './UserEditor';

const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toLocaleString());

function StatusCell({ u, now }: { u: UserSummary; now: number }) {
  if (u.disabled) return <span className="status--not-met">Disabled</span>;
  if (u.lockedUntil !== null && u.lockedUntil > now)
    return <span className="status--partly-met">Locked until {when(u.lockedUntil)}</span>;
  return <span className="status--met">Active</span>;
}

/** Administrators: every named account, create, edit, disable/enable, reset a password. */
export function UsersView() {
  const users = useConsoleStore(selectUsers);
  const me = useConsoleStore(selectUser);
  const load = useConsoleStore((s) => s.loadUsers);
  const update = useConsoleStore((s) => s.updateUser);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const [now] = useState(() => Date.now());

  useEffect(() => {
    void load();
  }, [load]);

  const toggle = async (u: UserSummary) => {
    const e = await update({ id: u.id, disabled: !u.disabled });
    setRowError(e.form ?? null);
  };
  const edited = typeof editing === 'number' ? users.byId[editing] : undefined;

  return (
    <main className="page" data-testid="view-users" aria-labelledby="users-title">
      <div className="row">
        <h2 id="users-title">Users</h2>
        <button type="button" className="btn btn--primary" data-testid="user-new" onClick={() => setEditing('new')}>
          New user
        </button>
      </div>
      {(users.error ?? rowError) && (
        <p className="notice notice--error" role="alert" data-testid="users-error">
          {users.error ?? rowError}
        </p>
      )}
      {editing !== null && <UserEditor key={String(editing)} user={edited} onDone={() => setEditing(null)} />}
      <table className="grid-table" data-testid="users-table" aria-busy={users.loading}>
        <thead>
          <tr>
            <th scope="col">User name</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Districts</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">
              <span className="muted">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.order.map((id) => {
            const u = users.byId[id]!;
            const self = me?.id === u.id;
            return (
              <tr key={id} data-testid={`user-row-${u.username}`} data-disabled={u.disabled}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.districts.join(', ')}</td>
                <td>
                  <StatusCell u={u} now={now} />
                </td>
                <td>{when(u.lastSignInAt)}</td>
                <td className="row">
                  <button
                    type="button"
                    className="btn"
                    data-testid={`user-edit-${u.username}`}
                    onClick={() => setEditing(u.id)}
                  >
                    Edit
                  </button>
                  {!self && (
                    <button
                      type="button"
                      className="btn"
                      data-testid={`user-toggle-${u.username}`}
                      onClick={() => void toggle(u)}
                    >
                      {u.disabled ? 'Enable' : 'Disable'}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </main>
  );
}
