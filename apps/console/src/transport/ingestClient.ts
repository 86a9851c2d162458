import type { ConsoleStore } from '../store/createStore';
import type { MediaSink } from '../video/mediaPort';
import type { MediaPort } from '../video/mediaPort';
import { bindIngest } from './binding';
import { COMMAND_TIMEOUT_MS, createMediaPort, routeMedia } from './mediaTransport';
import { connectIngest } from './socket';

export interface IngestClient {
  media: MediaPort;
  /** Routes media notifications to the video engine (set once it exists). */
  routeMediaTo(sink: MediaSink): void;
  close(): void;
}

/** Opens the one connection to the ingest and binds it to the store. */
export function startIngestClient(ingestUrl: string, store: ConsoleStore, workstation?: string): IngestClient {
  const sockets = connectIngest(ingestUrl, workstation);
  const unbind = bindIngest(
    sockets.control,
    sockets.media,
    () => sockets.control.timeout(COMMAND_TIMEOUT_MS).emitWithAck('camera:list', {}),
    store.getState(),
  );
  let unroute = () => {};
  return {
    media: createMediaPort(sockets.media),
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
