/**
 * One camera's ONVIF HTTP server: SOAP 1.2 on /onvif/*_service and /onvif/subscription/<id>, and the
 * JPEG snapshot (HTTP digest) on /onvif/snapshot/<profile>.jpg. Request bodies are capped, XML is
 * parsed by the safe parser, every operation but GetSystemDateAndTime needs a valid UsernameToken
 * when the camera has credentials, and the camera's faults (slow, malformed, refuse auth) apply here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { DigestAuth, type DigestCredentials } from '../rtsp/digest.js';
import type { OnvifContext } from './context.js';
import { deviceHandlers, mediaHandlers, type Handler } from './device.js';
import { eventHandlers, subscriptionHandlers } from './events.js';
import { ptzHandlers } from './ptz.js';
import { envelope, fault, faultXml, type SoapFault } from './soap.js';
import { readUsernameToken, TokenChecker } from './wsse.js';
import { child, parseXml, type XmlNode } from '@cctv/safe-xml';

export const MAX_REQUEST_BYTES = 256 * 1024;

export interface OnvifFaults {
  refuseAuth(): boolean;
  slowMs(): number;
  malformed(): boolean;
}

export interface OnvifServerOptions {
  host: string;
  port: number;
  ctx: OnvifContext;
  credentials: DigestCredentials | undefined;
  logger: Logger;
  faults: OnvifFaults;
  snapshot(profile: string): Promise<Buffer | null>;
}

const handlers: Record<string, Handler> = { ...deviceHandlers, ...mediaHandlers, ...ptzHandlers, ...eventHandlers };
const UNAUTHENTICATED = new Set(['GetSystemDateAndTime']);

export class OnvifServer {
  private server: Server | undefined;
  private boundPort: number;
  private readonly tokens: TokenChecker | undefined;
  private readonly digest: DigestAuth | undefined;
  private abort = new AbortController();

  constructor(private readonly o: OnvifServerOptions) {
    this.boundPort = o.port;
    if (o.credentials) {
      this.tokens = new TokenChecker(o.credentials);
      this.digest = new DigestAuth({ realm: `${o.ctx.name} ONVIF`, credentials: o.credentials });
    }
  }

  get port(): number {
    return this.boundPort;
  }

  async listen(): Promise<void> {
    this.abort = new AbortController();
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: Error) => {
        this.o.logger.error({ err: err.message }, 'ONVIF request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    server.requestTimeout = 30_000;
    server.headersTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, this.o.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') this.boundPort = address.port;
    this.server = server;
  }

  /** Closes the listener and every connection; pending pulls and slow answers end at once. */
  async close(): Promise<void> {
    this.abort.abort();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A request ends early when the camera goes down or when its client goes away.
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const aborted = AbortSignal.any([this.abort.signal, gone.signal]);
    const path = (req.url ?? '/').split('?')[0]!;
    const snapshot = /^\/onvif\/snapshot\/(main|sub)\.jpg$/.exec(path);
    if (req.method === 'GET' && snapshot) return this.serveSnapshot(req, res, snapshot[1]!);
    if (!path.startsWith('/onvif/')) return void res.writeHead(404).end();
    if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST' }).end();
    const body = await readBody(req, MAX_REQUEST_BYTES);
    if (body === null) return void res.writeHead(413, { Connection: 'close' }).end();
    await sleep(this.o.faults.slowMs(), aborted);
    if (aborted.aborted) return void res.destroy();
    if (this.o.faults.malformed()) {
      return void res
        .writeHead(200, { 'Content-Type': 'application/soap+xml; charset=utf-8' })
        .end(
          '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><tds:Get',
        );
    }
    const result = await this.dispatch(body, path, aborted);
    if (aborted.aborted || res.destroyed) return void res.destroy();
    const isFault = typeof result !== 'string';
    res.writeHead(isFault ? result.status : 200, { 'Content-Type': 'application/soap+xml; charset=utf-8' });
    res.end(isFault ? faultXml(result) : envelope(result));
  }

  private async dispatch(body: string, path: string, aborted: AbortSignal): Promise<string | SoapFault> {
    const parsed = parseXml(body, MAX_REQUEST_BYTES);
    if (!parsed.ok) return fault('s:Sender', 'ter:WellFormed', parsed.reason);
    const operation = firstElement(child(parsed.doc, 'Envelope', 'Body'));
    if (!operation) return fault('s:Sender', 'ter:WellFormed', 'no SOAP Body operation');
    const [name, request] = operation;
    if (this.tokens && !UNAUTHENTICATED.has(name)) {
      const verdict = this.o.faults.refuseAuth()
        ? { ok: false as const, reason: 'refusing authentication (fault)' }
        : this.tokens.check(readUsernameToken(parsed.doc), this.o.ctx.now());
      if (!verdict.ok) {
        this.o.logger.info({ operation: name, reason: verdict.reason }, 'ONVIF request not authorized');
        return fault('s:Sender', 'ter:NotAuthorized', 'Sender not authorized');
      }
    }
    this.o.logger.debug({ operation: name }, 'ONVIF request');
    const sub = /^\/onvif\/subscription\/([0-9a-f-]{36})$/.exec(path);
    if (sub) {
      const h = subscriptionHandlers[name];
      return h
        ? h(request, this.o.ctx, sub[1]!, aborted)
        : fault('s:Receiver', 'ter:ActionNotSupported', `${name} is not supported here`);
    }
    const h = handlers[name];
    return h ? h(request, this.o.ctx) : fault('s:Receiver', 'ter:ActionNotSupported', `${name} is not supported`);
  }

  private async serveSnapshot(req: IncomingMessage, res: ServerResponse, profile: string): Promise<void> {
    req.resume();
    if (this.digest) {
      const verdict = this.o.faults.refuseAuth()
        ? { ok: false as const, stale: false }
        : this.digest.verify('GET', req.headers.authorization);
      if (!verdict.ok) {
        return void res.writeHead(401, { 'WWW-Authenticate': this.digest.challenge(verdict.stale) }).end();
      }
    }
    const jpeg = await this.o.snapshot(profile);
    if (!jpeg) return void res.writeHead(503, { 'Content-Type': 'text/plain' }).end('no live picture to snapshot');
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': jpeg.length }).end(jpeg);
  }
}

function firstElement(body: unknown): [string, XmlNode] | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  for (const [key, value] of Object.entries(body as XmlNode)) {
    if (key.startsWith('@_') || key === '#text') continue;
    const node = Array.isArray(value) ? value[0] : value;
    return [key, node && typeof node === 'object' && !Array.isArray(node) ? node : {}];
  }
  return undefined;
}

function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > max) {
      req.resume();
      return resolve(null);
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > max ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
