/**
 * The fleet: N cameras, their picture sources and the optional control port and manifest. This is
 * the in-process API (`startFleet`) that the CLI and other apps' integration tests share.
 * Start order: picture sources first (so DESCRIBE never meets a camera without parameter sets),
 * then RTSP listeners, then the control port, then the manifest (which says "ready").
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { LiveEncoder } from '../media/encoder.js';
import { LoopPlayer, recordClip, type Clip } from '../media/loop.js';
import { VideoStream } from '../media/stream.js';
import { Scene, type Ptz } from '../picture/scene.js';
import { createLogger } from '../log.js';
import type { DigestCredentials } from '../rtsp/digest.js';
import type { VideoCodec } from '../rtsp/sdp.js';
import { SimCamera, type CameraInfo } from './camera.js';
import { startControlServer } from './control.js';
import type { FaultRequest } from './faults.js';
import { buildManifest, writeManifest, type FleetManifest } from './manifest.js';
import { MulticastResponder } from '../onvif/discovery.js';
import { DISCOVERY_PORT } from '../onvif/discoveryMessages.js';
import type { ProfileInfo } from '../onvif/context.js';
import { SnapshotMaker } from '../onvif/snapshot.js';

export interface FrameSize {
  width: number;
  height: number;
}

/** Options of `startFleet`; every field has the CLI's default. */
export interface FleetOptions {
  /** Number of cameras (default 4). */
  cameras?: number;
  /** Address the RTSP servers bind to and put in URLs (default 127.0.0.1). */
  host?: string;
  /** Camera i (0-based) listens on rtspPort + i (default 8554); 0 gives each camera an ephemeral port. */
  rtspPort?: number;
  /** Main stream size (default 1280x720). */
  main?: FrameSize;
  /** Sub stream size (default 640x360); null for no sub stream. */
  sub?: FrameSize | null;
  fps?: number;
  /** Keyframe interval in frames (default 50). */
  gop?: number;
  /** Main stream bits per second (default 2_000_000). */
  bitrate?: number;
  /** Sub stream bits per second (default 500_000). */
  subBitrate?: number;
  codec?: VideoCodec;
  /** live: one encoder per camera; loop: one clip encoded at start, replayed by every camera. */
  mode?: 'live' | 'loop';
  /** Loop clip length in seconds, rounded up to whole GOPs (default 6). */
  loopSeconds?: number;
  /** RTSP digest credentials; without them the cameras ask for none. */
  credentials?: DigestCredentials;
  /** Camera names are `${namePrefix} ${n}` (default "Camera"). */
  namePrefix?: string;
  /** Write the fleet manifest (JSON) here once every camera is ready. */
  manifestPath?: string;
  /** Start the loopback HTTP control API on this port (0 = ephemeral); omitted = no control port. */
  controlPort?: number;
  ffmpegPath?: string;
  /** A pino logger to log into; otherwise one is made that writes to stderr at `logLevel`. */
  logger?: Logger;
  /** Level of the logger made when none is given (default: LOG_LEVEL or info). */
  logLevel?: string;
  /** Serve ONVIF (default true). */
  onvif?: boolean;
  /** Camera i serves ONVIF (HTTP, and unicast WS-Discovery on UDP) on onvifPort + i; 0 = ephemeral. Default 8000, or 0 when rtspPort is 0. */
  onvifPort?: number;
  /** Answer multicast WS-Discovery probes and send Hello/Bye (default true). */
  discovery?: boolean;
  /** The multicast WS-Discovery port (default 3702). */
  discoveryPort?: number;
  /** Each camera raises motion by itself about every this many seconds (default 0: never). */
  motionEverySec?: number;
  /** RTSP session timeout announced to clients (default 60 s). */
  sessionTimeoutMs?: number;
  /** Bytes queued on a TCP client's socket beyond which packets are dropped (default 1 MiB). */
  maxBufferedBytes?: number;
  /** A TCP client that stays over that cap this long is disconnected (default 10 s). */
  slowClientTimeoutMs?: number;
}

/** A camera of a running fleet. */
export interface FleetCamera {
  readonly id: string;
  readonly name: string;
  readonly urls: { main: string; sub: string | null };
  readonly rtspPort: number;
  fault(request: FaultRequest): Promise<void>;
  setPtz(ptz: Ptz): void;
  /** The picture's current pan/tilt/zoom (what ONVIF PTZ has done to it); null in loop mode. */
  ptz(): Ptz | null;
  info(): CameraInfo;
}

export interface Fleet {
  readonly cameras: readonly FleetCamera[];
  /** Base URL of the control API, when one was asked for. */
  readonly controlUrl: string | null;
  readonly credentials: DigestCredentials | null;
  manifest(): FleetManifest;
  camera(id: string): FleetCamera | undefined;
  /** Capture → RTP-out delay of live encoders, per camera and stream (ms). */
  delays(): Record<string, ReturnType<LiveEncoder['delays']>>;
  stop(): Promise<void>;
}

