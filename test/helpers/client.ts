import {
  MEDIA_NAMESPACE,
  PROTOCOL_VERSION,
  type ControlClientToServer,
  type ControlServerToClient,
  type MediaClientToServer,
  type MediaServerToClient,
} from '@cctv/protocol';
import { io, type Socket } from 'socket.io-client';

export type ControlSocket = Socket<ControlServerToClient, ControlClientToServer>;
export type MediaSocket = Socket<MediaServerToClient, MediaClientToServer>;

/** A typed client for the ingest service, as a console would connect. */
export async function connectClient(
  url: string,
  auth: Record<string, unknown> = { protocolVersion: PROTOCOL_VERSION, workstation: 'test' },
): Promise<{ control: ControlSocket; media: MediaSocket; close(): void }> {
  const control: ControlSocket = io(url, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
  const media: MediaSocket = io(url + MEDIA_NAMESPACE, {
    transports: ['websocket'],
    auth,
    reconnection: false,
    forceNew: true,
  });
  const connected = (s: Socket) =>
    new Promise<void>((resolve, reject) => {
      if (s.connected) return resolve();
      s.once('connect', () => resolve());
      s.once('connect_error', (e) => reject(e));
    });
  try {
    await Promise.all([connected(control), connected(media)]);
  } catch (e) {
    control.close();
    media.close();
    throw e;
  }
  return {
    control,
    media,
    close() {
      control.close();
      media.close();
    },
  };
}

type PayloadOf<E, K extends keyof E> = E[K] extends (payload: infer P, ack: never) => void ? P : never;
type AnswerOf<E, K extends keyof E> = E[K] extends (payload: never, ack: (result: infer R) => void) => void ? R : never;

/**
 * Sends a command and awaits its acknowledgement, typed from the contract. (socket.io-client types
 * `timeout(ms).emitWithAck` as `any`, because the timeout flag adds an error argument to the ack.)
 */
export function ask<E extends object, K extends keyof E & string>(
  socket: Socket<never, E> | Socket<MediaServerToClient, E> | Socket<ControlServerToClient, E>,
  event: K,
  payload: PayloadOf<E, K>,
  timeoutMs = 5000,
): Promise<AnswerOf<E, K>> {
  const timed = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<AnswerOf<E, K>>;
  };
  return timed.emitWithAck(event, payload);
}
