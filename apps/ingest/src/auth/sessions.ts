import { createHash, randomBytes } from 'node:crypto';
import type { SessionEndReason } from '@cctv/protocol';
import type { Db } from '../store/db';

export interface Session {
  id: number;
  userId: number;
  workstation: string | null;
  createdAt: number;
  expiresAt: number;
}

/** Only the token's hash is stored: a copy of the database does not sign anybody in. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export class SessionRepository {
  constructor(private readonly db: Db) {}

  create(userId: number, workstation: string | null, ttlMs: number): { token: string; session: Session } {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const info = this.db
      .prepare('INSERT INTO sessions (token_hash, user_id, workstation, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(tokenHash(token), userId, workstation, now, now + ttlMs);
    return {
      token,
      session: { id: Number(info.lastInsertRowid), userId, workstation, createdAt: now, expiresAt: now + ttlMs },
    };
  }

  /** The live session for a token; undefined when unknown, revoked or expired. */
  resolve(token: string, now = Date.now()): Session | undefined {
    const r = this.db
      .prepare(
        'SELECT id, user_id AS userId, workstation, created_at AS createdAt, expires_at AS expiresAt FROM sessions WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?',
      )
      .get(tokenHash(token), now) as Session | undefined;
    return r;
  }

  revoke(id: number, reason: SessionEndReason): void {
    this.db
      .prepare('UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL')
      .run(Date.now(), reason, id);
  }

  /** Revokes every live session of a user; returns their ids. */
  revokeAllForUser(userId: number, reason: SessionEndReason): number[] {
    return this.db.transaction(() => {
      const ids = (
        this.db
          .prepare('SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?')
          .all(userId, Date.now()) as {
          id: number;
        }[]
      ).map((r) => r.id);
      this.db
        .prepare('UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL')
        .run(Date.now(), reason, userId);
      return ids;
    })();
  }
}
