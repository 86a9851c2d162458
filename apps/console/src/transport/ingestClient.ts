import { PROTOCOL_VERSION, type Handshake } from '@cctv/protocol';
import { selectPermissions, selectToken } from '../features/auth/authSlice';
import type { ControlPort } from '../features/ports';
import type { ConsoleStore } from '../store/createStore';
import type { MediaPort, MediaSink } from '../video/mediaPort';
import { bindIngest } from './binding';
import { createControlPort } from './controlPort';
import { createMediaPort, routeMedia } from './mediaTransport';
import { connectIngest } from './socket';

export interface IngestClient {
  control: ControlPort;
  media: MediaPort;
  /** Binds the connection to the store: it is open exactly while someone is signed in. */
  bind(store: ConsoleStore): void;
  /** Routes media notifications to the video engine (set once it exists). */
  routeMediaTo(sink: MediaSink): void;
  close(): void;
}

/**
 * The one connection to the ingest. It is created closed; `bind` opens it when the store says
 * signed-in (with that session's token) and closes it, without reconnecting, when the session ends.
 */
export function createIngestClient(ingestUrl: string, workstation: () => string): IngestClient {
  let bound: ConsoleStore | undefined;
  // Read on every connect attempt, so the handshake always carries the current session's token.
  const sockets = connectIngest(ingestUrl, () =>
    handshakeFor(bound ? selectToken(bound.getState()) : null, workstation()),
  );
  const control = createControlPort(sockets.control);
  let unbind = () => {};
  let unroute = () => {};
  return {
    control,
    media: createMediaPort(sockets.media),
    bind(store) {
      bound = store;
      const unbindEvents = bindIngest(
        sockets.control,
        sockets.media,
        {
          listCameras: () => control.ask('camera:list', {}),
          whoami: () => control.ask('session:whoami', {}),
          canViewLive: () => selectPermissions(store.getState()).includes('live:view'),
          catchUp: (sinceRev) => control.ask('records:catchUp', { sinceRev }),
          canViewRecords: () => selectPermissions(store.getState()).includes('records:viewShared'),
          registry: () => control.ask('camera:registry', {}),
          alarms: () => control.ask('alarm:list', { limit: 200 }),
        },
        store.getState(),
      );
      let token: string | null = null;
      const follow = () => {
        const s = store.getState();
        const next = s.auth.status === 'signed-in' ? s.auth.session.token : null;
        if (next === token) return;
        token = next;
        if (next) {
          s.connectionChanged('connecting');
          sockets.open();
        } else {
          s.camerasReset();
          s.recordsReset();
          sockets.close();
        }
      };
      follow();
      const unsubscribe = store.subscribe(follow);
      unbind = () => {
        unsubscribe();
        unbindEvents();
      };
    },
    routeMediaTo: (sink) => {
      unroute();
      unroute = routeMedia(sockets.media, sink);
      if (sockets.media.connected) sink.connected();
    },
    close: () => {
      unroute();
      unbind();
      sockets.close();
    },
  };
}

/** The handshake for the current session (read on every connect attempt). */
export function handshakeFor(token: string | null, workstation: string): Handshake {
  const h: Handshake = { protocolVersion: PROTOCOL_VERSION };
  if (workstation) h.workstation = workstation.slice(0, 64);
  if (token) h.token = token;
  return h;
}
