import { useEffect, useState } from 'react';
import { selectAuth } from '../../features/auth/authSlice';
import { expiryPhase, minutesLeft, nextPhaseIn } from '../../features/auth/expiry';
import { useConsoleStore } from '../../store/StoreContext';

const MINUTE = 60_000;

/**
 * Warns ten minutes before the session ends. The server disconnects at expiry and says so; if that
 * message is lost (no connection), the console ends the session itself at the same moment.
 */
export function ExpiryWarning() {
  const auth = useConsoleStore(selectAuth);
  const sessionEnded = useConsoleStore((s) => s.sessionEnded);
  const expiresAt = auth.status === 'signed-in' ? auth.session.expiresAt : null;
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (expiresAt === null) return;
    const t = Date.now();
    if (expiryPhase(t, expiresAt) === 'expired') {
      sessionEnded('expired');
      return;
    }
    // Wake at the next phase change, and every minute while warning (the countdown text changes).
    const wait = Math.min(
      nextPhaseIn(t, expiresAt) ?? MINUTE,
      expiryPhase(t, expiresAt) === 'warning' ? MINUTE : Infinity,
    );
    const timer = setTimeout(() => setNow(Date.now()), Math.min(wait, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [expiresAt, now, sessionEnded]);

  if (expiresAt === null || expiryPhase(now, expiresAt) !== 'warning') return null;
  return (
    <div className="banner banner--warn" role="status" data-testid="expiry-warning">
      Your session ends {minutesLeft(now, expiresAt)} (at {new Date(expiresAt).toLocaleTimeString()}). Finish what you
      are doing, then sign in again.
    </div>
  );
}
