import type { AddressInfo } from 'node:net';
import { controlCommands, type StreamStats } from '@cctv/protocol';
import { AuditLog } from './audit/auditLog';
import { actorOf, AuthService, defaultPolicy, sessionUser, UserError, type AuthPolicy } from './auth/authService';
import { LiveSessions } from './auth/liveSessions';
import type { IngestConfig } from './config/config';
import type { WindowPolicy } from './fanout/flowControl';
import { MediaFanout } from './fanout/mediaFanout';
import { createHttpServer } from './http/httpServer';
import { routes } from './http/routes';
import { InspectionRepository } from './inspections/inspections';
import type { Logger } from './log';
import { CommandFailure, refuseUnknownEvents, registerCommands } from './socket/commands';
import { createSocketServer } from './socket/socketServer';
import { openDatabase, type Db } from './store/db';
import { StreamSupervisor, type SupervisorOptions } from './streams/supervisor';

export interface IngestOptions {
  config: IngestConfig;
  log: Logger;
  /** The control room's database file. */
  dbPath: string;
  port?: number;
  host?: string;
  /** A built console to serve at `/`. */
  consoleDir?: string;
  ffmpegPath?: string;
  supervisor?: SupervisorOptions;
  window?: WindowPolicy;
  statsIntervalMs?: number;
  authPolicy?: Partial<AuthPolicy>;
  sessionSweepMs?: number;
}

export interface Ingest {
  port: number;
  url: string;
  db: Db;
  auth: AuthService;
  audit: AuditLog;
  supervisor: StreamSupervisor;
  fanout: MediaFanout;
  /** The one-time link for creating the first administrator, while there is no user. */
  setupToken: string | null;
  stats(): StreamStats[];
  stop(): Promise<void>;
}

const asFailure = (e: unknown): never => {
  if (e instanceof UserError) throw new CommandFailure(e.code, e.message);
  throw e;
};

/**
 * Starts the service's modules in a visible order and returns a handle that stops them in reverse.
 * main.ts and the integration tests both start it this way.
 */
export async function startIngest(o: IngestOptions): Promise<Ingest> {
  const started = Date.now();
  const log = o.log;

  // 1. Storage: migrations run before anything reads a table.
  const db = openDatabase(o.dbPath);
  const audit = new AuditLog(db);
  const auth = new AuthService(db, audit, log.child({ module: 'auth' }), { ...defaultPolicy, ...o.authPolicy });
  const inspections = new InspectionRepository(db, audit);

  // 2. Streams: sources exist (idle) before anyone can ask for them.
  const supervisor = new StreamSupervisor(o.config, log.child({ module: 'streams' }), {
    ffmpegPath: o.ffmpegPath,
    ...o.supervisor,
  });

  // 3. HTTP: sign-in, health, figures, audit export, and the console build.
  // `fanout` is created below; these closures run only after start-up.
  const stats = (): StreamStats[] =>
    supervisor
      .sources()
      .map((s) => ({ streamId: s.id, ...s.figures(), ...fanout.figures(s.id), restarts: s.restarts }));
  const http = createHttpServer(
    routes({
      auth,
      audit,
      started,
      health: () => {
        const counts: Record<string, number> = {};
        for (const s of supervisor.sources()) counts[s.status().state] = (counts[s.status().state] ?? 0) + 1;
        return {
          status: 'ok',
          uptimeS: Math.round((Date.now() - started) / 1000),
          streams: counts,
          memoryRssBytes: process.memoryUsage.rss(),
        };
      },
      streams: () => ({ streams: supervisor.sources().map((s) => s.status()), stats: stats() }),
    }),
    o.consoleDir,
    auth,
    audit,
    log.child({ module: 'http' }),
  );

  // 4. Sockets: the authenticated door, the control commands, the media fan-out.
  const { io, media } = createSocketServer(http, auth, log.child({ module: 'socket' }));
  const live = new LiveSessions(io, media, audit, o.sessionSweepMs);
  auth.onSessionsEnded = (ids, reason) => live.end(ids, reason);
  const door = { audit, log: log.child({ module: 'control' }) };
  io.on('connection', (socket) => {
    registerCommands(
      socket,
      controlCommands,
      {
        'camera:list': () => supervisor.cameras(),
        'session:whoami': (_p, ctx) => {
          const user = auth.users.byId(ctx.user.id);
          if (!user) throw new CommandFailure('UNAUTHENTICATED', 'Your account no longer exists.');
          return sessionUser(user);
        },
        'session:signOut': ({ everywhere }, ctx) => {
          const resolved = auth.users.byId(ctx.user.id);
          const session = {
            id: ctx.sessionId,
            userId: ctx.user.id,
            workstation: ctx.workstation,
            createdAt: 0,
            expiresAt: ctx.expiresAt,
          };
          if (resolved) setImmediate(() => auth.signOut(session, resolved, everywhere)); // after the acknowledgement
          return null;
        },
        'user:list': () => auth.listUsers(),
        'user:create': async (req, ctx) => {
          const u = await auth.createUser(ctx.actor, req).catch(asFailure);
          return auth.listUsers().find((x) => x.id === u.id)!;
        },
        'user:update': async (req, ctx) => {
          const u = await auth.updateUser(ctx.actor, req).catch(asFailure);
          return auth.listUsers().find((x) => x.id === u.id)!;
        },
        'audit:search': (q) => audit.search(q),
        'audit:verify': () => audit.verify(),
        'inspection:create': (req, ctx) => inspections.create({ ...ctx.actor, userId: ctx.user.id }, req),
        'inspection:respond': (req, ctx) => {
          const i = inspections.respond({ ...ctx.actor, userId: ctx.user.id }, req.id, req.response);
          if (!i) throw new CommandFailure('NOT_FOUND', `No inspection ${req.id}.`);
          return i;
        },
        'inspection:list': () => inspections.list(),
      },
      door,
    );
    refuseUnknownEvents(socket, Object.keys(controlCommands));
  });
  // Stream states and figures go only to consoles allowed to watch video.
  const watchers = () => io.except('no-live-view');
  io.on('connection', (socket) => {
    if (!socket.data.user.permissions.includes('live:view')) void socket.join('no-live-view');
  });
  supervisor.on('state', (status) => watchers().emit('stream:stateChanged', status));
  const fanout = new MediaFanout(media, supervisor, audit, log.child({ module: 'fanout' }), o.window);
  const statsTimer = setInterval(
    () => watchers().emit('stream:statsUpdated', { stats: stats() }),
    o.statsIntervalMs ?? 1000,
  );
  statsTimer.unref();

  // 5. Listen, then start the always-on pulls.
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port ?? 8640, o.host ?? '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  supervisor.start();
  const setupToken = auth.ensureSetupToken();
  log.info(
    { module: 'main', port, cameras: o.config.cameras.length, setupNeeded: setupToken !== null },
    'ingest listening',
  );

  return {
    port,
    url: `http://${o.host === '0.0.0.0' ? '127.0.0.1' : (o.host ?? '127.0.0.1')}:${port}`,
    db,
    auth,
    audit,
    supervisor,
    fanout,
    setupToken,
    stats,
    async stop() {
      clearInterval(statsTimer);
      live.stop();
      // Reverse order: stop taking viewers, stop the pulls, close HTTP, close the database.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await supervisor.stop();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      db.close();
      log.info({ module: 'main' }, 'ingest stopped');
    },
  };
}

export { actorOf };
