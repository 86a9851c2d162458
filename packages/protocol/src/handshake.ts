import { z } from 'zod';

/** What a console sends in the Socket.IO handshake (`auth`). */
export const handshakeSchema = z.object({
  protocolVersion: z.number().int(),
  /** A name for the workstation, written to the audit trail. */
  workstation: z.string().min(1).max(64).optional(),
  /** The session token from sign-in. */
  token: z.string().min(16).max(256).optional(),
});
/** The Socket.IO handshake payload. */
export type Handshake = z.infer<typeof handshakeSchema>;

/** Data carried in a `connect_error` when the handshake is refused. */
export interface HandshakeRefusal {
  code: 'PROTOCOL_MISMATCH' | 'INVALID_HANDSHAKE' | 'UNAUTHENTICATED';
  message: string;
}
