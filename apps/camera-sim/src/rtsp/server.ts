/**
 * The RTSP server of one camera, on node:net: OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN,
 * GET/SET_PARAMETER; RTP over the RTSP connection (interleaved) or UDP; digest auth. Faults are
 * asked of the camera on every request and packet, so they take effect at once.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from 'pino';
import type { VideoStream } from '../media/stream.js';
import { DigestAuth, type DigestCredentials } from './digest.js';
import { formatResponse, RtspParseError, RtspReader, type RtspRequest } from './request.js';
import { buildSdp } from './sdp.js';
import { newSessionId, RtspSession, type SessionLimits } from './session.js';
import { parseTransport } from './transport.js';

export interface RtspFaults {
  refuseAuth(): boolean;
  stalled(): boolean;
}

export interface RtspServerOptions {
  host: string;
  port: number;
  name: string;
  streams: ReadonlyMap<string, VideoStream>;
  credentials: DigestCredentials | undefined;
  faults: RtspFaults;
  logger: Logger;
  sessionTimeoutMs?: number;
  limits?: { [K in keyof SessionLimits]?: SessionLimits[K] | undefined } | undefined;
}

interface Connection {
  socket: Socket;
  reader: RtspReader;
  sessions: Map<string, RtspSession>;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  413: 'Request Entity Too Large',
  431: 'Request Header Fields Too Large',
  454: 'Session Not Found',
  455: 'Method Not Valid in This State',
  461: 'Unsupported Transport',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  505: 'RTSP Version Not Supported',
};
const PUBLIC = 'OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER';
const TRACK = 'trackID=0';

export class RtspServer {
  private server: Server | undefined;
  private udp: { rtp: UdpSocket; rtcp: UdpSocket } | undefined;
  private readonly connections = new Set<Connection>();
  private readonly auth: DigestAuth;
  private readonly timeoutMs: number;
  private readonly limits: SessionLimits;
  private sweeper: NodeJS.Timeout | undefined;
  port: number;

  constructor(private readonly options: RtspServerOptions) {
    this.port = options.port;
    this.timeoutMs = options.sessionTimeoutMs ?? 60_000;
    this.limits = {
      maxBufferedBytes: options.limits?.maxBufferedBytes ?? 1 << 20,
      slowClientTimeoutMs: options.limits?.slowClientTimeoutMs ?? 10_000,
    };
    // Without credentials the digest object is still needed to challenge during a refuseAuth fault.
    this.auth = new DigestAuth({
      realm: 'camera-sim',
      credentials: options.credentials ?? { username: '\u0000', password: '\u0000' },
    });
  }

  get sessionCount(): number {
    let n = 0;
    for (const c of this.connections) n += c.sessions.size;
    return n;
  }

  /** Packets sent and dropped (slow clients) by the sessions open now. */
  packetCounts(): { sent: number; dropped: number } {
    let sent = 0;
    let dropped = 0;
    for (const c of this.connections) {
      for (const s of c.sessions.values()) {
        sent += s.packetsSent;
        dropped += s.packetsDropped;
      }
    }
    return { sent, dropped };
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Starts listening; resolves with the bound port (the same one again after a restart). */
  async listen(): Promise<number> {
    const { host } = this.options;
    const rtp = await bindUdp(host);
    const rtcp = await bindUdp(host);
    this.udp = { rtp, rtcp };
    const server = createServer((socket) => this.onConnection(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.sweeper = setInterval(() => this.sweep(), Math.min(5000, this.timeoutMs / 2));
    this.sweeper.unref();
    return this.port;
  }

  /** Closes the listener and every connection: the camera is gone. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const server = this.server;
    this.server = undefined;
    this.dropConnections();
    if (this.udp) {
      this.udp.rtp.close();
      this.udp.rtcp.close();
      this.udp = undefined;
    }
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  dropConnections(): void {
    for (const conn of this.connections) this.closeConnection(conn);
  }

  private onConnection(socket: Socket): void {
    socket.setNoDelay(true);
    const conn: Connection = { socket, reader: new RtspReader(), sessions: new Map() };
    this.connections.add(conn);
    const log = this.options.logger;
    socket.on('data', (chunk) => {
      try {
        for (const message of conn.reader.push(chunk)) {
          if (message.kind === 'request') this.handle(conn, message);
          else for (const s of conn.sessions.values()) s.lastActivity = Date.now();
        }
      } catch (err) {
        if (!(err instanceof RtspParseError)) throw err;
        log.warn({ remote: socket.remoteAddress, err: err.message }, 'bad request; closing connection');
        socket.end(formatResponse(err.status, REASONS[err.status] ?? 'Error', undefined, { Connection: 'close' }));
        socket.destroySoon();
      }
    });
    socket.on('error', (err) => log.debug({ err: err.message }, 'connection error'));
    socket.on('close', () => this.closeConnection(conn));
  }

  private closeConnection(conn: Connection): void {
    for (const session of conn.sessions.values()) session.close();
    conn.sessions.clear();
    this.connections.delete(conn);
    conn.socket.destroy();
  }

  private sweep(): void {
    const now = Date.now();
    for (const conn of this.connections) {
      for (const [id, session] of conn.sessions) {
        if (now - session.lastActivity <= this.timeoutMs) continue;
        this.options.logger.info({ session: id }, 'session timed out');
        session.close();
        conn.sessions.delete(id);
      }
    }
  }

  private reply(
    conn: Connection,
    req: RtspRequest,
    status: number,
    headers: Record<string, string | number> = {},
    body?: string,
  ): void {
    const all = { Server: 'cctv-camera-sim', ...headers };
    conn.socket.write(formatResponse(status, REASONS[status] ?? 'Error', req.cseq, all, body));
  }

  private authorized(conn: Connection, req: RtspRequest): boolean {
    const refuse = this.options.faults.refuseAuth();
    if (!refuse && (!this.options.credentials || req.method === 'OPTIONS')) return true;
    const verdict = refuse
      ? ({ ok: false, stale: false, reason: 'refuseAuth fault' } as const)
      : this.auth.verify(req.method, req.headers.get('authorization'));
    if (verdict.ok) return true;
    this.options.logger.debug({ method: req.method, reason: verdict.reason }, 'unauthorized');
    this.reply(conn, req, 401, { 'WWW-Authenticate': this.auth.challenge(verdict.stale) });
    return false;
  }

  private handle(conn: Connection, req: RtspRequest): void {
    if (!this.authorized(conn, req)) return;
    const sessionId = req.headers.get('session')?.split(';')[0]?.trim();
    const session = sessionId ? conn.sessions.get(sessionId) : undefined;
    if (session) session.lastActivity = Date.now();
    switch (req.method) {
      case 'OPTIONS':
        return this.reply(conn, req, 200, { Public: PUBLIC });
      case 'DESCRIBE':
        return this.describe(conn, req);
      case 'SETUP':
        return this.setup(conn, req, session);
      case 'PLAY':
      case 'PAUSE':
      case 'TEARDOWN':
      case 'GET_PARAMETER':
      case 'SET_PARAMETER':
        if (!session) {
          // A keep-alive without a session is still answered: some clients ping before SETUP.
          if (req.method.endsWith('_PARAMETER') && !sessionId) return this.reply(conn, req, 200);
          return this.reply(conn, req, 454);
        }
        return this.inSession(conn, req, session);
      default:
        return this.reply(conn, req, 501, { Public: PUBLIC });
    }
  }

  private findStream(uri: string): { name: string; stream: VideoStream } | undefined {
    const name = pathOf(uri).split('/').filter(Boolean)[0];
    const stream = name === undefined ? undefined : this.options.streams.get(name);
    return stream && name ? { name, stream } : undefined;
  }

  private baseUrl(name: string): string {
    return `rtsp://${this.options.host}:${this.port}/${name}/`;
  }

  private describe(conn: Connection, req: RtspRequest): void {
    const found = this.findStream(req.uri);
    if (!found) return this.reply(conn, req, 404);
    if (!found.stream.ready) return this.reply(conn, req, 503);
    const { info, fmtp, version } = found.stream;
    const sdp = buildSdp({
      sessionName: this.options.name,
      host: this.options.host,
      version,
      track: { ...info, payloadType: 96, fmtp, control: TRACK },
    });
    this.reply(conn, req, 200, { 'Content-Type': 'application/sdp', 'Content-Base': this.baseUrl(found.name) }, sdp);
  }

  private setup(conn: Connection, req: RtspRequest, existing: RtspSession | undefined): void {
    const found = this.findStream(req.uri);
    if (!found) return this.reply(conn, req, 404);
    if (!found.stream.ready) return this.reply(conn, req, 503);
    if (existing?.playing) return this.reply(conn, req, 455);
    const wanted = parseTransport(req.headers.get('transport'));
    if (!wanted || !this.udp) return this.reply(conn, req, 461);
    const id = existing?.id ?? newSessionId();
    existing?.close();
    const remote = conn.socket.remoteAddress ?? this.options.host;
    const transport =
      wanted.kind === 'tcp'
        ? ({ kind: 'tcp', socket: conn.socket, channel: wanted.interleaved[0] } as const)
        : ({
            kind: 'udp',
            socket: this.udp.rtp,
            address: remote,
            rtpPort: wanted.clientPorts[0],
            rtcpPort: wanted.clientPorts[1],
          } as const);
    const session = new RtspSession(id, found.stream, found.name, transport, this.limits, {
      isStalled: () => this.options.faults.stalled(),
      onSlowClient: (s) => {
        this.options.logger.warn({ session: s.id, dropped: s.packetsDropped }, 'client too slow; disconnecting');
        this.closeConnection(conn);
      },
    });
    conn.sessions.set(id, session);
    const ssrc = session.ssrc.toString(16).padStart(8, '0').toUpperCase();
    const reply =
      wanted.kind === 'tcp'
        ? `RTP/AVP/TCP;unicast;interleaved=${wanted.interleaved.join('-')};ssrc=${ssrc}`
        : `RTP/AVP;unicast;client_port=${wanted.clientPorts.join('-')};` +
          `server_port=${this.udp.rtp.address().port}-${this.udp.rtcp.address().port};ssrc=${ssrc}`;
    this.options.logger.debug({ session: id, stream: found.name, transport: wanted.kind }, 'setup');
    this.reply(conn, req, 200, { Transport: reply, Session: this.sessionHeader(id) });
  }

  private sessionHeader(id: string): string {
    return `${id};timeout=${Math.round(this.timeoutMs / 1000)}`;
  }

  private inSession(conn: Connection, req: RtspRequest, session: RtspSession): void {
    const Session = this.sessionHeader(session.id);
    if (req.method === 'PLAY') {
      const { seq, rtptime } = session.nextRtpInfo();
      session.play();
      const url = `${this.baseUrl(session.streamName)}${TRACK}`;
      this.options.logger.debug({ session: session.id }, 'play');
      return this.reply(conn, req, 200, {
        Session,
        Range: 'npt=now-',
        'RTP-Info': `url=${url};seq=${seq};rtptime=${rtptime}`,
      });
    }
    if (req.method === 'PAUSE') session.pause();
    if (req.method === 'TEARDOWN') {
      session.close();
      conn.sessions.delete(session.id);
    }
    this.reply(conn, req, 200, { Session });
  }
}

function pathOf(uri: string): string {
  if (uri.startsWith('/')) return uri;
  try {
    return new URL(uri).pathname;
  } catch {
    return '';
  }
}

function bindUdp(host: string): Promise<UdpSocket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, host, () => {
      socket.off('error', reject);
      // Client RTCP reports and NAT punches arrive here; they are read and ignored.
      socket.on('message', () => undefined);
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
}
