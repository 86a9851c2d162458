import type { Server as HttpServer } from 'node:http';
import {
  handshakeSchema,
  MAX_INBOUND_BYTES,
  MEDIA_NAMESPACE,
  PROTOCOL_VERSION,
  type ControlClientToServer,
  type ControlServerToClient,
  type HandshakeRefusal,
  type InterServerEvents,
  type MediaClientToServer,
  type MediaServerToClient,
} from '@cctv/protocol';
import { Server, type Namespace, type Socket } from 'socket.io';
import { actorOf, sessionUser, type AuthService } from '../auth/authService';
import type { Logger } from '../log';
import type { SocketData } from './socketData';

export type IngestServer = Server<ControlClientToServer, ControlServerToClient, InterServerEvents, SocketData>;
export type MediaNamespace = Namespace<MediaClientToServer, MediaServerToClient, InterServerEvents, SocketData>;

function refusal(code: HandshakeRefusal['code'], message: string): Error & { data: HandshakeRefusal } {
  // socket.io-client shows `message` in connect_error; the console reads `data.code`.
  return Object.assign(new Error(`${code}: ${message}`), { data: { code, message } });
}

/** Checks the handshake every namespace gets: a protocol version this server speaks, and a live session. */
export function checkHandshake(
  auth: unknown,
  sessions: Pick<AuthService, 'resolve'>,
): { ok: true; data: SocketData } | { ok: false; error: Error } {
  const parsed = handshakeSchema.safeParse(auth);
  if (!parsed.success)
    return { ok: false, error: refusal('INVALID_HANDSHAKE', 'The console sent no protocol version.') };
  if (parsed.data.protocolVersion !== PROTOCOL_VERSION) {
    return {
      ok: false,
      error: refusal(
        'PROTOCOL_MISMATCH',
        `This ingest speaks protocol ${PROTOCOL_VERSION}; the console speaks ${parsed.data.protocolVersion}. Update the older one.`,
      ),
    };
  }
  const resolved = parsed.data.token ? sessions.resolve(parsed.data.token) : undefined;
  if (!resolved) {
    return {
      ok: false,
      error: refusal(
        'UNAUTHENTICATED',
        parsed.data.token ? 'Your session has ended. Sign in again.' : 'Sign in first.',
      ),
    };
  }
  const workstation = parsed.data.workstation ?? resolved.session.workstation ?? 'unnamed';
  return {
    ok: true,
    data: {
      workstation,
      user: sessionUser(resolved.user),
      sessionId: resolved.session.id,
      expiresAt: resolved.session.expiresAt,
      actor: actorOf(resolved.user, workstation),
    },
  };
}

export function createSocketServer(
  http: HttpServer,
  auth: AuthService,
  log: Logger,
): { io: IngestServer; media: MediaNamespace } {
  const io: IngestServer = new Server(http, {
    maxHttpBufferSize: MAX_INBOUND_BYTES,
    // Video is already compressed: deflating it costs CPU for nothing.
    perMessageDeflate: false,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 10_000,
    cors: { origin: [/^https?:\/\/localhost(:\d+)?$/, /^https?:\/\/127\.0\.0\.1(:\d+)?$/] },
  });
  const media: MediaNamespace = io.of(MEDIA_NAMESPACE);
  const guard = (socket: Socket<never, never, InterServerEvents, SocketData>, next: (err?: Error) => void): void => {
    const r = checkHandshake(socket.handshake.auth, auth);
    if (!r.ok) {
      log.warn({ address: socket.handshake.address, reason: r.error.message }, 'handshake refused');
      next(r.error);
      return;
    }
    socket.data = r.data;
    next();
  };
  io.use(guard);
  media.use(guard);
  return { io, media };
}
