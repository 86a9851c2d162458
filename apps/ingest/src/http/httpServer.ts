import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AuditLog } from '../audit/auditLog';
import type { AuthService } from '../auth/authService';
import type { Logger } from '../log';
import { authorise, HttpError, readJsonBody, type Reply, type Route } from './router';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;

/** The console's content security policy: its own scripts only, sockets to this service. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  // The MSE fallback plays from a blob: URL.
  "media-src 'self' blob:",
  "connect-src 'self' ws: wss: http://localhost:* http://127.0.0.1:*",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Resolves a request path inside `root`, or null when it would escape it. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const full = resolve(base, '.' + normalize('/' + decoded));
  return full === base || full.startsWith(base + sep) ? full : null;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function serveFile(res: ServerResponse, path: string, head: boolean): boolean {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return false;
    size = st.size;
  } catch {
    return false;
  }
  const type = MIME[extname(path)] ?? 'application/octet-stream';
  const headers: Record<string, string | number> = {
    'content-type': type,
    'content-length': size,
    'x-content-type-options': 'nosniff',
    'cache-control': path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (type.startsWith('text/html')) headers['content-security-policy'] = CONSOLE_CSP;
  res.writeHead(200, headers);
  if (head) res.end();
  else createReadStream(path).pipe(res);
  return true;
}

/**
 * The service's HTTP side: the route table (sign-in, health, figures, audit export), authorised in one
 * place, and, when a build is given, the console itself, so a browser needs nothing but this address.
 * Socket.IO attaches to the same server.
 */
export function createHttpServer(
  routes: Route[],
  consoleDir: string | undefined,
  auth: AuthService,
  audit: AuditLog,
  log: Logger,
): Server {
  const table = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) {
        sendJson(res, e.status, e.field ? { error: e.message, field: e.field } : { error: e.message });
        return;
      }
      log.error({ err: e, path: req.url }, 'request failed');
      if (!res.headersSent)
        sendJson(res, 500, { error: 'The service could not complete this request; it has been logged.' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    // A console served from another local origin (a dev server, ?ingest=) may call the API.
    const origin = req.headers.origin;
    if (origin && path.startsWith('/api/') && LOCAL_ORIGIN.test(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': 'authorization, content-type',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
    }
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const route = table.get(`${method} ${path}`);
    if (route) {
      const authorised = authorise(route, req, auth, audit);
      const body = method === 'POST' ? await readJsonBody(req) : undefined;
      send(res, await route.handle({ url, body, req, ...(authorised ? { auth: authorised } : {}) }));
      return;
    }
    if ([...table.values()].some((r) => r.path === path)) throw new HttpError(405, 'method not allowed');
    if (method !== 'GET') throw new HttpError(405, 'method not allowed');
    if (path.startsWith('/api/') || path.startsWith('/socket.io')) throw new HttpError(404, 'not found');
    if (!consoleDir)
      throw new HttpError(404, 'No console build is served here; open the console with ?ingest=<this address>.');
    const file = resolveStatic(consoleDir, path === '/' ? '/index.html' : path);
    if (!file) throw new HttpError(400, 'bad path');
    const head = req.method === 'HEAD';
    if (serveFile(res, file, head)) return;
    // A path without an extension is a console route: hand back the app.
    if (!extname(path) && serveFile(res, join(resolve(consoleDir), 'index.html'), head)) return;
    throw new HttpError(404, 'not found');
  }
}

function send(res: ServerResponse, reply: Reply): void {
  if ('json' in reply) {
    sendJson(res, reply.status, reply.json);
    return;
  }
  const headers: Record<string, string> = {
    'content-type': reply.contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  const filename = 'filename' in reply ? reply.filename : undefined;
  if (filename) headers['content-disposition'] = `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`;
  res.writeHead(reply.status, headers);
  if ('text' in reply) {
    res.end(reply.text);
    return;
  }
  if ('bytes' in reply) {
    res.end(reply.bytes);
    return;
  }
  for (const chunk of reply.stream) res.write(chunk);
  res.end();
}
