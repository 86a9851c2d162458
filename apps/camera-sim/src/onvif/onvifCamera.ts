/**
 * The ONVIF side of one virtual camera: its SOAP server, unicast discovery port, PTZ, events and
 * snapshot, and the ONVIF faults (clock skew, ignored PTZ timeouts, slow or malformed answers,
 * reboot). The camera (fleet/camera.ts) owns one and forwards faults and stop to it.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Ptz } from '../picture/scene.js';
import type { DigestCredentials } from '../rtsp/digest.js';
import type { OnvifContext, ProfileInfo } from './context.js';
import { MODEL, MANUFACTURER } from './device.js';
import type { MulticastResponder } from './discovery.js';
import { UnicastResponder } from './discovery.js';
import type { DiscoveryTarget } from './discoveryMessages.js';
import { EventBroker, type Topic } from './events.js';
import { PtzController } from './ptz.js';
import { sceneZoom } from './ptzModel.js';
import { OnvifServer } from './server.js';
import type { SnapshotMaker } from './snapshot.js';

export interface OnvifCameraOptions {
  id: string;
  name: string;
  host: string;
  port: number;
  profiles: () => ProfileInfo[];
  credentials: DigestCredentials | undefined;
  logger: Logger;
  multicast: MulticastResponder | undefined;
  snapshots: SnapshotMaker;
  setPtz: (ptz: Ptz) => void;
  refuseAuth: () => boolean;
  /** Raise motion by itself about every this many seconds (0 = never). */
  motionEverySec: number;
}

export interface OnvifFaultState {
  skewMs: number;
  ignoringPtzTimeout: boolean;
  slowMs: number;
  malformed: boolean;
}

export class OnvifCamera {
  readonly events: EventBroker;
  readonly ptz: PtzController;
  private readonly server: OnvifServer;
  private unicast: UnicastResponder | undefined;
  private readonly ctx: OnvifContext;
  private skewMs = 0;
  private ignorePtzTimeoutUntil = 0;
  private slowMs = 0;
  private slowUntil = 0;
  private malformedUntil = 0;
  private up = false;
  private removeFromMulticast: (() => void) | undefined;
  private motionTimer: NodeJS.Timeout | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly endpoint: string;

