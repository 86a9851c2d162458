/**
 * The control port: a small HTTP JSON API on loopback only, for tests and demos to inject faults
 * into a fleet running as a separate process.
 *   GET  /cameras                 -> CameraInfo[]
 *   POST /cameras/:id/fault       <- { kind, ms? }  -> { ok: true } | { ok: false, error }
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { CameraInfo } from './camera.js';
import { parseFaultRequest, type FaultRequest } from './faults.js';

export interface ControlTarget {
  list(): CameraInfo[];
  fault(id: string, request: FaultRequest): Promise<boolean>;
}

const MAX_BODY = 4096;

export async function startControlServer(
  port: number,
  target: ControlTarget,
  logger: Logger,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    handle(req, res, target).catch((err: Error) => {
      logger.error({ err: err.message }, 'control request failed');
      send(res, 500, { ok: false, error: 'internal error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const bound = address && typeof address === 'object' ? address.port : port;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, target: ControlTarget): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]!;
  if (req.method === 'GET' && path === '/cameras') return send(res, 200, target.list());
  const match = /^\/cameras\/([^/]+)\/fault$/.exec(path);
  if (!match) return send(res, 404, { ok: false, error: 'not found' });
  if (req.method !== 'POST') return send(res, 405, { ok: false, error: 'use POST' });
  const text = await readBody(req);
  if (text === null) return send(res, 413, { ok: false, error: 'body too large' });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return send(res, 400, { ok: false, error: 'body is not JSON' });
  }
  const parsed = parseFaultRequest(body);
  if (!parsed.ok) return send(res, 400, { ok: false, error: parsed.error });
  const found = await target.fault(decodeURIComponent(match[1]!), parsed.fault);
  if (!found) return send(res, 404, { ok: false, error: `no camera ${match[1]}` });
  send(res, 200, { ok: true });
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // An oversized body is read to its end and discarded, so the 413 can still be sent.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
