import {
  MEDIA_NAMESPACE,
  PROTOCOL_VERSION,
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
  close(): void;
}

/**
 * One Socket.IO connection (one Manager, one WebSocket) carrying both namespaces: `io()` reuses the
 * Manager for the same origin, so the media namespace multiplexes over the control connection.
 * WebSocket only: no long-polling fallback whose HTTP requests would need a looser CSP and add
 * latency to video.
 */
export function connectIngest(ingestUrl: string, workstation?: string): IngestSockets {
  const auth: Handshake = workstation
    ? { protocolVersion: PROTOCOL_VERSION, workstation }
    : { protocolVersion: PROTOCOL_VERSION };
  const base = ingestUrl.replace(/\/+$/, '');
  const control: ControlSocket = io(base, { transports: ['websocket'], auth });
  const media: MediaSocket = io(base + MEDIA_NAMESPACE, { transports: ['websocket'], auth });
  return {
    control,
    media,
    close: () => {
      media.disconnect();
      control.disconnect();
    },
  };
}
