import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { controlCommands, coreControlCommands, recordingCommands, type StreamStats } from '@cctv/protocol';
import { AlarmService, type AlarmOptions } from './alarms/alarmService';
import { AuditLog } from './audit/auditLog';
import { actorOf, AuthService, defaultPolicy, sessionUser, UserError, type AuthPolicy } from './auth/authService';
import { LiveSessions } from './auth/liveSessions';
import { CameraService } from './cameras/cameraService';
import { DiscoveryService, type DiscoveryOptions } from './cameras/discoveryService';
import { SecretBox } from './cameras/secretBox';
import type { IngestConfig } from './config/config';
import type { WindowPolicy } from './fanout/flowControl';
import { MediaFanout } from './fanout/mediaFanout';
import { createHttpServer } from './http/httpServer';
import { routes } from './http/routes';
import { InspectionRepository } from './inspections/inspections';
import { PlaybackService } from './playback/playbackService';
import { PtzService, type PtzOptions } from './ptz/ptzService';
import { recordingHandlers } from './recording/commands';
import { RecordingService, type RecordingOptions } from './recording/recordingService';
import { RecordsService } from './records/recordsService';
import { snapshotJpeg } from './records/snapshot';
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
  /**
   * Recording (the recordings folder defaults to `recordings` beside the database); false: nothing is
   * recorded and playback is refused.
   */
  recording?: (Partial<RecordingOptions> & { enabled?: true }) | false;
  /** ONVIF cameras: call deadline, discovery schedule (off unless set), PTZ timings, event subscriptions. */
  cameras?: { onvifTimeoutMs?: number; discovery?: DiscoveryOptions; ptz?: PtzOptions; alarms?: AlarmOptions };
}

export interface Ingest {
  port: number;
  url: string;
  db: Db;
  auth: AuthService;
  audit: AuditLog;
  records: RecordsService;
  supervisor: StreamSupervisor;
  cameras: CameraService;
  ptz: PtzService;
  alarms: AlarmService;
  discovery: DiscoveryService;
  fanout: MediaFanout;
  recording: RecordingService | null;
  playback: PlaybackService;
  /** The one-time link for creating the first administrator, while there is no user. */
  setupToken: string | null;
  stats(): StreamStats[];
  stop(): Promise<void>;
}

const RECORDS_ALL = 'records:all';
const RECORDS_SHARED = 'records:shared';
const REQUESTS = 'requests';
const CAMERA_ADMINS = 'cameras:manage';

