import { selectUser } from '../../features/auth/authSlice';
import { ROLE_LABELS } from '../../features/users/userForm';
import { useConsoleStore } from '../../store/StoreContext';

/** A role with no screen in this console yet (partner officer). */
export function NoViews() {
  const user = useConsoleStore(selectUser);
  return (
    <main className="page" data-testid="no-views">
      <h2>Nothing to show here yet</h2>
      <p>
        You are signed in as {user?.displayName} ({user ? ROLE_LABELS[user.role] : ''}). This console has no screen for
        your role yet; what you may see will appear here as it is added.
      </p>
    </main>
  );
}
