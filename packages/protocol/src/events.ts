import { z } from 'zod';
import type { AuditEntry, AuditVerification } from './audit';
import { auditSearchSchema } from './audit';
import type { SessionEndReason, SessionUser, UserSummary } from './auth';
import { createUserSchema, updateUserSchema } from './auth';
import type { Inspection } from './inspections';
import type { Incident, IncidentChange, PoliceRequest, RecordChanges, Shift } from './records';
import {
  addNarrativeSchema,
  createIncidentSchema,
  createPoliceRequestSchema,
  decideRequestSchema,
  incidentQuerySchema,
  mediaDisposalSchema,
  policeRequestQuerySchema,
  releaseSchema,
  reviewIncidentSchema,
  startShiftSchema,
  updateIncidentSchema,
  updateShiftSchema,
} from './records';
import { createInspectionSchema, respondInspectionSchema } from './inspections';
import type { Alarm, CameraInfo, DiscoveryResult, PtzControlState, PtzLockState, PtzPresetInfo } from './cameras';
import {
  addCameraSchema,
  alarmAckSchema,
  alarmQuerySchema,
  cameraRefSchema,
  discoveryProbeSchema,
  ptzCameraSchema,
  ptzMoveSchema,
  ptzPresetRefSchema,
  ptzPresetSetSchema,
  updateCameraSchema,
} from './cameras';
import type { Permission } from './permissions';
import type {
  CameraRecordingStatus,
  Hold,
  PlaybackState,
  RecordingSettings,
  StorageStatus,
  Timeline,
} from './recording';
import {
  holdQuerySchema,
  placeHoldSchema,
  playbackControlSchema,
  playbackStartSchema,
  playbackStopSchema,
  recordingSettingsSchema,
  releaseHoldSchema,
  timelineQuerySchema,
} from './recording';
import type { Result } from './result';
import type { CameraSummary, StreamStats, StreamStatus } from './streams';
import {
  frameAckSchema,
  subscribeSchema,
  unsubscribeSchema,
  type StreamConfigured,
  type StreamFrame,
  type StreamFramesDropped,
} from './media';

/**
 * A command: a request schema (validated at the server's door), the permission it needs (`null`: any
 * signed-in user) and the type of its answer. A command cannot be declared without both.
 */
export interface CommandSpec<Req extends z.ZodType, Res> {
  request: Req;
  permission: Permission | null;
  /** Phantom: carries the answer's type; never set. */
  readonly response?: Res;
}

function command<Res>() {
  return <Req extends z.ZodType>(request: Req, permission: Permission | null): CommandSpec<Req, Res> => ({
    request,
    permission,
  });
}

const empty = z.object({}).strict();
const byId = z.object({ id: z.number().int().positive() }).strict();

/** Recording: what is recorded, where the footage is, what is kept past retention. */
export const recordingCommands = {
  /** Every camera's recording state and figures. */
  'recording:status': command<CameraRecordingStatus[]>()(empty, 'live:view'),
  /** One camera's footage (spans and gaps), alarms, incidents and holds between two times. */
  'recording:timeline': command<Timeline>()(timelineQuerySchema, 'recorded:view'),
  'recording:configure': command<RecordingSettings>()(recordingSettingsSchema, 'cameras:manage'),
  /** The recordings folder: space, budget, retention. */
  'recording:storage': command<StorageStatus>()(empty, 'cameras:manage'),
  /** Keeps footage past retention (one hold per camera named). */
  'recording:hold': command<Hold[]>()(placeHoldSchema, 'evidence:export'),
  'recording:release': command<Hold>()(releaseHoldSchema, 'disclosure:approve'),
  'recording:holds': command<Hold[]>()(holdQuerySchema, 'recorded:view'),
};

