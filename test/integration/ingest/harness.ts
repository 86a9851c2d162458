import { createLogger, parseConfig, startIngest, type Ingest, type IngestOptions } from '@cctv/ingest';
import type { StreamConfigured, StreamFrame, StreamFramesDropped, StreamStatus } from '@cctv/protocol';
import { ask, connectClient, type MediaSocket } from '../../helpers/client';
import { ingestConfigFor, type FleetCamera } from '../../helpers/fleet';
import { waitFor } from '../../helpers/waitFor';

export const quietLog = () => createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** Starts the real ingest in this process on port 0 for a list of cameras. */
export async function startTestIngest(
  cameras: FleetCamera[] | object,
  over: Partial<IngestOptions> = {},
): Promise<Ingest> {
  const config = Array.isArray(cameras) ? ingestConfigFor(cameras) : cameras;
  return startIngest({
    config: parseConfig(JSON.stringify(config)),
    log: quietLog(),
    port: 0,
    supervisor: { lingerMs: 500, source: { backoff: { initialMs: 200, maxMs: 1000, factor: 2, jitter: 0 } } },
    ...over,
  });
}

/** What one subscriber has received, in order. */
export interface Received {
  configs: StreamConfigured[];
  frames: StreamFrame[];
  drops: StreamFramesDropped[];
  states: StreamStatus[];
}

/** Records everything a media socket receives for one stream; optionally acknowledges every frame. */
export function record(media: MediaSocket, streamId: string, opts: { ack: boolean }): Received {
  const r: Received = { configs: [], frames: [], drops: [], states: [] };
  media.on('stream:configured', (c) => c.streamId === streamId && r.configs.push(c));
  media.on('stream:framesDropped', (d) => d.streamId === streamId && r.drops.push(d));
  media.on('stream:stateChanged', (s) => s.streamId === streamId && r.states.push(s));
  media.on('stream:frameArrived', (f) => {
    if (f.streamId !== streamId) return;
    r.frames.push(f);
    if (opts.ack) media.emit('stream:acknowledge', { streamId, seq: f.seq });
  });
  return r;
}

export const bytes = (d: Uint8Array | ArrayBuffer): Uint8Array => (d instanceof Uint8Array ? d : new Uint8Array(d));

/** Connects a client and waits until `streamId` is live in the camera list. */
export async function clientWhenLive(ingest: Ingest, streamId: string) {
  const client = await connectClient(ingest.url);
  await waitFor(
    `${streamId} live`,
    async () => {
      const res = await ask(client.control, 'camera:list', {});
      return res.ok && res.data.some((c) => c.streams.some((s) => s.streamId === streamId && s.state === 'live'));
    },
    30_000,
    200,
  );
  return client;
}
