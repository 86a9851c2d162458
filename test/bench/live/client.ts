// A typed Socket.IO client for ingest, as test/helpers/client.ts makes one. The protocol's values are
// taken from its zod-free version module: the bench bundle keeps npm packages external, and zod is not
// a dependency of the workspace root, so importing the protocol's index at run time would fail.
import type { MediaClientToServer, MediaServerToClient, StreamStatus } from '@cctv/protocol';
import { io, type Socket } from 'socket.io-client';
import { MEDIA_NAMESPACE, PROTOCOL_VERSION } from '../../../packages/protocol/src/version';

export type MediaSocket = Socket<MediaServerToClient, MediaClientToServer>;

/** Connects to ingest's media namespace with the console's handshake. */
export async function connectMedia(url: string, token: string | null, workstation = 'bench'): Promise<MediaSocket> {
  const auth = { protocolVersion: PROTOCOL_VERSION, workstation, ...(token ? { token } : {}) };
  const media: MediaSocket = io(url + MEDIA_NAMESPACE, {
    transports: ['websocket'],
    auth,
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('media namespace: no connection after 10 s')), 10_000);
    media.once('connect', () => {
      clearTimeout(t);
      resolve();
    });
    media.once('connect_error', (e) => {
      clearTimeout(t);
      reject(e);
    });
  });
  return media;
}

/** `stream:subscribe` with a timeout; throws when the server refuses. */
export async function subscribe(media: MediaSocket, streamId: string, timeoutMs = 10_000): Promise<StreamStatus> {
  const timed = media.timeout(timeoutMs) as unknown as {
    emitWithAck(
      event: 'stream:subscribe',
      payload: { streamId: string },
    ): Promise<{ ok: true; data: StreamStatus } | { ok: false; error: { code: string; message: string } }>;
  };
  const r = await timed.emitWithAck('stream:subscribe', { streamId });
  if (!r.ok) throw new Error(`subscribe ${streamId}: ${r.error.code} ${r.error.message}`);
  return r.data;
}
