/**
 * One virtual camera: its streams (main, optional sub), its RTSP server and the faults it is
 * showing. Where the packets come from (a live encoder or the loop player) is wired by the fleet.
 */
import type { Logger } from 'pino';
import type { VideoStream } from '../media/stream.js';
import type { Ptz, Scene } from '../picture/scene.js';
import type { DigestCredentials } from '../rtsp/digest.js';
import { RtspServer } from '../rtsp/server.js';
import type { FaultRequest, FaultState } from './faults.js';
import { OnvifCamera, type OnvifCameraOptions, type OnvifFaultState } from '../onvif/onvifCamera.js';

/** The public face of a camera, as the fleet API and the control port show it. */
export interface CameraInfo {
  id: string;
  name: string;
  host: string;
  rtspPort: number;
  urls: { main: string; sub: string | null };
  /** ONVIF: device service URL, unicast discovery port and WS-Discovery endpoint; null without ONVIF. */
  onvif: {
    deviceServiceUrl: string;
    port: number;
    discoveryPort: number;
    endpoint: string;
    faults: OnvifFaultState;
  } | null;
  faults: FaultState;
  sessions: number;
}

export interface CameraOptions {
  id: string;
  name: string;
  host: string;
  port: number;
  streams: ReadonlyMap<string, VideoStream>;
  credentials: DigestCredentials | undefined;
  /** The process logger; the camera names its own modules. */
  logger: Logger;
  scene: Scene | undefined;
  sessionTimeoutMs?: number;
  limits?: { maxBufferedBytes?: number | undefined; slowClientTimeoutMs?: number | undefined };
  /** ONVIF options; without them the camera speaks RTSP only. */
  onvif?: Omit<OnvifCameraOptions, 'id' | 'name' | 'host' | 'credentials' | 'logger' | 'setPtz' | 'refuseAuth'>;
}

const DEFAULT_RESTART_MS = 3000;

export class SimCamera {
  readonly id: string;
  readonly name: string;
  private readonly server: RtspServer;
  private readonly log: Logger;
  private stalledUntil = 0;
  private refuseAuthUntil = 0;
  private downTimer: NodeJS.Timeout | undefined;
  private down = false;
  private stopped = false;
  readonly onvif: OnvifCamera | undefined;

  constructor(private readonly o: CameraOptions) {
    this.id = o.id;
    this.name = o.name;
    this.log = o.logger.child({ module: 'camera', camera: o.id });
    if (o.onvif) {
      this.onvif = new OnvifCamera({
        ...o.onvif,
        id: o.id,
        name: o.name,
        host: o.host,
        credentials: o.credentials,
        logger: o.logger.child({ module: 'onvif', camera: o.id }),
        setPtz: (ptz) => this.setPtz(ptz),
        refuseAuth: () => Date.now() < this.refuseAuthUntil,
      });
    }
    this.server = new RtspServer({
      host: o.host,
      port: o.port,
      name: o.name,
      streams: o.streams,
      credentials: o.credentials,
      logger: o.logger.child({ module: 'rtsp', camera: o.id }),
      sessionTimeoutMs: o.sessionTimeoutMs,
      limits: o.limits,
      faults: {
        refuseAuth: () => Date.now() < this.refuseAuthUntil,
        stalled: () => Date.now() < this.stalledUntil,
      },
    });
  }

  async start(): Promise<void> {
    await this.server.listen();
    await this.onvif?.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.downTimer);
    await Promise.all([this.server.close(), this.onvif?.stop()]);
  }

  packetCounts(): { sent: number; dropped: number } {
    return this.server.packetCounts();
  }

  get port(): number {
    return this.server.port;
  }

  url(stream: string): string {
    return `rtsp://${this.o.host}:${this.server.port}/${stream}`;
  }

  info(): CameraInfo {
    const now = Date.now();
    return {
      id: this.id,
      name: this.name,
      host: this.o.host,
      rtspPort: this.server.port,
      urls: { main: this.url('main'), sub: this.o.streams.has('sub') ? this.url('sub') : null },
      onvif: this.onvif
        ? {
            deviceServiceUrl: this.onvif.deviceServiceUrl,
            port: this.onvif.port,
            discoveryPort: this.onvif.discoveryPort,
            endpoint: this.onvif.endpoint,
            faults: this.onvif.faultState(),
          }
        : null,
      faults: {
        stalled: now < this.stalledUntil,
        refusingAuth: now < this.refuseAuthUntil,
        down: this.down,
      },
      sessions: this.server.sessionCount,
    };
  }

  /** Moves the picture (ONVIF PTZ drives this); a looped camera has no live picture to move. */
  setPtz(ptz: Ptz): void {
    this.o.scene?.setPtz(ptz);
  }

  /** Applies a fault now; resolves once it is in effect (for restart: once the camera is down). */
  async fault(request: FaultRequest): Promise<void> {
    const until = request.ms === undefined ? Number.POSITIVE_INFINITY : Date.now() + request.ms;
    this.log.info({ fault: request }, 'fault');
    switch (request.kind) {
      case 'drop':
        this.server.dropConnections();
        return;
      case 'stall':
        this.stalledUntil = until;
        return;
      case 'refuseAuth':
        this.refuseAuthUntil = until;
        return;
      case 'restart':
        return this.goDown(request.ms ?? DEFAULT_RESTART_MS, false);
      case 'reboot':
        return this.goDown(request.ms ?? DEFAULT_RESTART_MS, true);
      case 'clear':
        this.stalledUntil = 0;
        this.refuseAuthUntil = 0;
        this.onvif?.fault('clear', undefined);
        if (this.down) await this.comeBack();
        return;
      default:
        this.onvif?.fault(request.kind, request.ms);
        return;
    }
  }

  /** restart: RTSP only; reboot: RTSP and ONVIF (subscriptions are lost). */
  private async goDown(ms: number, reboot: boolean): Promise<void> {
    clearTimeout(this.downTimer);
    if (!this.down) {
      this.down = true;
      await Promise.all([this.server.close(), reboot ? this.onvif?.goDown() : undefined]);
    }
    this.downTimer = setTimeout(() => void this.comeBack(), ms);
  }

  private async comeBack(): Promise<void> {
    clearTimeout(this.downTimer);
    if (!this.down || this.stopped) return;
    this.down = false;
    try {
      await this.server.listen();
      await this.onvif?.comeBack();
      this.log.info({ port: this.server.port }, 'camera back after restart');
    } catch (err) {
      this.down = true;
      this.log.error({ err: (err as Error).message }, 'camera could not listen again after restart');
    }
  }
}
