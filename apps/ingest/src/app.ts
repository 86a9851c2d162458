import type { AddressInfo } from 'node:net';
import { controlCommands, type StreamStats } from '@cctv/protocol';
import type { IngestConfig } from './config/config';
import { MediaFanout } from './fanout/mediaFanout';
import type { WindowPolicy } from './fanout/flowControl';
import { createHttpServer } from './http/httpServer';
import type { Logger } from './log';
import { refuseUnknownEvents, registerCommands } from './socket/commands';
import { createSocketServer } from './socket/socketServer';
import { StreamSupervisor, type SupervisorOptions } from './streams/supervisor';

export interface IngestOptions {
  config: IngestConfig;
  log: Logger;
  port?: number;
  host?: string;
  /** A built console to serve at `/`. */
  consoleDir?: string;
  ffmpegPath?: string;
  supervisor?: SupervisorOptions;
  window?: WindowPolicy;
  statsIntervalMs?: number;
}

export interface Ingest {
  port: number;
  url: string;
  supervisor: StreamSupervisor;
  fanout: MediaFanout;
  stats(): StreamStats[];
  stop(): Promise<void>;
}

/**
 * Starts the service's modules in order (streams → HTTP → sockets → listen → pulls) and returns a
 * handle that stops them in reverse. main.ts and the integration tests both start it this way.
 */
export async function startIngest(o: IngestOptions): Promise<Ingest> {
  const started = Date.now();
  const log = o.log;

  // 1. Streams: sources exist (idle) before anyone can ask for them.
  const supervisor = new StreamSupervisor(o.config, log.child({ module: 'streams' }), {
    ffmpegPath: o.ffmpegPath,
    ...o.supervisor,
  });

  // 2. HTTP: health and figures, and the console build.
  // Called only once the fan-out below exists.
  const stats = (): StreamStats[] =>
    supervisor
      .sources()
      .map((s) => ({ streamId: s.id, ...s.figures(), ...fanout.figures(s.id), restarts: s.restarts }));
  const http = createHttpServer(
    {
      '/health': () => {
        const counts: Record<string, number> = {};
        for (const s of supervisor.sources()) counts[s.status().state] = (counts[s.status().state] ?? 0) + 1;
        return {
          status: 'ok',
          uptimeS: Math.round((Date.now() - started) / 1000),
          streams: counts,
          memoryRssBytes: process.memoryUsage.rss(),
        };
      },
      '/api/streams': () => ({ streams: supervisor.sources().map((s) => s.status()), stats: stats() }),
    },
    o.consoleDir,
    log.child({ module: 'http' }),
  );

  // 3. Sockets: the control namespace and the media fan-out.
  const { io, media } = createSocketServer(http, log.child({ module: 'socket' }));
  const socketLog = log.child({ module: 'control' });
  io.on('connection', (socket) => {
    registerCommands(socket, controlCommands, { 'camera:list': () => supervisor.cameras() }, socketLog);
    refuseUnknownEvents(socket, Object.keys(controlCommands));
  });
  supervisor.on('state', (status) => io.emit('stream:stateChanged', status));
  const fanout = new MediaFanout(media, supervisor, log.child({ module: 'fanout' }), o.window);
  const statsTimer = setInterval(() => io.emit('stream:statsUpdated', { stats: stats() }), o.statsIntervalMs ?? 1000);
  statsTimer.unref();

  // 4. Listen, then start the always-on pulls.
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port ?? 8640, o.host ?? '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  supervisor.start();
  log.info({ module: 'main', port, cameras: o.config.cameras.length }, 'ingest listening');

  return {
    port,
    url: `http://${o.host === '0.0.0.0' ? '127.0.0.1' : (o.host ?? '127.0.0.1')}:${port}`,
    supervisor,
    fanout,
    stats,
    async stop() {
      clearInterval(statsTimer);
      // Reverse order: stop taking viewers, stop the pulls, close HTTP.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await supervisor.stop();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      log.info({ module: 'main' }, 'ingest stopped');
    },
  };
}
