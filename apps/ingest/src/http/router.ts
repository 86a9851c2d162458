import type { IncomingMessage } from 'node:http';
import type { Permission } from '@cctv/protocol';
import type { AuditLog } from '../audit/auditLog';
import type { AuthService } from '../auth/authService';
import { actorOf, sessionUser } from '../auth/authService';
import type { Session } from '../auth/sessions';
import type { User } from '../auth/users';

export type Reply =
  | { status: number; json: unknown }
  | { status: number; text: string; contentType: string; filename?: string }
  | { status: number; bytes: Uint8Array; contentType: string }
  | { status: number; stream: Iterable<string>; contentType: string; filename?: string };

export interface RouteContext {
  url: URL;
  body: unknown;
  req: IncomingMessage;
  /** Set for every route that is not public. */
  auth?: { user: User; session: Session };
}

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** public: no sign-in; signed-in: any user; otherwise the permission needed. */
  access: 'public' | 'signed-in' | Permission;
  handle(ctx: RouteContext): Reply | Promise<Reply>;
}

export const MAX_BODY_BYTES = 16 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Reads a small JSON body; refuses what is too large or not JSON, with a clear message. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) throw new HttpError(415, 'Send JSON (content-type: application/json).');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `The request is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

/**
 * Authorises a request for a route, in one place: the bearer token must name a live session, and the
 * user's role must carry the route's permission. Refusals are audited.
 */
export function authorise(
  route: Route,
  req: IncomingMessage,
  auth: AuthService,
  audit: AuditLog,
): { user: User; session: Session } | undefined {
  if (route.access === 'public') return undefined;
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const resolved = token ? auth.resolve(token) : undefined;
  if (!resolved) throw new HttpError(401, token ? 'Your session has ended. Sign in again.' : 'Sign in first.');
  if (route.access !== 'signed-in' && !sessionUser(resolved.user).permissions.includes(route.access)) {
    audit.append(actorOf(resolved.user, resolved.session.workstation), 'access.refused', {
      target: `${route.method} ${route.path}`,
      details: { permission: route.access, role: resolved.user.role },
    });
    throw new HttpError(403, `Your role (${resolved.user.role}) may not do this (${route.access}).`);
  }
  return resolved;
}
