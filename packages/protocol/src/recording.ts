import { z } from 'zod';
import { cameraIdSchema, streamIdSchema } from './streams';

const time = z.number().int().nonnegative();
const DAY_MS = 86_400_000;

/** Continuous (the default), only around an alarm (with seconds before and after), or not at all. */
export const recordingModeSchema = z.enum(['continuous', 'alarm', 'off']);
/** How a camera is recorded. */
export type RecordingMode = z.infer<typeof recordingModeSchema>;

/** `recording:configure`: one camera's recording mode and retention. */
export const recordingSettingsSchema = z
  .object({
    cameraId: cameraIdSchema,
    mode: recordingModeSchema,
    /** Alarm mode: seconds kept from before the alarm. */
    preS: z.number().int().min(0).max(120).default(10),
    /** Alarm mode: seconds recorded after the alarm ends. */
    postS: z.number().int().min(0).max(600).default(30),
    /** Days footage is kept; null: the service's default (31). */
    retentionDays: z.number().int().min(1).max(3650).nullable().default(null),
  })
  .strict();
/** Payload of `recording:configure`. */
export type RecordingSettingsRequest = z.input<typeof recordingSettingsSchema>;
/** One camera's recording settings. */
export type RecordingSettings = z.output<typeof recordingSettingsSchema>;

/**
 * recording: footage is being written; waiting: alarm mode, no alarm; off: not recorded; no-video:
 * the stream is not live (its footage has a gap); failing: footage cannot be written (see message).
 */
export const recordingStateSchema = z.enum(['recording', 'waiting', 'off', 'no-video', 'failing']);
/** The recorder's state for one camera. */
export type RecordingState = z.infer<typeof recordingStateSchema>;

/** Per-camera recording figures (`recording:status`). */
export interface CameraRecordingStatus {
  cameraId: string;
  settings: RecordingSettings;
  state: RecordingState;
  /** Why it is not recording, in words for an operator. */
  message?: string;
  /** When the state last changed (ms since the epoch). */
  since: number;
  /** Bytes written in the last 24 hours. */
  bytesLast24h: number;
  /** Gaps in the footage of the last 24 hours (outside alarm mode's quiet time). */
  gapsLast24h: { count: number; ms: number };
  /** The oldest footage kept (ms since the epoch), held or not; null when there is none. */
  oldest: number | null;
  newest: number | null;
  /** Footage kept past retention by holds: how many holds are active on this camera. */
  activeHolds: number;
}

/** The recordings folder and its budget (`recording:storage`). */
export interface StorageStatus {
  /** ok, or full: the newest footage is kept by deleting the oldest unheld, and an alarm is raised. */
  state: 'ok' | 'full';
  message?: string;
  totalBytes: number;
  freeBytes: number;
  /** Bytes of footage in the index. */
  recordedBytes: number;
  budgetBytes: number | null;
  minFreeBytes: number;
  retentionDays: number;
  oldest: number | null;
  heldBytes: number;
}

/** `recording:timeline`: one camera's footage between two times. */
export const timelineQuerySchema = z
  .object({ cameraId: cameraIdSchema, from: time, to: time })
  .strict()
  .refine((q) => q.to > q.from, { message: 'must be after the start', path: ['to'] })
  .refine((q) => q.to - q.from <= 400 * DAY_MS, { message: 'may span at most 400 days', path: ['to'] });
/** Payload of `recording:timeline`. */
export type TimelineQuery = z.input<typeof timelineQuerySchema>;

/** A stretch of continuous footage. */
export interface RecordedSpan {
  from: number;
  to: number;
}

/** What the timeline of one camera shows: footage, gaps between it, and marks. */
export interface Timeline {
  cameraId: string;
  from: number;
  to: number;
  spans: RecordedSpan[];
  /** Alarms of this camera in the window (at most 2000, newest kept). */
  alarms: { id: number; kind: string; at: number; endedAt: number | null }[];
  /** Incidents that name this camera and overlap the window (at most 500). */
  incidents: { id: number; ref: string; category: string; from: number; to: number | null }[];
  holds: { id: number; from: number; to: number; kind: HoldKind }[];
  /** The oldest and newest footage of the camera at all. */
  oldest: number | null;
  newest: number | null;
}

/** Why footage is kept past retention. */
export const holdKindSchema = z.enum(['incident', 'request', 'evidence', 'manual']);
/** A hold's reason kind. */
export type HoldKind = z.infer<typeof holdKindSchema>;

/** `recording:hold`: keep footage past retention. */
export const placeHoldSchema = z
  .object({
    cameraIds: z.array(cameraIdSchema).min(1, 'name at least one camera').max(64),
    from: time,
    to: time,
    kind: holdKindSchema,
    /** The incident reference, request number or package id it is for ('' for manual). */
    ref: z.string().trim().max(80).default(''),
    reason: z.string().trim().min(1, 'is required').max(500),
  })
  .strict()
  .refine((h) => h.to > h.from, { message: 'must be after the start', path: ['to'] });
/** Payload of `recording:hold`. */
export type PlaceHoldRequest = z.input<typeof placeHoldSchema>;

