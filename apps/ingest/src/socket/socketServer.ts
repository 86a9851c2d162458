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
import type { Logger } from '../log';

export interface SocketData {
  workstation: string;
}

export type IngestServer = Server<ControlClientToServer, ControlServerToClient, InterServerEvents, SocketData>;
export type MediaNamespace = Namespace<MediaClientToServer, MediaServerToClient, InterServerEvents, SocketData>;

function refusal(code: HandshakeRefusal['code'], message: string): Error & { data: HandshakeRefusal } {
  // socket.io-client shows `message` in connect_error; the console reads `data.code`.
  return Object.assign(new Error(`${code}: ${message}`), { data: { code, message } });
}

/** Checks the handshake every namespace gets: a protocol version this server speaks. */
export function checkHandshake(auth: unknown): { ok: true; workstation: string } | { ok: false; error: Error } {
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
  return { ok: true, workstation: parsed.data.workstation ?? 'unnamed' };
}

export function createSocketServer(http: HttpServer, log: Logger): { io: IngestServer; media: MediaNamespace } {
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
    const r = checkHandshake(socket.handshake.auth);
    if (!r.ok) {
      log.warn({ address: socket.handshake.address, reason: r.error.message }, 'handshake refused');
      next(r.error);
      return;
    }
    socket.data.workstation = r.workstation;
    next();
  };
  io.use(guard);
  media.use(guard);
  return { io, media };
}
