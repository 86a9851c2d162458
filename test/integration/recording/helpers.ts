import type { Ingest } from '@cctv/ingest';
import type { PlaybackState, StreamConfigured, StreamFrame } from '@cctv/protocol';
import { bytes } from '../ingest/harness';
import type { MediaSocket } from '../../helpers/client';
import { decodeLuma, stripTime } from '../../helpers/decode';
import { waitFor } from '../../helpers/waitFor';

/** Everything a console receives for one playback. */
export interface PlaybackFeed {
  configs: StreamConfigured[];
  frames: StreamFrame[];
  states: PlaybackState[];
  stop(): void;
}

/** Collects a playback's messages (acknowledging every frame, as the console does). */
export function collect(media: MediaSocket, playbackId: () => string | undefined): PlaybackFeed {
  const feed: PlaybackFeed = { configs: [], frames: [], states: [], stop: () => undefined };
  const onConfig = (c: StreamConfigured) => c.streamId === playbackId() && feed.configs.push(c);
  const onFrame = (f: StreamFrame) => {
    if (f.streamId !== playbackId()) return;
    feed.frames.push(f);
    media.emit('stream:acknowledge', { streamId: f.streamId, seq: f.seq });
  };
  const onState = (s: PlaybackState) => s.playbackId === playbackId() && feed.states.push(s);
  media.on('stream:configured', onConfig);
  media.on('stream:frameArrived', onFrame);
  media.on('playback:stateChanged', onState);
  feed.stop = () => {
    media.off('stream:configured', onConfig);
    media.off('stream:frameArrived', onFrame);
    media.off('playback:stateChanged', onState);
  };
  return feed;
}

/**
 * Decodes a playback's frames (from its last configuration) with ffmpeg and reads the capture time
 * the simulator drew into each shown (not decode-only) frame.
 */
export async function shownStrips(feed: PlaybackFeed, fromFrame = 0): Promise<{ pts: number; strip: number | null }[]> {
  const config = feed.configs[feed.configs.length - 1]!;
  const frames = feed.frames.slice(fromFrame);
  const firstKey = frames.findIndex((f) => f.key);
  const run = frames.slice(firstKey);
  const { width, height, planes } = await decodeLuma(
    bytes(config.description),
    run.map((f) => bytes(f.data)),
  );
  return run
    .map((f, i) => ({ f, plane: planes[i] }))
    .filter(({ f }) => !f.decodeOnly)
    .map(({ f, plane }) => ({ pts: f.pts, strip: plane ? stripTime(plane, width, height) : null }));
}

/** Waits until every camera's recorder has written at least `ms` of footage. */
export async function recordedFor(ingest: Ingest, cameraIds: string[], ms: number, timeoutMs = 120_000) {
  await waitFor(
    `${ms} ms of footage from ${cameraIds.join(', ')}`,
    () =>
      cameraIds.every((id) => {
        const s = ingest.recording!.status().find((x) => x.cameraId === id);
        return s && s.oldest !== null && s.newest !== null && s.newest - s.oldest >= ms;
      }),
    timeoutMs,
    250,
  );
}