/** The service's core commands on the default namespace (each other area has its own map below). */
export const coreControlCommands = {
  /** Every camera with the state of its streams. */
  'camera:list': command<CameraSummary[]>()(empty, 'live:view'),
  /** The signed-in user and what they may do. */
  'session:whoami': command<SessionUser>()(empty, null),
  /** Ends this session, or every session of this user. */
  'session:signOut': command<null>()(z.object({ everywhere: z.boolean().default(false) }).strict(), null),
  'user:list': command<UserSummary[]>()(empty, 'users:manage'),
  'user:create': command<UserSummary>()(createUserSchema, 'users:manage'),
  'user:update': command<UserSummary>()(updateUserSchema, 'users:manage'),
  /** Newest first. */
  'audit:search': command<AuditEntry[]>()(auditSearchSchema, 'audit:view'),
  /** Walks the whole hash chain; names the first broken link. */
  'audit:verify': command<AuditVerification>()(empty, 'audit:view'),
  'inspection:create': command<Inspection>()(createInspectionSchema, 'inspections:write'),
  'inspection:respond': command<Inspection>()(respondInspectionSchema, 'inspections:respond'),
  'inspection:list': command<Inspection[]>()(empty, 'inspections:view'),

  // The occurrence (incident) log. A user without records:viewAll sees only incidents shared with the police.
  'incident:create': command<Incident>()(createIncidentSchema, 'records:create'),
  'incident:update': command<Incident>()(updateIncidentSchema, 'records:edit'),
  'incident:addNarrative': command<Incident>()(addNarrativeSchema, 'records:edit'),
  /** A police liaison officer's comment on a shared incident, appended to its narrative. */
  'incident:comment': command<Incident>()(addNarrativeSchema, 'records:comment'),
  'incident:review': command<Incident>()(reviewIncidentSchema, 'records:review'),
  'incident:get': command<{ incident: Incident; history: IncidentChange[] }>()(byId, 'records:viewShared'),
  /** Newest first; without narratives (see `incident:get`). */
  'incident:list': command<Incident[]>()(incidentQuerySchema, 'records:viewShared'),
  'incident:categories': command<string[]>()(empty, 'records:viewShared'),

  // Police requests and the disclosure log.
  'policeRequest:create': command<PoliceRequest>()(createPoliceRequestSchema, 'requests:raise'),
  'policeRequest:decide': command<PoliceRequest>()(decideRequestSchema, 'disclosure:approve'),
  /** Refused unless a data controller approved the request first. */
  'policeRequest:release': command<PoliceRequest>()(releaseSchema, 'evidence:export'),
  'policeRequest:dispose': command<PoliceRequest>()(mediaDisposalSchema, 'evidence:export'),
  'policeRequest:list': command<PoliceRequest[]>()(policeRequestQuerySchema, 'requests:view'),

  // The shift log.
  'shift:start': command<{ shift: Shift; previous: Shift | null }>()(startShiftSchema, 'records:create'),
  'shift:update': command<Shift>()(updateShiftSchema, 'records:edit'),
  'shift:end': command<Shift>()(byId, 'records:edit'),
  'shift:signOff': command<Shift>()(byId, 'records:review'),
  /** The shift in progress (if any) and the one before it, whose handover the new shift reads. */
  'shift:current': command<{ shift: Shift | null; previous: Shift | null }>()(empty, 'records:viewAll'),
  'shift:list': command<Shift[]>()(
    z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
    'records:viewAll',
  ),

  /** Everything that changed after `sinceRev` that this user may see: for a console that reconnects. */
  'records:catchUp': command<RecordChanges>()(
    z.object({ sinceRev: z.number().int().nonnegative() }).strict(),
    'records:viewShared',
  ),

  // Cameras: discovery and the registry. Credentials go in, never out.
  /** Probes now (multicast and/or unicast targets); the answer also becomes `discovery:list`. */
  'discovery:probe': command<DiscoveryResult>()(discoveryProbeSchema, 'cameras:manage'),
  /** The last results, from a probe on demand or on the schedule. */
  'discovery:list': command<DiscoveryResult>()(empty, 'cameras:manage'),
  /** Every camera of the registry (onboarded and from the config file), without credentials. */
  'camera:registry': command<CameraInfo[]>()(empty, 'live:view'),
  /** Connects with the credentials, reads profiles and stream URIs, stores the camera, starts its streams. */
  'camera:add': command<CameraInfo>()(addCameraSchema, 'cameras:manage'),
  'camera:update': command<CameraInfo>()(updateCameraSchema, 'cameras:manage'),
  /** Stops its streams, PTZ and events; its alarms stay in the log. */
  'camera:remove': command<null>()(cameraRefSchema, 'cameras:manage'),

  // PTZ: one operator steers a camera at a time (the lock); moves always end in a stop.
  /** Continuous move; takes the lock, or CONFLICT naming who holds it. Re-send within 1 s to keep moving. */
  'ptz:move': command<PtzControlState>()(ptzMoveSchema, 'ptz:control'),
  'ptz:stop': command<PtzControlState>()(ptzCameraSchema, 'ptz:control'),
  'ptz:home': command<PtzControlState>()(ptzCameraSchema, 'ptz:control'),
  'ptz:status': command<PtzControlState>()(ptzCameraSchema, 'ptz:control'),
  'ptz:preset:list': command<PtzPresetInfo[]>()(ptzCameraSchema, 'ptz:control'),
  'ptz:preset:goto': command<PtzControlState>()(ptzPresetRefSchema, 'ptz:control'),
  'ptz:preset:set': command<PtzPresetInfo>()(ptzPresetSetSchema, 'ptz:control'),
  'ptz:preset:remove': command<null>()(ptzPresetRefSchema, 'ptz:control'),
  /** A supervisor takes the lock from whoever holds it; their move is stopped. */
  'ptz:takeOver': command<PtzControlState>()(ptzCameraSchema, 'ptz:override'),

  // Alarms from the cameras' event streams.
  'alarm:list': command<Alarm[]>()(alarmQuerySchema, 'live:view'),
  'alarm:acknowledge': command<Alarm>()(alarmAckSchema, 'alarms:acknowledge'),
};

