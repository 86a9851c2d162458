import { z } from 'zod';

/** A camera id: lower-case letters, digits and dashes. */
export const cameraIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes (at most 63)');

/** A camera's profiles: the sub-stream for small tiles, the main stream when maximised. */
export const profileSchema = z.enum(['main', 'sub']);
/** A stream profile. */
export type Profile = z.infer<typeof profileSchema>;

/** A stream id is `<cameraId>:<profile>`, for example `cam-01:sub`. */
export const streamIdSchema = z
  .string()
  .max(80)
  .regex(/^[a-z0-9][a-z0-9-]{0,62}:(main|sub)$/, 'must be <cameraId>:main or <cameraId>:sub');
/** A stream id, `<cameraId>:<profile>`. */
export type StreamId = z.infer<typeof streamIdSchema>;

export function streamIdOf(cameraId: string, profile: Profile): StreamId {
  return `${cameraId}:${profile}`;
}

export function parseStreamId(id: StreamId): { cameraId: string; profile: Profile } {
  const i = id.lastIndexOf(':');
  return { cameraId: id.slice(0, i), profile: id.slice(i + 1) as Profile };
}

/** The life of a stream as the ingest sees it. */
export const streamStateSchema = z.enum(['idle', 'connecting', 'live', 'stalled', 'offline']);
/**
 * idle: not pulled, nobody is watching an on-demand stream (it starts on the first subscriber);
 * connecting: pulling, no frame yet; live: frames arriving; stalled: no frame for 3 s;
 * offline: the source failed and is being retried (see `message`).
 */
export type StreamState = z.infer<typeof streamStateSchema>;

/** Per-stream figures, sent about once a second. */
export interface StreamStats {
  streamId: StreamId;
  fps: number;
  bitrateKbps: number;
  viewers: number;
  restarts: number;
  /** Frames dropped for slow viewers since the stream started. */
  droppedFrames: number;
}

/** A stream's state, with a message a person can act on when it is not live. */
export interface StreamStatus {
  streamId: StreamId;
  cameraId: string;
  profile: Profile;
  state: StreamState;
  /** Why the stream is not live, in words for an operator ("camera refused the password"). */
  message?: string;
  /** When the state last changed (ms since the epoch). */
  since: number;
  /** The codec the console receives, for example `avc1.42c01f`. */
  codec?: string;
  width?: number;
  height?: number;
}

/** A camera as the console lists it. */
export interface CameraSummary {
  id: string;
  name: string;
  district?: string;
  site?: string;
  streams: StreamStatus[];
}
