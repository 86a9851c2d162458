import { z } from 'zod';
import type { AuditEntry, AuditVerification } from './audit';
import { auditSearchSchema } from './audit';
import type { SessionEndReason, SessionUser, UserSummary } from './auth';
import { createUserSchema, updateUserSchema } from './auth';
import type { Inspection } from './inspections';
import { createInspectionSchema, respondInspectionSchema } from './inspections';
import type { Permission } from './permissions';
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

/** Commands on the default namespace, keyed by event name. */
export const controlCommands = {
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
};

/** Commands on the media namespace. */
export const mediaCommands = {
  /** Start receiving a stream: `stream:configured`, the frames since the last keyframe, then live frames. */
  'stream:subscribe': command<StreamStatus>()(subscribeSchema, 'live:view'),
  'stream:unsubscribe': command<null>()(unsubscribeSchema, 'live:view'),
};

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
}

/** Server-to-server events (for a future Redis adapter); none yet. */
export type InterServerEvents = Record<string, never>;
