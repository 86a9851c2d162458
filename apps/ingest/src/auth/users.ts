import type { Role, UserSummary } from '@cctv/protocol';
import type { Db } from '../store/db';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  districts: string;
  password_hash: string;
  disabled: number;
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
  password_changed_at: number;
  last_sign_in_at: number | null;
}

export interface User extends UserSummary {
  passwordHash: string;
  failedAttempts: number;
}

function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    districts: JSON.parse(r.districts) as string[],
    disabled: r.disabled === 1,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
    lastSignInAt: r.last_sign_in_at,
    passwordHash: r.password_hash,
    failedAttempts: r.failed_attempts,
  };
}

export function summary(u: User): UserSummary {
  const { passwordHash: _h, failedAttempts: _f, ...rest } = u;
  return rest;
}

/** The only code that reads or writes the users table. */
export class UserRepository {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  /** Enabled administrators: with none, the one-time set-up link is offered. */
  countAdministrators(): number {
    return (
      this.db.prepare("SELECT count(*) AS n FROM users WHERE role = 'administrator' AND disabled = 0").get() as {
        n: number;
      }
    ).n;
  }

  byUsername(username: string): User | undefined {
    const r = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return r && toUser(r);
  }

  byId(id: number): User | undefined {
    const r = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return r && toUser(r);
  }

  list(): User[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser);
  }

  create(u: { username: string; displayName: string; role: Role; districts: string[]; passwordHash: string }): User {
    const now = Date.now();
    const info = this.db
      .prepare(
        'INSERT INTO users (username, display_name, role, districts, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(u.username, u.displayName, u.role, JSON.stringify(u.districts), u.passwordHash, now, now);
    return this.byId(Number(info.lastInsertRowid))!;
  }

  update(
    id: number,
    change: { displayName?: string; role?: Role; districts?: string[]; disabled?: boolean; passwordHash?: string },
  ): User | undefined {
    const sets: string[] = [];
    const args: unknown[] = [];
    if (change.displayName !== undefined) {
      sets.push('display_name = ?');
      args.push(change.displayName);
    }
    if (change.role !== undefined) {
      sets.push('role = ?');
      args.push(change.role);
    }
    if (change.districts !== undefined) {
      sets.push('districts = ?');
      args.push(JSON.stringify(change.districts));
    }
    if (change.disabled !== undefined) {
      sets.push('disabled = ?');
      args.push(change.disabled ? 1 : 0);
    }
    if (change.passwordHash !== undefined) {
      sets.push('password_hash = ?', 'password_changed_at = ?', 'failed_attempts = 0', 'locked_until = NULL');
      args.push(change.passwordHash, Date.now());
    }
    if (sets.length > 0) this.db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`).run(...args, id);
    return this.byId(id);
  }

  /** Counts a failed sign-in; locks the account once `maxFailures` is reached. Returns the new state. */
  recordFailure(
    id: number,
    maxFailures: number,
    lockMs: number,
  ): { failedAttempts: number; lockedUntil: number | null } {
    return this.db.transaction(() => {
      const u = this.byId(id)!;
      const failed = u.failedAttempts + 1;
      const lockedUntil = failed >= maxFailures ? Date.now() + lockMs : u.lockedUntil;
      this.db
        .prepare('UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?')
        .run(failed >= maxFailures ? 0 : failed, lockedUntil, id);
      return { failedAttempts: failed, lockedUntil };
    })();
  }

  recordSignIn(id: number): void {
    this.db
      .prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ? WHERE id = ?')
      .run(Date.now(), id);
  }
}
