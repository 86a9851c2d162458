import { useEffect, useRef, useState } from 'react';
import { selectUser } from '../../features/auth/authSlice';
import { ROLE_LABELS } from '../../features/users/userForm';
import { useConsoleStore } from '../../store/StoreContext';

/** Who is signed in, and the two ways out. */
export function UserMenu() {
  const user = useConsoleStore(selectUser);
  const signOut = useConsoleStore((s) => s.signOut);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  if (!user) return null;
  const out = (everywhere: boolean) => {
    setBusy(true);
    void signOut(everywhere);
  };
  return (
    <div
      className="usermenu"
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button
        type="button"
        className="btn usermenu__button"
        aria-haspopup="true"
        aria-expanded={open}
        data-testid="user-menu"
        data-username={user.username}
        data-role={user.role}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="usermenu__name">{user.displayName}</span>
        <span className="usermenu__role">{ROLE_LABELS[user.role]}</span>
      </button>
      {open && (
        <div className="usermenu__panel" role="group" aria-label="Session">
          <p className="usermenu__who">
            Signed in as <strong>{user.username}</strong>
            {user.districts.length > 0 && <> · {user.districts.join(', ')}</>}
          </p>
          <button
            type="button"
            className="btn"
            data-testid="signout"
            disabled={busy}
            onClick={() => out(false)}
            autoFocus
          >
            Sign out
          </button>
          <button
            type="button"
            className="btn"
            data-testid="signout-everywhere"
            disabled={busy}
            onClick={() => out(true)}
          >
            Sign out everywhere
          </button>
        </div>
      )}
    </div>
  );
}