export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const o = withDefaults(options);
  const log = o.logger.child({ module: 'fleet' });
  const workDir = await mkdtemp(join(tmpdir(), 'camera-sim-'));
  const cameras: SimCamera[] = [];
  const encoders = new Map<string, LiveEncoder>();
  let player: LoopPlayer | undefined;
  let control: Awaited<ReturnType<typeof startControlServer>> | undefined;
  let statsTimer: NodeJS.Timeout | undefined;
  let multicast: MulticastResponder | undefined;
  const scenes = new Map<string, Scene>();

  const stop = async (): Promise<void> => {
    clearInterval(statsTimer);
    player?.stop();
    await control?.close();
    await Promise.all([...cameras.map((c) => c.stop()), ...[...encoders.values()].map((e) => e.stop())]);
    await multicast?.stop();
    await rm(workDir, { recursive: true, force: true });
    log.info('fleet stopped');
  };

  try {
    const clips = o.mode === 'loop' ? await recordLoopClips(o, workDir) : undefined;
    if (clips) player = new LoopPlayer(o.fps);
    if (o.onvif && o.discovery) {
      multicast = new MulticastResponder({
        host: o.host,
        port: o.discoveryPort,
        logger: o.logger.child({ module: 'discovery' }),
      });
      await multicast.start();
    }
    const onvifBase = o.onvifPort ?? (o.rtspPort === 0 ? 0 : 8000);
    for (let i = 0; i < o.cameras; i++) {
      const id = `cam-${String(i + 1).padStart(2, '0')}`;
      const name = `${o.namePrefix} ${i + 1}`;
      const streams = new Map<string, VideoStream>();
      streams.set('main', new VideoStream({ codec: o.codec, ...o.main, fps: o.fps }));
      if (o.sub) streams.set('sub', new VideoStream({ codec: o.codec, ...o.sub, fps: o.fps }));
      let scene: Scene | undefined;
      if (clips && player) {
        const loop = player;
        [...streams.values()].forEach((s, k) => loop.add(s, clips[k]!, i * 7));
      } else {
        scene = new Scene(o.main.width, o.main.height, name);
        const encoder = new LiveEncoder({
          id,
          scene,
          targets: [...streams.values()].map((stream, k) => ({ stream, bitrate: k === 0 ? o.bitrate : o.subBitrate })),
          fps: o.fps,
          gop: o.gop,
          codec: o.codec,
          ffmpegPath: o.ffmpegPath,
          workDir,
          logger: o.logger.child({ module: 'encoder', camera: id }),
        });
        encoders.set(id, encoder);
        scenes.set(id, scene);
      }
      const profiles = (): ProfileInfo[] => {
        const list: ProfileInfo[] = [];
        const encoding = o.codec === 'h265' ? 'H265' : 'H264';
        const kbps = (b: number): number => Math.round(b / 1000);
        list.push({
          token: 'main',
          name: `${name} main`,
          ...o.main,
          fps: o.fps,
          bitrateKbps: kbps(o.bitrate),
          encoding,
          rtspUrl: camera.url('main'),
        });
        if (o.sub) {
          list.push({
            token: 'sub',
            name: `${name} sub`,
            ...o.sub,
            fps: o.fps,
            bitrateKbps: kbps(o.subBitrate),
            encoding,
            rtspUrl: camera.url('sub'),
          });
        }
        return list;
      };
      const sizes: Record<string, FrameSize> = { main: o.main, ...(o.sub ? { sub: o.sub } : {}) };
      const camera: SimCamera = new SimCamera({
        id,
        name,
        host: o.host,
        port: o.rtspPort === 0 ? 0 : o.rtspPort + i,
        streams,
        credentials: o.credentials,
        logger: o.logger,
        scene,
        sessionTimeoutMs: o.sessionTimeoutMs,
        limits: { maxBufferedBytes: o.maxBufferedBytes, slowClientTimeoutMs: o.slowClientTimeoutMs },
        onvif: o.onvif
          ? {
              port: onvifBase === 0 ? 0 : onvifBase + i,
              profiles,
              multicast,
              snapshots: new SnapshotMaker(scene, sizes, o.ffmpegPath),
              motionEverySec: o.motionEverySec,
            }
          : undefined,
      });
      cameras.push(camera);
    }
    // Encoders start one after another: ffmpeg start-up is CPU-heavy on a small machine.
    for (const encoder of encoders.values()) await encoder.start();
    player?.start();
    for (const camera of cameras) await camera.start();
    const byId = new Map(cameras.map((c) => [c.id, c]));
    if (o.controlPort !== undefined) {
      control = await startControlServer(
        o.controlPort,
        {
          list: () => cameras.map((c) => c.info()),
          fault: async (id, request) => {
            const camera = byId.get(id);
            if (camera) await camera.fault(request);
            return camera !== undefined;
          },
        },
        o.logger.child({ module: 'control' }),
      );
    }
    const controlUrl = control?.url ?? null;
    const manifest = (): FleetManifest =>
      buildManifest(
        cameras.map((c) => c.info()),
        { codec: o.codec, mode: o.mode, controlUrl, credentials: o.credentials },
      );
    if (o.manifestPath) await writeManifest(o.manifestPath, manifest());
    const fleetCameras: FleetCamera[] = cameras.map((c) => ({
      id: c.id,
      name: c.name,
      get urls() {
        return c.info().urls;
      },
      get rtspPort() {
        return c.port;
      },
      fault: (request) => c.fault(request),
      setPtz: (ptz) => c.setPtz(ptz),
      ptz: () => scenes.get(c.id)?.ptz ?? null,
      info: () => c.info(),
    }));
    log.info({ cameras: cameras.length, mode: o.mode, codec: o.codec }, 'fleet ready');
    statsTimer = setInterval(() => logStats(log, cameras, encoders), STATS_INTERVAL_MS);
    statsTimer.unref();
    return {
      cameras: fleetCameras,
      controlUrl,
      credentials: o.credentials ?? null,
      manifest,
      camera: (id) => fleetCameras.find((c) => c.id === id),
      delays: () => Object.fromEntries([...encoders].map(([id, e]) => [id, e.delays()])),
      stop,
    };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

const STATS_INTERVAL_MS = 10_000;

/** A periodic line for operators and benchmarks: sessions, and the worst capture→RTP delay. */
function logStats(log: Logger, cameras: readonly SimCamera[], encoders: ReadonlyMap<string, LiveEncoder>): void {
  const sessions = cameras.reduce((n, c) => n + c.info().sessions, 0);
  const delays = [...encoders.values()].flatMap((e) => e.delays()).filter((d) => d.count > 0);
  const worst = (key: 'p50' | 'p95' | 'max'): number | undefined =>
    delays.length ? Math.max(...delays.map((d) => d[key])) : undefined;
  const dropped = [...encoders.values()].reduce((n, e) => n + e.framesDropped, 0);
  const packets = cameras.map((c) => c.packetCounts());
  log.info(
    {
      sessions,
      delayMs: { p50: worst('p50'), p95: worst('p95'), max: worst('max') },
      framesDropped: dropped,
      packetsSent: packets.reduce((n, p) => n + p.sent, 0),
      packetsDropped: packets.reduce((n, p) => n + p.dropped, 0),
    },
    'stats',
  );
}

type OptionalKeys =
  | 'credentials'
  | 'manifestPath'
  | 'controlPort'
  | 'sessionTimeoutMs'
  | 'maxBufferedBytes'
  | 'slowClientTimeoutMs'
  | 'onvifPort';
type ResolvedOptions = Required<Omit<FleetOptions, OptionalKeys>> & Pick<FleetOptions, OptionalKeys>;

function withDefaults(o: FleetOptions): ResolvedOptions {
  return {
    cameras: 4,
    host: '127.0.0.1',
    rtspPort: 8554,
    main: { width: 1280, height: 720 },
    sub: { width: 640, height: 360 },
    fps: 25,
    gop: 50,
    bitrate: 2_000_000,
    subBitrate: 500_000,
    codec: 'h264',
    mode: 'live',
    loopSeconds: 6,
    namePrefix: 'Camera',
    ffmpegPath: 'ffmpeg',
    logLevel: 'info',
    onvif: true,
    discovery: true,
    discoveryPort: DISCOVERY_PORT,
    motionEverySec: 0,
    logger: o.logger ?? createLogger(o.logLevel),
    ...stripUndefined(o),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function recordLoopClips(o: ResolvedOptions, workDir: string): Promise<Clip[]> {
  const started = Date.now();
  const targets = [{ info: { codec: o.codec, ...o.main, fps: o.fps }, bitrate: o.bitrate }];
  if (o.sub) targets.push({ info: { codec: o.codec, ...o.sub, fps: o.fps }, bitrate: o.subBitrate });
  const clips = await recordClip({
    scene: new Scene(o.main.width, o.main.height, `${o.namePrefix} loop`),
    targets,
    fps: o.fps,
    gop: o.gop,
    codec: o.codec,
    seconds: o.loopSeconds,
    ffmpegPath: o.ffmpegPath,
    workDir,
    logger: o.logger.child({ module: 'loop' }),
  });
  const bytes = clips.reduce((n, c) => n + c.frames.flat().reduce((m, p) => m + p.length, 0), 0);
  o.logger
    .child({ module: 'loop' })
    .info({ frames: clips[0]?.frames.length, bytes, ms: Date.now() - started }, 'loop clip recorded');
  return clips;
}
