import type { SignInResponse } from '@cctv/protocol';
import type { SessionPersistence } from '../ports';

export const SESSION_KEY = 'cctv.console.session.v1';
export const WORKSTATION_KEY = 'cctv.console.workstation';

type KV = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function isSession(v: unknown): v is SignInResponse {
  const s = v as Partial<SignInResponse> | null;
  return (
    typeof s?.token === 'string' &&
    typeof s.expiresAt === 'number' &&
    typeof s.user?.username === 'string' &&
    Array.isArray(s.user.permissions)
  );
}

/**
 * The token lives in sessionStorage: it survives a reload but not closing the browser, so a shared
 * workstation is not left signed in. The workstation's name is a property of the machine, so it stays
 * in localStorage. Either store may be missing (blocked storage): then nothing is remembered.
 */
export function browserPersistence(
  session: KV | undefined,
  local: KV | undefined,
  now = () => Date.now(),
): SessionPersistence {
  const attempt = <T>(f: () => T, fallback: T): T => {
    try {
      return f();
    } catch {
      return fallback;
    }
  };
  return {
    load: () =>
      attempt(() => {
        const v: unknown = JSON.parse(session?.getItem(SESSION_KEY) ?? 'null');
        return isSession(v) && v.expiresAt > now() ? v : null;
      }, null),
    save: (s) => attempt(() => session?.setItem(SESSION_KEY, JSON.stringify(s)), undefined),
    clear: () => attempt(() => session?.removeItem(SESSION_KEY), undefined),
    workstation: () => attempt(() => local?.getItem(WORKSTATION_KEY) ?? '', ''),
    saveWorkstation: (name) => attempt(() => local?.setItem(WORKSTATION_KEY, name), undefined),
  };
}
