import {
  fail,
  invalidPayload,
  ok,
  type CommandError,
  type CommandMap,
  type CommandResponse,
  type ErrorCode,
} from '@cctv/protocol';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Logger } from '../log';

/** Thrown by a handler to answer with a specific error code. */
export class CommandFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type Handlers<C extends CommandMap> = {
  [K in keyof C]: (payload: z.output<C[K]['request']>) => Promise<CommandResponse<C, K>> | CommandResponse<C, K>;
};

type Ack = (result: { ok: true; data: unknown } | { ok: false; error: CommandError }) => void;

/**
 * The one door every command passes: the payload is validated by its schema, failures become error
 * acknowledgements with a closed code, unexpected errors are logged and never leak details.
 * (Permission checks join here with named users.)
 */
export function registerCommands<C extends CommandMap>(
  socket: Socket,
  commands: C,
  handlers: Handlers<C>,
  log: Logger,
): void {
  const known = new Set(Object.keys(commands));
  for (const name of known) {
    const spec = commands[name]!;
    const handler = handlers[name as keyof C] as (payload: unknown) => unknown;
    socket.on(name, async (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') {
        log.warn({ event: name, socket: socket.id }, 'command without an acknowledgement callback ignored');
        return;
      }
      const reply = ack as Ack;
      const parsed = spec.request.safeParse(payload);
      if (!parsed.success) {
        reply(invalidPayload(parsed.error));
        return;
      }
      try {
        reply(ok(await handler(parsed.data)));
      } catch (e) {
        if (e instanceof CommandFailure) {
          reply(fail(e.code, e.message));
        } else {
          log.error({ event: name, err: e }, 'command failed');
          reply(fail('INTERNAL', 'The service could not complete this request; it has been logged.'));
        }
      }
    });
  }
}

/** An event outside the contract gets a NOT_FOUND acknowledgement (when it asked for one), never silence. */
export function refuseUnknownEvents(socket: Socket, known: readonly string[]): void {
  const names = new Set(known);
  socket.onAny((event: string, ...args: unknown[]) => {
    if (names.has(event)) return;
    const last = args[args.length - 1];
    if (typeof last === 'function') (last as Ack)(fail('NOT_FOUND', `unknown event "${String(event).slice(0, 64)}"`));
  });
}

/** Validates a fire-and-forget message; invalid ones are dropped and logged, never thrown. */
export function onMessage<S extends z.ZodType>(
  socket: Socket,
  name: string,
  schema: S,
  handler: (payload: z.output<S>) => void,
  log: Logger,
): void {
  socket.on(name, (payload: unknown) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      log.debug({ event: name, socket: socket.id }, 'invalid message dropped');
      return;
    }
    handler(parsed.data);
  });
}
