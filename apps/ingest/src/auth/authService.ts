import { randomBytes } from 'node:crypto';
import {
  ROLE_PERMISSIONS,
  type CreateUserRequest,
  type Role,
  type SessionEndReason,
  type SessionUser,
  type SignInResponse,
  type UpdateUserRequest,
} from '@cctv/protocol';
import type { Actor, AuditLog } from '../audit/auditLog';
import type { Logger } from '../log';
import type { Db } from '../store/db';
import { DEFAULT_PARAMS, hashPassword, verifyPassword, type HashParams } from './passwords';
import { SessionRepository, type Session } from './sessions';
import { summary, UserRepository, type User } from './users';

export interface AuthPolicy {
  maxFailures: number;
  lockMs: number;
  sessionTtlMs: number;
  hashParams: HashParams;
}

/** Five tries, then fifteen minutes; a session lasts a twelve-hour shift. */
export const defaultPolicy: AuthPolicy = {
  maxFailures: 5,
  lockMs: 15 * 60_000,
  sessionTtlMs: 12 * 3600_000,
  hashParams: DEFAULT_PARAMS,
};

export type SignInFailure =
  { code: 'UNAUTHENTICATED'; message: string } | { code: 'RATE_LIMITED'; message: string; lockedUntil: number };

const WRONG = 'The user name or password is wrong.';

export function sessionUser(u: User): SessionUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    districts: u.districts,
    permissions: [...ROLE_PERMISSIONS[u.role]],
  };
}

export function actorOf(u: Pick<User, 'id' | 'username'>, workstation: string | null): Actor {
  return { userId: u.id, username: u.username, workstation };
}

