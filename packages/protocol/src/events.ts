import { z } from 'zod';
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

/** A command: a request schema (validated at the server's door) and the type of its answer. */
export interface CommandSpec<Req extends z.ZodType, Res> {
  request: Req;
  /** Phantom: carries the answer's type; never set. */
  readonly response?: Res;
}

function command<Res>() {
  return <Req extends z.ZodType>(request: Req): CommandSpec<Req, Res> => ({ request });
}

const empty = z.object({}).strict();

/** Commands on the default namespace, keyed by event name. */
export const controlCommands = {
  /** Every camera with the state of its streams. */
  'camera:list': command<CameraSummary[]>()(empty),
};

/** Commands on the media namespace. */
export const mediaCommands = {
  /** Start receiving a stream: `stream:configured`, the frames since the last keyframe, then live frames. */
  'stream:subscribe': command<StreamStatus>()(subscribeSchema),
  'stream:unsubscribe': command<null>()(unsubscribeSchema),
};

/** Fire-and-forget messages on the media namespace (no acknowledgement). */
export const mediaMessages = {
  'stream:acknowledge': frameAckSchema,
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

type MessageEvents<M extends Record<string, z.ZodType>> = {
  [K in keyof M]: (payload: z.input<M[K]>) => void;
};

/** Client → server, default namespace. */
export type ControlClientToServer = CommandEvents<typeof controlCommands>;

/** Server → client, default namespace. */
export interface ControlServerToClient {
  'stream:stateChanged': (status: StreamStatus) => void;
  'stream:statsUpdated': (payload: { stats: StreamStats[] }) => void;
}

/** Client → server, media namespace. */
export type MediaClientToServer = CommandEvents<typeof mediaCommands> & MessageEvents<typeof mediaMessages>;

/** Server → client, media namespace. */
export interface MediaServerToClient {
  'stream:configured': (config: StreamConfigured) => void;
  'stream:frameArrived': (frame: StreamFrame) => void;
  'stream:framesDropped': (info: StreamFramesDropped) => void;
  'stream:stateChanged': (status: StreamStatus) => void;
}

/** Server-to-server events (for a future Redis adapter); none yet. */
export type InterServerEvents = Record<string, never>;
