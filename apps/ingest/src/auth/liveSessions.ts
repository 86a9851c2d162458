import type { SessionEndReason } from '@cctv/protocol';
import type { AuditLog } from '../audit/auditLog';
import type { IngestServer, MediaNamespace } from '../socket/socketServer';

const MESSAGES: Record<SessionEndReason, string> = {
  'signed-out': 'You signed out.',
  'signed-out-everywhere': 'You signed out on every workstation.',
  expired: 'Your session has expired. Sign in again.',
  revoked: 'An administrator changed your account. Sign in again.',
  'account-disabled': 'Your account has been disabled. Speak to a supervisor.',
};

/**
 * Closes live connections whose session ended: signed out, revoked, disabled, or past its expiry.
 * The console is told why (`session:ended`) before the server disconnects it.
 */
export class LiveSessions {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly io: IngestServer,
    private readonly media: MediaNamespace,
    private readonly audit: AuditLog,
    sweepMs = 5000,
  ) {
    this.timer = setInterval(() => this.sweep(), sweepMs);
    this.timer.unref();
  }

  end(sessionIds: number[], reason: SessionEndReason): void {
    const ids = new Set(sessionIds);
    for (const nsp of [this.io.of('/'), this.media] as const) {
      for (const socket of nsp.sockets.values()) {
        if (!ids.has(socket.data.sessionId)) continue;
        socket.emit('session:ended', { reason, message: MESSAGES[reason] });
        socket.disconnect(true);
      }
    }
  }

  sweep(now = Date.now()): void {
    const expired = new Set<number>();
    for (const nsp of [this.io.of('/'), this.media] as const) {
      for (const socket of nsp.sockets.values()) {
        if (socket.data.expiresAt <= now && !expired.has(socket.data.sessionId)) {
          expired.add(socket.data.sessionId);
          this.audit.append(socket.data.actor, 'auth.sessionExpired', { target: `session:${socket.data.sessionId}` });
        }
      }
    }
    if (expired.size > 0) this.end([...expired], 'expired');
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