export class UserError extends Error {
  constructor(
    readonly code: 'CONFLICT' | 'NOT_FOUND' | 'INVALID_PAYLOAD' | 'FORBIDDEN',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * Sign-in, sessions and accounts. Unknown user names cost the same scrypt as known ones and lock the
 * same way, so neither timing nor lock-out says whether an account exists.
 */
export class AuthService {
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  private setupToken: string | null = null;
  private dummyHash: Promise<string>;
  /** Failures against names that do not exist, so they lock like real ones. */
  private readonly ghostFailures = new Map<string, { n: number; lockedUntil: number | null }>();
  /** Called when sessions end, so live connections can be closed. */
  onSessionsEnded: (ids: number[], reason: SessionEndReason) => void = () => undefined;

  constructor(
    db: Db,
    private readonly audit: AuditLog,
    private readonly log: Logger,
    private readonly policy: AuthPolicy = defaultPolicy,
  ) {
    this.users = new UserRepository(db);
    this.sessions = new SessionRepository(db);
    this.dummyHash = hashPassword(randomBytes(16).toString('hex'), policy.hashParams);
  }

  /** With no administrator yet, a one-time token for creating the first one; otherwise null. */
  ensureSetupToken(): string | null {
    if (this.users.countAdministrators() > 0) return null;
    this.setupToken ??= randomBytes(24).toString('base64url');
    return this.setupToken;
  }

  get setupNeeded(): boolean {
    return this.users.countAdministrators() === 0;
  }

  async setup(token: string, req: { username: string; displayName: string; password: string }): Promise<User> {
    if (!this.setupToken || this.users.countAdministrators() > 0 || token !== this.setupToken) {
      throw new UserError('FORBIDDEN', 'This set-up link is not valid (already used, or from another start).');
    }
    this.setupToken = null;
    const user = this.users.create({
      ...req,
      role: 'administrator',
      districts: [],
      passwordHash: await hashPassword(req.password, this.policy.hashParams),
    });
    this.audit.append(actorOf(user, null), 'auth.setup', {
      target: `user:${user.id}`,
      details: { username: user.username },
    });
    return user;
  }

  async signIn(
    username: string,
    password: string,
    workstation: string | null,
  ): Promise<SignInResponse | SignInFailure> {
    const name = username.trim().toLowerCase();
    const user = this.users.byUsername(name);
    const now = Date.now();
    const lockedUntil = user ? user.lockedUntil : (this.ghostFailures.get(name)?.lockedUntil ?? null);
    // Always pay for one hash, locked or not, known or not.
    const matches = await verifyPassword(password, user ? user.passwordHash : await this.dummyHash);
    const who: Actor = { userId: user?.id ?? null, username: name.slice(0, 64), workstation };
    if (lockedUntil !== null && lockedUntil > now) {
      this.audit.append(who, 'auth.signInFailed', { details: { reason: 'locked' } });
      return { code: 'RATE_LIMITED', message: lockedMessage(lockedUntil), lockedUntil };
    }
    if (!user || !matches || user.disabled) {
      const state = user
        ? this.users.recordFailure(user.id, this.policy.maxFailures, this.policy.lockMs)
        : this.ghostFailure(name);
      this.audit.append(who, 'auth.signInFailed', {
        details: { reason: user?.disabled && matches ? 'disabled' : 'wrong credentials' },
      });
      if (state.lockedUntil !== null && state.lockedUntil > now) {
        this.audit.append(who, 'auth.lockedOut', { details: { until: state.lockedUntil } });
        this.log.warn({ username: who.username, workstation }, 'account locked after repeated failures');
        return { code: 'RATE_LIMITED', message: lockedMessage(state.lockedUntil), lockedUntil: state.lockedUntil };
      }
      return { code: 'UNAUTHENTICATED', message: WRONG };
    }
    this.users.recordSignIn(user.id);
    const { token, session } = this.sessions.create(user.id, workstation, this.policy.sessionTtlMs);
    this.audit.append(actorOf(user, workstation), 'auth.signIn', { target: `session:${session.id}` });
    return { token, expiresAt: session.expiresAt, user: sessionUser(user) };
  }

  /** The session and its user for a token, if both are still good. */
  resolve(token: string): { session: Session; user: User } | undefined {
    const session = this.sessions.resolve(token);
    if (!session) return undefined;
    const user = this.users.byId(session.userId);
    if (!user || user.disabled) return undefined;
    return { session, user };
  }

  signOut(session: Session, user: User, everywhere: boolean): void {
    if (everywhere) {
      const ids = this.sessions.revokeAllForUser(user.id, 'signed-out-everywhere');
      this.audit.append(actorOf(user, session.workstation), 'auth.signOutEverywhere', {
        details: { sessions: ids.length },
      });
      this.onSessionsEnded(ids, 'signed-out-everywhere');
    } else {
      this.sessions.revoke(session.id, 'signed-out');
      this.audit.append(actorOf(user, session.workstation), 'auth.signOut', { target: `session:${session.id}` });
      this.onSessionsEnded([session.id], 'signed-out');
    }
  }

  async createUser(by: Actor, req: CreateUserRequest & { districts: string[] }): Promise<User> {
    if (this.users.byUsername(req.username))
      throw new UserError('CONFLICT', `The user name "${req.username}" is taken.`, 'username');
    const user = this.users.create({ ...req, passwordHash: await hashPassword(req.password, this.policy.hashParams) });
    this.audit.append(by, 'user.created', {
      target: `user:${user.id}`,
      details: { username: user.username, role: user.role, districts: user.districts },
    });
    return user;
  }

  async updateUser(by: Actor, req: UpdateUserRequest): Promise<User> {
    const before = this.users.byId(req.id);
    if (!before) throw new UserError('NOT_FOUND', `No user ${req.id}.`);
    if (
      by.userId === req.id &&
      (req.disabled === true ||
        (req.role !== undefined && req.role !== 'administrator' && before.role === 'administrator'))
    ) {
      throw new UserError('FORBIDDEN', 'You cannot disable yourself or remove your own administrator role.');
    }
    const passwordHash = req.password ? await hashPassword(req.password, this.policy.hashParams) : undefined;
    const after = this.users.update(req.id, {
      displayName: req.displayName,
      role: req.role,
      districts: req.districts,
      disabled: req.disabled,
      passwordHash,
    })!;
    const changed = Object.keys(req).filter((k) => k !== 'id' && k !== 'password');
    this.audit.append(by, 'user.changed', {
      target: `user:${after.id}`,
      details: { username: after.username, changed, passwordChanged: Boolean(passwordHash) },
    });
    if (req.disabled || passwordHash || (req.role && req.role !== before.role)) {
      const reason: SessionEndReason = req.disabled ? 'account-disabled' : 'revoked';
      this.onSessionsEnded(this.sessions.revokeAllForUser(after.id, reason), reason);
    }
    return after;
  }

  listUsers() {
    return this.users.list().map(summary);
  }

  /** Creates a user without an actor session (command line, demo set-up). */
  async createUserFromCli(username: string, displayName: string, role: Role, password: string): Promise<User> {
    return this.createUser(
      { userId: null, username: 'cli', workstation: null },
      { username, displayName, role, districts: [], password },
    );
  }

  private ghostFailure(name: string): { lockedUntil: number | null } {
    if (this.ghostFailures.size > 10_000) this.ghostFailures.clear(); // bounded: a flood of names cannot grow it
    const g = this.ghostFailures.get(name) ?? { n: 0, lockedUntil: null };
    g.n++;
    if (g.n >= this.policy.maxFailures) {
      g.n = 0;
      g.lockedUntil = Date.now() + this.policy.lockMs;
    }
    this.ghostFailures.set(name, g);
    return g;
  }
}

function lockedMessage(until: number): string {
  const mins = Math.max(1, Math.ceil((until - Date.now()) / 60_000));
  return `Too many failed sign-ins. Try again in ${mins} minute${mins === 1 ? '' : 's'}, or ask a supervisor.`;
}
