import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Logger } from '../log';

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

export type JsonRoute = () => unknown;

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
 * The service's HTTP side: JSON routes (health, stream figures) and, when a build is given, the
 * console itself, so a browser needs nothing but this address. Socket.IO attaches to the same server.
 */
export function createHttpServer(
  routes: Record<string, JsonRoute>,
  consoleDir: string | undefined,
  log: Logger,
): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'method not allowed' });
      return;
    }
    const route = routes[path];
    if (route) {
      try {
        sendJson(res, 200, route());
      } catch (e) {
        log.error({ err: e, path }, 'route failed');
        sendJson(res, 500, { error: 'internal error' });
      }
      return;
    }
    if (path.startsWith('/api/') || path.startsWith('/socket.io')) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    if (!consoleDir) {
      sendJson(res, 404, { error: 'no console build is served here; open the console with ?ingest=<this address>' });
      return;
    }
    const file = resolveStatic(consoleDir, path === '/' ? '/index.html' : path);
    if (!file) {
      sendJson(res, 400, { error: 'bad path' });
      return;
    }
    const head = req.method === 'HEAD';
    if (serveFile(res, file, head)) return;
    // A path without an extension is a console route: hand back the app.
    if (!extname(path) && serveFile(res, join(resolve(consoleDir), 'index.html'), head)) return;
    sendJson(res, 404, { error: 'not found' });
  });
}
