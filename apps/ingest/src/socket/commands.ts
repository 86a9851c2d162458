import {
  fail,
  invalidPayload,
  ok,
  type CommandError,
  type CommandMap,
  type CommandResponse,
  type ErrorCode,
  type Permission,
} from '@cctv/protocol';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { AuditLog } from '../audit/auditLog';
import type { Logger } from '../log';
import type { SocketData } from './socketData';

/** Thrown by a handler to answer with a specific error code. */
export class CommandFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export type Handlers<C extends CommandMap> = {
  [K in keyof C]: (
    payload: z.output<C[K]['request']>,
    ctx: SocketData,
  ) => Promise<CommandResponse<C, K>> | CommandResponse<C, K>;
};

type Ack = (result: { ok: true; data: unknown } | { ok: false; error: CommandError }) => void;
type AnySocket = Socket<never, never, never, SocketData>;

export interface Door {
  audit: AuditLog;
  log: Logger;
}

export function mayDo(data: SocketData, permission: Permission | null): boolean {
  return permission === null || data.user.permissions.includes(permission);
}

function refuse(door: Door, socket: AnySocket, event: string, permission: Permission): CommandError {
  const { user, actor } = socket.data;
  door.audit.append(actor, 'access.refused', { target: event, details: { permission, role: user.role } });
  return { code: 'FORBIDDEN', message: `Your role (${user.role}) may not do this (${permission}).` };
}

/**
 * The one door every command passes: the payload is validated by its schema, the user's permission is
 * checked against the one table, failures become error acknowledgements with a closed code, unexpected
 * errors are logged and never leak details.
 */
export function registerCommands<C extends CommandMap>(
  socket: AnySocket,
  commands: C,
  handlers: Handlers<C>,
  door: Door,
): void {
  for (const name of Object.keys(commands)) {
    const spec = commands[name]!;
    const handler = handlers[name as keyof C] as (payload: unknown, ctx: SocketData) => unknown;
    (socket as Socket).on(name, async (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') {
        door.log.warn({ event: name, socket: socket.id }, 'command without an acknowledgement callback ignored');
        return;
      }
      const reply = ack as Ack;
      if (!mayDo(socket.data, spec.permission)) {
        reply({ ok: false, error: refuse(door, socket, name, spec.permission!) });
        return;
      }
      const parsed = spec.request.safeParse(payload);
      if (!parsed.success) {
        reply(invalidPayload(parsed.error));
        return;
      }
      try {
        reply(ok(await handler(parsed.data, socket.data)));
      } catch (e) {
        if (e instanceof CommandFailure) {
          reply(fail(e.code, e.message, e.field));
        } else {
          door.log.error({ event: name, err: e }, 'command failed');
          reply(fail('INTERNAL', 'The service could not complete this request; it has been logged.'));
        }
      }
    });
  }
}

/** An event outside the contract gets a NOT_FOUND acknowledgement (when it asked for one), never silence. */
export function refuseUnknownEvents(socket: AnySocket, known: readonly string[]): void {
  const names = new Set(known);
  socket.onAny((event: string, ...args: unknown[]) => {
    if (names.has(event)) return;
    const last = args[args.length - 1];
    if (typeof last === 'function') (last as Ack)(fail('NOT_FOUND', `unknown event "${String(event).slice(0, 64)}"`));
  });
}

/** Validates and authorises a fire-and-forget message; bad ones are dropped and logged, never thrown. */
export function onMessage<S extends z.ZodType>(
  socket: AnySocket,
  name: string,
  spec: { schema: S; permission: Permission },
  handler: (payload: z.output<S>) => void,
  door: Door,
): void {
  (socket as Socket).on(name, (payload: unknown) => {
    if (!mayDo(socket.data, spec.permission)) return;
    const parsed = spec.schema.safeParse(payload);
    if (!parsed.success) {
      door.log.debug({ event: name, socket: socket.id }, 'invalid message dropped');
      return;
    }
    handler(parsed.data);
  });
}