/** Commands on the default namespace, keyed by event name. */
export const controlCommands = {
  ...coreControlCommands,
  ...recordingCommands,
};

/** Live video on the media namespace. */
export const liveMediaCommands = {
  /** Start receiving a stream: `stream:configured`, the frames since the last keyframe, then live frames. */
  'stream:subscribe': command<StreamStatus>()(subscribeSchema, 'live:view'),
  'stream:unsubscribe': command<null>()(unsubscribeSchema, 'live:view'),
};

/** Playback of recordings on the media namespace. */
export const playbackCommands = {
  /** Plays a camera's recording from a time: `stream:configured` and frames follow under the playback's id. */
  'playback:start': command<PlaybackState>()(playbackStartSchema, 'recorded:view'),
  'playback:control': command<PlaybackState>()(playbackControlSchema, 'recorded:view'),
  'playback:stop': command<null>()(playbackStopSchema, 'recorded:view'),
};

/** Commands on the media namespace. */
export const mediaCommands = { ...liveMediaCommands, ...playbackCommands };

/** Fire-and-forget messages on the media namespace (no acknowledgement), with their permission. */
export const mediaMessages = {
  'stream:acknowledge': { schema: frameAckSchema, permission: 'live:view' as Permission },
};

/** Any map of commands. */
export type CommandMap = Record<string, CommandSpec<z.ZodType, unknown>>;

/** The answer type of command `K`. */
export type CommandResponse<C extends CommandMap, K extends keyof C> =
  C[K] extends CommandSpec<z.ZodType, infer Res> ? Res : never;

/** The payload type of command `K`, as the client writes it. */
export type CommandRequest<C extends CommandMap, K extends keyof C> = z.input<C[K]['request']>;

/** Socket.IO handler signatures for a command map: payload, then acknowledgement. */
export type CommandEvents<C extends CommandMap> = {
  [K in keyof C]: (payload: CommandRequest<C, K>, ack: (result: Result<CommandResponse<C, K>>) => void) => void;
};

type MessageEvents<M extends Record<string, { schema: z.ZodType }>> = {
  [K in keyof M]: (payload: z.input<M[K]['schema']>) => void;
};

/** Client → server, default namespace. */
export type ControlClientToServer = CommandEvents<typeof controlCommands>;

/** Server → client, default namespace. */
export interface ControlServerToClient {
  /** Sent just before the server disconnects a session that ended. */
  'session:ended': (info: { reason: SessionEndReason; message: string }) => void;
  'stream:stateChanged': (status: StreamStatus) => void;
  'stream:statsUpdated': (payload: { stats: StreamStats[] }) => void;
  /** A record was created or changed (full state; `rev` orders changes). */
  'incident:changed': (incident: Incident) => void;
  /** This console may no longer see the incident (for police liaison: no longer shared). */
  'incident:removed': (info: { id: number; rev: number }) => void;
  'policeRequest:changed': (request: PoliceRequest) => void;
  'shift:changed': (shift: Shift) => void;
  /** A camera was added or changed (consoles with live:view); re-read `camera:list` for its streams. */
  'camera:changed': (camera: CameraInfo) => void;
  'camera:removed': (info: { id: string }) => void;
  /** New discovery results (consoles with cameras:manage). */
  'discovery:updated': (result: DiscoveryResult) => void;
  /** Someone took, lost or handed back a camera's PTZ lock. */
  'ptz:lockChanged': (lock: PtzLockState) => void;
  /** A camera raised an alarm. */
  'alarm:raised': (alarm: Alarm) => void;
  /** An alarm ended or was acknowledged (full state). */
  'alarm:changed': (alarm: Alarm) => void;
  /** A camera's recording state changed (consoles with live:view). */
  'recording:stateChanged': (status: CameraRecordingStatus) => void;
}

/** Client → server, media namespace. */
export type MediaClientToServer = CommandEvents<typeof mediaCommands> & MessageEvents<typeof mediaMessages>;

/** Server → client, media namespace. */
export interface MediaServerToClient {
  'session:ended': (info: { reason: SessionEndReason; message: string }) => void;
  'stream:configured': (config: StreamConfigured) => void;
  'stream:frameArrived': (frame: StreamFrame) => void;
  'stream:framesDropped': (info: StreamFramesDropped) => void;
  'stream:stateChanged': (status: StreamStatus) => void;
  /** A playback of this console changed status, speed or position (not sent per frame). */
  'playback:stateChanged': (state: PlaybackState) => void;
}

/** Server-to-server events (for a future Redis adapter); none yet. */
export type InterServerEvents = Record<string, never>;