  constructor(private readonly o: OnvifCameraOptions) {
    const now = (): number => Date.now() + this.skewMs;
    this.events = new EventBroker(now);
    this.ptz = new PtzController({
      now,
      ignoreTimeout: () => Date.now() < this.ignorePtzTimeoutUntil,
      onPosition: (p) => o.setPtz({ pan: p.pan, tilt: p.tilt, zoom: sceneZoom(p.zoom) }),
    });
    const hash = createHash('sha1').update(`cctv-sim:${o.host}:${o.id}:${o.port}`).digest('hex');
    this.endpoint = `urn:uuid:${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-8${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
    this.ctx = {
      id: o.id,
      name: o.name,
      baseUrl: () => `http://${o.host}:${this.server.port}`,
      now,
      profiles: o.profiles,
      ptz: this.ptz,
      events: this.events,
      serialNumber: hash.slice(0, 12).toUpperCase(),
      hardwareId: MODEL,
    };
    this.server = new OnvifServer({
      host: o.host,
      port: o.port,
      ctx: this.ctx,
      credentials: o.credentials,
      logger: o.logger,
      faults: {
        refuseAuth: o.refuseAuth,
        slowMs: () => (Date.now() < this.slowUntil ? this.slowMs : 0),
        malformed: () => Date.now() < this.malformedUntil,
      },
      snapshot: (profile) => o.snapshots.snapshot(profile),
    });
  }

  get port(): number {
    return this.server.port;
  }

  get discoveryPort(): number {
    return this.unicast?.port ?? 0;
  }

  get deviceServiceUrl(): string {
    return `${this.ctx.baseUrl()}/onvif/device_service`;
  }

  target(): DiscoveryTarget | null {
    if (!this.up) return null;
    const scope = (s: string): string => `onvif://www.onvif.org/${s}`;
    return {
      endpoint: this.endpoint,
      xaddrs: [this.deviceServiceUrl],
      types: ['dn:NetworkVideoTransmitter', 'tds:Device'],
      scopes: [
        scope('type/video_encoder'),
        scope('type/ptz'),
        scope('Profile/Streaming'),
        scope(`name/${encodeURIComponent(this.o.name)}`),
        scope(`hardware/${encodeURIComponent(MODEL)}`),
        scope(`mfr/${encodeURIComponent(MANUFACTURER)}`),
        scope(`location/${encodeURIComponent('Simulated site')}`),
      ],
      metadataVersion: 1,
    };
  }

  async start(): Promise<void> {
    await this.server.listen();
    this.unicast = new UnicastResponder({
      host: this.o.host,
      port: this.server.port,
      source: () => this.target(),
      logger: this.o.logger,
    });
    await this.unicast.start();
    this.up = true;
    this.removeFromMulticast = this.o.multicast?.add(() => this.target());
    this.hello();
    this.scheduleMotion();
  }

  async stop(): Promise<void> {
    const target = this.target();
    if (target) this.o.multicast?.bye(target);
    this.up = false;
    this.removeFromMulticast?.();
    clearTimeout(this.motionTimer);
    for (const t of this.timers) clearTimeout(t);
    this.ptz.dispose();
    this.events.clear();
    await Promise.all([this.server.close(), this.unicast?.stop()]);
  }

  /** Reboot, part one: Bye, subscriptions gone, SOAP down. */
  async goDown(): Promise<void> {
    if (!this.up) return;
    const target = this.target();
    if (target) this.o.multicast?.bye(target);
    this.up = false;
    this.events.clear();
    this.ptz.stop();
    await this.server.close();
  }

  /** Reboot, part two: SOAP back on the same port, Hello. */
  async comeBack(): Promise<void> {
    if (this.up) return;
    await this.server.listen();
    this.up = true;
    this.hello();
  }

  fault(kind: string, ms: number | undefined): void {
    const until = ms === undefined ? Number.POSITIVE_INFINITY : Date.now() + ms;
    switch (kind) {
      case 'skew':
        this.skewMs = ms ?? 0;
        return;
      case 'ignorePtzTimeout':
        this.ignorePtzTimeoutUntil = until;
        return;
      case 'slow':
        this.slowMs = ms ?? 2000;
        this.slowUntil = Number.POSITIVE_INFINITY;
        return;
      case 'malformed':
        this.malformedUntil = until;
        return;
      case 'motion':
        return this.raise('tns1:VideoSource/MotionAlarm');
      case 'tamper':
        return this.raise('tns1:VideoSource/GlobalSceneChange/ImagingService');
      case 'clear':
        this.skewMs = 0;
        this.ignorePtzTimeoutUntil = 0;
        this.slowUntil = 0;
        this.malformedUntil = 0;
        return;
    }
  }

  faultState(): OnvifFaultState {
    const now = Date.now();
    return {
      skewMs: this.skewMs,
      ignoringPtzTimeout: now < this.ignorePtzTimeoutUntil,
      slowMs: now < this.slowUntil ? this.slowMs : 0,
      malformed: now < this.malformedUntil,
    };
  }

  /** An alarm goes active now and inactive a second later, as a camera's motion detector does. */
  raise(topic: Topic): void {
    const message = { topic, source: 'VideoSource_1', utcMs: this.ctx.now() };
    this.events.publish({ ...message, state: true });
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.events.publish({ ...message, utcMs: this.ctx.now(), state: false });
    }, 1000);
    this.timers.add(t);
  }

  private hello(): void {
    const target = this.target();
    if (target) this.o.multicast?.hello(target);
  }

  private scheduleMotion(): void {
    if (this.o.motionEverySec <= 0) return;
    const ms = this.o.motionEverySec * 1000 * (0.5 + Math.random());
    this.motionTimer = setTimeout(() => {
      if (this.up) this.raise('tns1:VideoSource/MotionAlarm');
      this.scheduleMotion();
    }, ms);
    this.motionTimer.unref();
  }
}
