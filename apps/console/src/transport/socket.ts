import {
  MEDIA_NAMESPACE,
  type ControlClientToServer,
  type ControlServerToClient,
  type Handshake,
  type MediaClientToServer,
  type MediaServerToClient,
} from '@cctv/protocol';
import { io, type Socket } from 'socket.io-client';

export type ControlSocket = Socket<ControlServerToClient, ControlClientToServer>;
export type MediaSocket = Socket<MediaServerToClient, MediaClientToServer>;

export interface IngestSockets {
  control: ControlSocket;
  media: MediaSocket;
  /** Opens both namespaces (after sign-in). */
  open(): void;
  /** Closes both and stops reconnecting (signed out, or the session ended). */
  close(): void;
}

/**
 * One Socket.IO connection (one Manager, one WebSocket) carrying both namespaces: `io()` reuses the
 * Manager for the same origin, so the media namespace multiplexes over the control connection.
 * WebSocket only: no long-polling fallback whose HTTP requests would need a looser CSP and add
 * latency to video. Nothing connects until `open()`: there is no session before sign-in. The
 * handshake is read on every (re)connect, so it always carries the current token.
 */
export function connectIngest(ingestUrl: string, handshake: () => Handshake): IngestSockets {
  const base = ingestUrl.replace(/\/+$/, '');
  const auth = (cb: (data: object) => void) => cb(handshake());
  const opts = { transports: ['websocket'], auth, autoConnect: false };
  const control: ControlSocket = io(base, opts);
  const media: MediaSocket = io(base + MEDIA_NAMESPACE, opts);
  return {
    control,
    media,
    open: () => {
      control.connect();
      media.connect();
    },
    close: () => {
      media.disconnect();
      control.disconnect();
    },
  };
}