/** `recording:release`: a hold ends (the footage then ages out as usual). */
export const releaseHoldSchema = z
  .object({ id: z.number().int().positive(), reason: z.string().trim().min(1, 'is required').max(500) })
  .strict();
/** Payload of `recording:release`. */
export type ReleaseHoldRequest = z.input<typeof releaseHoldSchema>;

/** A hold on footage. */
export interface Hold {
  id: number;
  cameraId: string;
  from: number;
  to: number;
  kind: HoldKind;
  ref: string;
  reason: string;
  placedBy: { userId: number; displayName: string } | null;
  placedAt: number;
  releasedAt: number | null;
  releasedBy: { userId: number; displayName: string } | null;
  releaseReason: string | null;
}

export const holdQuerySchema = z
  .object({
    activeOnly: z.boolean().default(true),
    cameraId: cameraIdSchema.optional(),
    ref: z.string().max(80).optional(),
  })
  .strict();
/** Payload of `recording:holds`. */
export type HoldQuery = z.input<typeof holdQuerySchema>;

// ---------------------------------------------------------------------------------------------------
// Playback on the media namespace: a playback is a feed like a live stream, with its own id.

/**
 * A playback feed id, `pb.<n>`, chosen by the console (unique among its own playbacks), so that it can
 * route the frames that may arrive before the answer to `playback:start`.
 */
export const playbackIdSchema = z.string().regex(/^pb\.[0-9]{1,12}$/, 'must be a playback id (pb.N)');
/** A playback feed id. */
export type PlaybackId = z.infer<typeof playbackIdSchema>;

/** What a tile receives frames of: a live stream (`cam-01:sub`) or a playback (`pb.7`). */
export const feedIdSchema = z.union([streamIdSchema, playbackIdSchema]);
/** A live stream id or a playback id. */
export type FeedId = z.infer<typeof feedIdSchema>;

export function isPlaybackId(id: string): id is PlaybackId {
  return id.startsWith('pb.');
}

/** Playback speeds; at 8× and above only keyframes are sent. */
export const PLAYBACK_SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16] as const;
export const playbackSpeedSchema = z.union(
  PLAYBACK_SPEEDS.map((s) => z.literal(s)) as [z.ZodLiteral<0.25>, ...z.ZodLiteral<(typeof PLAYBACK_SPEEDS)[number]>[]],
);
/** A playback speed. */
export type PlaybackSpeed = (typeof PLAYBACK_SPEEDS)[number];

/** `playback:start`: play one camera's recording from a time. */
export const playbackStartSchema = z
  .object({
    playbackId: playbackIdSchema,
    cameraId: cameraIdSchema,
    at: time,
    speed: playbackSpeedSchema.default(1),
    paused: z.boolean().default(false),
    /** Join the clock of another playback of this console (a locked wall): seek, speed and pause are shared. */
    syncWith: playbackIdSchema.optional(),
  })
  .strict();
/** Payload of `playback:start`. */
export type PlaybackStartRequest = z.input<typeof playbackStartSchema>;

/** `playback:control`: applies to the playback's clock (every playback that shares it). */
export const playbackControlSchema = z.discriminatedUnion('command', [
  z.object({ playbackId: playbackIdSchema, command: z.literal('play') }).strict(),
  z.object({ playbackId: playbackIdSchema, command: z.literal('pause') }).strict(),
  z.object({ playbackId: playbackIdSchema, command: z.literal('seek'), at: time }).strict(),
  z.object({ playbackId: playbackIdSchema, command: z.literal('speed'), speed: playbackSpeedSchema }).strict(),
  /** One frame forward or back (pauses first). */
  z
    .object({
      playbackId: playbackIdSchema,
      command: z.literal('step'),
      direction: z.union([z.literal(1), z.literal(-1)]),
    })
    .strict(),
  /** Leave a shared clock (keeps position, speed and pause). */
  z.object({ playbackId: playbackIdSchema, command: z.literal('unsync') }).strict(),
]);
/** Payload of `playback:control`. */
export type PlaybackControl = z.input<typeof playbackControlSchema>;

export const playbackStopSchema = z.object({ playbackId: playbackIdSchema }).strict();
/** Payload of `playback:stop`. */
export type PlaybackStopRequest = z.input<typeof playbackStopSchema>;

/**
 * playing / paused; waiting: no footage at the clock's time (a gap while the clock is shared, or the
 * newest footage reached); ended: the playback was stopped by the service (see message).
 */
export const playbackStatusSchema = z.enum(['playing', 'paused', 'waiting', 'ended']);
/** A playback's status. */
export type PlaybackStatus = z.infer<typeof playbackStatusSchema>;

/** A playback as the service sees it (answer of start/control, and `playback:stateChanged`). */
export interface PlaybackState {
  playbackId: PlaybackId;
  cameraId: string;
  status: PlaybackStatus;
  /** Wall-clock ms (UTC) of the frame shown last, or of the clock when none. */
  position: number;
  speed: PlaybackSpeed;
  /** Playbacks that share a clock have the same clock id. */
  clock: string;
  /** For the operator: why it waits or ended, or that a gap was skipped. */
  message?: string;
}
