import type { MediaPort, MediaSink } from '../video/mediaPort';
import type { MediaSocket } from './socket';

export const COMMAND_TIMEOUT_MS = 5000;

/** The media namespace as the video engine sees it: commands out, notifications routed to a sink. */
export function createMediaPort(media: MediaSocket): MediaPort {
  return {
    subscribe: (streamId) => media.timeout(COMMAND_TIMEOUT_MS).emitWithAck('stream:subscribe', { streamId }),
    unsubscribe: (streamId) => media.timeout(COMMAND_TIMEOUT_MS).emitWithAck('stream:unsubscribe', { streamId }),
    acknowledge: (streamId, seq) => {
      // Volatile would drop it while disconnected, which is what we want: a stale ack is meaningless.
      media.volatile.emit('stream:acknowledge', { streamId, seq });
    },
    get connected() {
      return media.connected;
    },
  };
}

export function routeMedia(media: MediaSocket, sink: MediaSink): () => void {
  const onConnect = () => sink.connected();
  const onConfigured: Parameters<typeof media.on<'stream:configured'>>[1] = (c) => sink.configured(c);
  const onFrame: Parameters<typeof media.on<'stream:frameArrived'>>[1] = (f) => sink.frame(f);
  const onDropped: Parameters<typeof media.on<'stream:framesDropped'>>[1] = (d) => sink.framesDropped(d);
  media.on('connect', onConnect);
  media.on('stream:configured', onConfigured);
  media.on('stream:frameArrived', onFrame);
  media.on('stream:framesDropped', onDropped);
  return () => {
    media.off('connect', onConnect);
    media.off('stream:configured', onConfigured);
    media.off('stream:frameArrived', onFrame);
    media.off('stream:framesDropped', onDropped);
  };
}
