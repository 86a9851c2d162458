import type { SessionUser } from '@cctv/protocol';
import type { Actor } from '../audit/auditLog';

/** What the server knows about a connected console, set once by the handshake guard. */
export interface SocketData {
  workstation: string;
  user: SessionUser;
  sessionId: number;
  expiresAt: number;
  actor: Actor;
}