const asFailure = (e: unknown): never => {
  if (e instanceof UserError) throw new CommandFailure(e.code, e.message, e.field);
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

  // 3. Cameras: the registry (stored ONVIF cameras join the config file's), PTZ, alarms, discovery.
  const onvifTimeoutMs = o.cameras?.onvifTimeoutMs;
  const cameras = new CameraService(
    db,
    SecretBox.forDatabase(o.dbPath),
    supervisor,
    o.config.cameras,
    audit,
    log.child({ module: 'cameras' }),
    { onvifTimeoutMs },
  );
  const ptz = new PtzService(cameras, audit, log.child({ module: 'ptz' }), o.cameras?.ptz);
  const alarms = new AlarmService(db, audit, log.child({ module: 'alarms' }), { onvifTimeoutMs, ...o.cameras?.alarms });
  const discovery = new DiscoveryService(cameras.repo, log.child({ module: 'discovery' }), o.cameras?.discovery);
  cameras.hooks.push({ added: () => undefined, changed: () => undefined, removing: (id) => ptz.forget(id) }, alarms);
  cameras.start();

  const records = new RecordsService(db, audit, log.child({ module: 'records' }), async (cameraId) => {
    const source = supervisor.source(`${cameraId}:sub`) ?? supervisor.source(`${cameraId}:main`);
    return source ? snapshotJpeg(source, o.ffmpegPath ?? 'ffmpeg') : undefined;
  });

  // 3b. Recording: repair what a crash left, then record every camera from the pulls above (the
  // recorder is one more consumer of each main stream: no second RTSP session).
  const recording =
    o.recording === false
      ? null
      : new RecordingService(db, supervisor, audit, alarms, records.incidents, log.child({ module: 'recording' }), {
          ...o.recording,
          dir: o.recording?.dir ?? join(dirname(o.dbPath), 'recordings'),
        });
  await recording?.start();

  // 4. HTTP: sign-in, health, figures, audit export, snapshots, and the console build.
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
      snapshot: (id, seeAll) => records.snapshotOf(id, seeAll),
    }),
    o.consoleDir,
    auth,
    audit,
    log.child({ module: 'http' }),
  );

  // 5. Sockets: the authenticated door, the control commands, the media fan-out.
  const { io, media } = createSocketServer(http, auth, log.child({ module: 'socket' }));
  const live = new LiveSessions(io, media, audit, o.sessionSweepMs);
  auth.onSessionsEnded = (ids, reason) => live.end(ids, reason);
  const door = { audit, log: log.child({ module: 'control' }) };
  io.on('connection', (socket) => {
    registerCommands(
      socket,
      coreControlCommands,
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
        'incident:create': (req, ctx) => records.createIncident(req, ctx),
        'incident:update': (req, ctx) => records.updateIncident(req, ctx),
        'incident:addNarrative': (req, ctx) => records.addNarrative(req, ctx, 'operator'),
        'incident:comment': (req, ctx) => records.addNarrative(req, ctx, 'police-comment'),
        'incident:review': (req, ctx) => records.review(req, ctx),
        'incident:get': ({ id }, ctx) => records.getIncident(id, ctx),
        'incident:list': (q, ctx) => records.listIncidents(q, ctx),
        'incident:categories': () => records.incidents.categories(),
        'policeRequest:create': (req, ctx) => records.createRequest(req, ctx),
        'policeRequest:decide': (req, ctx) => records.decide(req, ctx),
        'policeRequest:release': (req, ctx) => records.release(req, ctx),
        'policeRequest:dispose': (req, ctx) => records.dispose(req, ctx),
        'policeRequest:list': (q) => records.requests.list(q),
        'shift:start': (req, ctx) => records.startShift(req, ctx),
        'shift:update': (req, ctx) => records.updateShift(req, ctx),
        'shift:end': ({ id }, ctx) => records.endShift(id, ctx),
        'shift:signOff': ({ id }, ctx) => records.signOffShift(id, ctx),
        'shift:current': () => ({
          shift: records.shifts.current() ?? null,
          previous: records.shifts.previous() ?? null,
        }),
        'shift:list': ({ limit }) => records.shifts.list(limit),
        'records:catchUp': ({ sinceRev }, ctx) => records.catchUp(sinceRev, ctx),
        'discovery:probe': (req) => discovery.probe(req),
        'discovery:list': () => discovery.list(),
        'camera:registry': () => cameras.registry(),
        'camera:add': (req, ctx) => cameras.add(req, ctx),
        'camera:update': (req, ctx) => cameras.update(req, ctx),
        'camera:remove': ({ id }, ctx) => cameras.remove(id, ctx),
        'ptz:move': (req, ctx) => ptz.move(req, ctx, socket.id),
        'ptz:stop': ({ cameraId }, ctx) => ptz.stop(cameraId, ctx, socket.id),
        'ptz:home': ({ cameraId }, ctx) => ptz.home(cameraId, ctx, socket.id),
        'ptz:status': ({ cameraId }) => ptz.status(cameraId),
        'ptz:preset:list': ({ cameraId }) => ptz.presets(cameraId),
        'ptz:preset:goto': ({ cameraId, token }, ctx) => ptz.gotoPreset(cameraId, token, ctx, socket.id),
        'ptz:preset:set': ({ cameraId, name }, ctx) => ptz.setPreset(cameraId, name, ctx, socket.id),
        'ptz:preset:remove': ({ cameraId, token }, ctx) => ptz.removePreset(cameraId, token, ctx, socket.id),
        'ptz:takeOver': ({ cameraId }, ctx) => ptz.takeOver(cameraId, ctx, socket.id),
        'alarm:list': (q) => alarms.list(q),
        'alarm:acknowledge': ({ id }, ctx) => alarms.acknowledge(id, ctx),
      },
      door,
    );
    registerCommands(socket, recordingCommands, recordingHandlers(recording), door);
    refuseUnknownEvents(socket, Object.keys(controlCommands));
    // Rooms decide who hears of which record: all records, only those shared with the police, requests.
    const perms = socket.data.user.permissions;
    if (perms.includes('records:viewAll')) void socket.join(RECORDS_ALL);
    else if (perms.includes('records:viewShared')) void socket.join(RECORDS_SHARED);
    if (perms.includes('requests:view')) void socket.join(REQUESTS);
    if (perms.includes('cameras:manage')) void socket.join(CAMERA_ADMINS);
    // A console that drops mid-move must not leave a camera turning.
    socket.on('disconnect', () => ptz.disconnected(socket.id));
  });
  records.listener = {
    incident: (i) => {
      io.to(RECORDS_ALL).emit('incident:changed', i);
      if (i.sharedWithPolice) io.to(RECORDS_SHARED).emit('incident:changed', i);
      else io.to(RECORDS_SHARED).emit('incident:removed', { id: i.id, rev: i.rev });
    },
    policeRequest: (r) => io.to(REQUESTS).emit('policeRequest:changed', r),
    shift: (sh) => io.to(RECORDS_ALL).emit('shift:changed', sh),
  };
  // Stream states and figures go only to consoles allowed to watch video.
  const watchers = () => io.except('no-live-view');
  io.on('connection', (socket) => {
    if (!socket.data.user.permissions.includes('live:view')) void socket.join('no-live-view');
  });
  supervisor.on('state', (status) => watchers().emit('stream:stateChanged', status));
  cameras.listener = {
    changed: (c) => watchers().emit('camera:changed', c),
    removed: (id) => watchers().emit('camera:removed', { id }),
  };
  ptz.onLockChanged = (lock) => watchers().emit('ptz:lockChanged', lock);
  alarms.listener = {
    raised: (a) => {
      watchers().emit('alarm:raised', a);
      recording?.onAlarm(a);
    },
    changed: (a) => {
      watchers().emit('alarm:changed', a);
      recording?.onAlarm(a);
    },
  };
  if (recording) recording.onStateChanged = (s) => watchers().emit('recording:stateChanged', s);
  discovery.onUpdated = (r) => io.to(CAMERA_ADMINS).emit('discovery:updated', r);
  const fanout = new MediaFanout(media, supervisor, audit, log.child({ module: 'fanout' }), o.window);
  const playback = new PlaybackService(media, recording, supervisor, audit, log.child({ module: 'playback' }));
  const statsTimer = setInterval(
    () => watchers().emit('stream:statsUpdated', { stats: stats() }),
    o.statsIntervalMs ?? 1000,
  );
  statsTimer.unref();

  // 6. Listen, then start the always-on pulls.
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port ?? 8640, o.host ?? '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  supervisor.start();
  discovery.start();
  const setupToken = auth.ensureSetupToken();
  log.info(
    { module: 'main', port, cameras: supervisor.cameras().length, setupNeeded: setupToken !== null },
    'ingest listening',
  );

  return {
    port,
    url: `http://${o.host === '0.0.0.0' ? '127.0.0.1' : (o.host ?? '127.0.0.1')}:${port}`,
    db,
    auth,
    audit,
    records,
    supervisor,
    cameras,
    ptz,
    alarms,
    discovery,
    fanout,
    recording,
    playback,
    setupToken,
    stats,
    async stop() {
      clearInterval(statsTimer);
      live.stop();
      discovery.stop();
      // Reverse order: stop taking viewers, stop every moving camera, end event subscriptions, stop
      // the pulls, close HTTP, close the database.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await playback.stop();
      // Footage being written is closed at its last fragment before the pulls stop.
      await recording?.stop();
      await ptz.stopAll();
      await alarms.stop();
      await cameras.stop();
      await supervisor.stop();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      db.close();
      log.info({ module: 'main' }, 'ingest stopped');
    },
  };
}

export { actorOf };
