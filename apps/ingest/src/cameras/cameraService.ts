import type { CameraInfo, controlCommands } from '@cctv/protocol';
import type { z } from 'zod';
import type { AuditLog } from '../audit/auditLog';
import type { CameraConfig } from '../config/config';
import type { Logger } from '../log';
import { connectOnvifDevice, type ConnectOptions, type OnvifDevice } from '../onvif/index';
import { CommandFailure } from '../socket/commands';
import type { SocketData } from '../socket/socketData';
import type { Db } from '../store/db';
import type { StreamSupervisor } from '../streams/supervisor';
import { cameraInfo, CameraRepository, type StoredCamera } from './cameraRepository';
import { idFromName, normaliseDeviceUrl, onboardingFailure, readDevice } from './onboarding';
import type { SecretBox } from './secretBox';

type Req<K extends keyof typeof controlCommands> = z.output<(typeof controlCommands)[K]['request']>;

/** Modules that follow the registry (PTZ, alarms). */
export interface CameraHooks {
  added(camera: StoredCamera): void;
  changed(camera: StoredCamera, credentialsChanged: boolean): void;
  /** Called before the camera goes: stop what uses it (a PTZ move is stopped here). */
  removing(cameraId: string): Promise<void>;
}

/** Where registry changes go; the socket layer decides who hears them. */
export interface CameraListener {
  changed(camera: CameraInfo): void;
  removed(cameraId: string): void;
}

export interface CameraServiceOptions {
  /** Deadline of each ONVIF call (default 5000 ms). */
  onvifTimeoutMs?: number;
  /** How to connect to a camera (the ONVIF adapter by default). */
  connect?: (o: ConnectOptions) => Promise<OnvifDevice>;
}

/** The supervisor's view of a stored camera: its stream URIs with the stored credentials. */
export function streamConfigOf(c: StoredCamera): CameraConfig {
  const stream = (uri: string) => ({
    url: uri,
    username: c.username,
    password: c.password,
    transport: 'tcp' as const,
    transcode: false,
  });
  return {
    id: c.id,
    name: c.name,
    district: c.district || undefined,
    site: c.site || undefined,
    streams: { main: stream(c.main.uri), ...(c.sub ? { sub: stream(c.sub.uri) } : {}) },
  };
}

/**
 * The camera registry: onboarding over ONVIF, editing, removal, and one connected ONVIF device per
 * camera for PTZ. Config-file cameras are listed read-only beside the stored ones.
 */
export class CameraService {
  readonly repo: CameraRepository;
  readonly hooks: CameraHooks[] = [];
  listener: CameraListener = { changed: () => undefined, removed: () => undefined };
  private readonly devices = new Map<string, Promise<OnvifDevice>>();
  private readonly connect: (o: ConnectOptions) => Promise<OnvifDevice>;
  private readonly timeoutMs: number;

  constructor(
    db: Db,
    box: SecretBox,
    private readonly supervisor: StreamSupervisor,
    private readonly configCameras: readonly CameraConfig[],
    private readonly audit: AuditLog,
    private readonly log: Logger,
    options: CameraServiceOptions = {},
  ) {
    this.repo = new CameraRepository(db, box);
    this.connect = options.connect ?? connectOnvifDevice;
    this.timeoutMs = options.onvifTimeoutMs ?? 5000;
  }

  /** Puts the stored cameras into the supervisor and tells the hooks; call once at start-up. */
  start(): void {
    for (const c of this.repo.list()) {
      if (this.supervisor.hasCamera(c.id)) {
        this.log.error(
          { camera: c.id },
          'a stored camera has the id of a config-file camera; the stored one is skipped',
        );
        continue;
      }
      this.supervisor.addCamera(streamConfigOf(c));
      for (const h of this.hooks) h.added(c);
    }
  }

  async stop(): Promise<void> {
    const all = [...this.devices.values()];
    this.devices.clear();
    await Promise.all(all.map((p) => p.then((d) => d.close()).catch(() => undefined)));
  }

  registry(): CameraInfo[] {
    const fromConfig: CameraInfo[] = this.configCameras.map((c) => ({
      id: c.id,
      name: c.name,
      district: c.district ?? '',
      site: c.site ?? '',
      location: '',
      source: 'config',
      deviceUrl: null,
      make: null,
      model: null,
      ptz: false,
      profiles: { main: null, sub: null },
      createdAt: null,
      updatedAt: null,
    }));
    return [...fromConfig, ...this.repo.list().map(cameraInfo)];
  }

  get(cameraId: string): StoredCamera | undefined {
    return this.repo.get(cameraId);
  }

  async add(req: Req<'camera:add'>, ctx: SocketData): Promise<CameraInfo> {
    const url = normaliseDeviceUrl(req.deviceUrl);
    const taken = (id: string) => this.supervisor.hasCamera(id) || this.repo.get(id) !== undefined;
    const existing = this.repo.byDeviceUrl(url);
    if (existing)
      throw new CommandFailure('CONFLICT', `"${existing.name}" (${existing.id}) is already at this address.`);
    if (req.id && taken(req.id)) throw new CommandFailure('CONFLICT', `A camera "${req.id}" exists already.`, 'id');
    const reading = await this.read(url, { username: req.username, password: req.password });
    const id = req.id ?? idFromName(req.name, taken);
    if (taken(id)) throw new CommandFailure('CONFLICT', `A camera "${id}" exists already.`, 'id');
    const now = Date.now();
    const camera: StoredCamera = {
      id,
      name: req.name,
      district: req.district,
      site: req.site,
      location: req.location,
      deviceUrl: url,
      username: req.username,
      password: req.password,
      ...reading,
      createdAt: now,
      updatedAt: now,
    };
    this.repo.save(camera);
    this.audit.append(ctx.actor, 'camera.changed', {
      cameraId: id,
      target: `camera:${id}`,
      details: {
        change: 'added',
        deviceUrl: url,
        make: camera.make,
        model: camera.model,
        ptz: camera.ptzToken !== null,
      },
    });
    this.supervisor.addCamera(streamConfigOf(camera));
    for (const h of this.hooks) h.added(camera);
    this.log.info({ camera: id, deviceUrl: url }, 'camera onboarded');
    const info = cameraInfo(camera);
    this.listener.changed(info);
    return info;
  }

  async update(req: Req<'camera:update'>, ctx: SocketData): Promise<CameraInfo> {
    const before = this.stored(req.id);
    let after: StoredCamera = {
      ...before,
      ...(req.name !== undefined ? { name: req.name } : {}),
      ...(req.district !== undefined ? { district: req.district } : {}),
      ...(req.site !== undefined ? { site: req.site } : {}),
      ...(req.location !== undefined ? { location: req.location } : {}),
    };
    if (req.credentials) {
      // New credentials are proved against the camera (and its profiles read again) before they are kept.
      after = { ...after, ...req.credentials, ...(await this.read(before.deviceUrl, req.credentials)) };
    }
    after.updatedAt = Date.now();
    this.repo.save(after);
    const fields = [
      ...(['name', 'district', 'site', 'location'] as const).filter((k) => before[k] !== after[k]),
      ...(req.credentials ? ['credentials'] : []),
    ];
    this.audit.append(ctx.actor, 'camera.changed', {
      cameraId: after.id,
      target: `camera:${after.id}`,
      details: { change: 'updated', fields },
    });
    await this.supervisor.updateCamera(streamConfigOf(after));
    if (req.credentials) await this.forgetDevice(after.id);
    for (const h of this.hooks) h.changed(after, req.credentials !== undefined);
    const info = cameraInfo(after);
    this.listener.changed(info);
    return info;
  }

  async remove(cameraId: string, ctx: SocketData): Promise<null> {
    const camera = this.stored(cameraId);
    for (const h of this.hooks) await h.removing(cameraId);
    await this.supervisor.removeCamera(cameraId);
    await this.forgetDevice(cameraId);
    this.repo.remove(cameraId);
    this.audit.append(ctx.actor, 'camera.changed', {
      cameraId,
      target: `camera:${cameraId}`,
      details: { change: 'removed', name: camera.name, deviceUrl: camera.deviceUrl },
    });
    this.log.info({ camera: cameraId }, 'camera removed');
    this.listener.removed(cameraId);
    return null;
  }

  /** The connected ONVIF device of a stored camera (connected on first use, kept). */
  device(cameraId: string): Promise<OnvifDevice> {
    let p = this.devices.get(cameraId);
    if (p) return p;
    const c = this.stored(cameraId);
    p = this.connect({
      url: c.deviceUrl,
      credentials: { username: c.username, password: c.password },
      timeoutMs: this.timeoutMs,
    });
    this.devices.set(cameraId, p);
    p.catch(() => {
      if (this.devices.get(cameraId) === p) this.devices.delete(cameraId);
    });
    return p;
  }

  /** Drops the connected device (after a failure, or new credentials): the next use reconnects. */
  async forgetDevice(cameraId: string): Promise<void> {
    const p = this.devices.get(cameraId);
    this.devices.delete(cameraId);
    await p?.then((d) => d.close()).catch(() => undefined);
  }

  private stored(cameraId: string): StoredCamera {
    const c = this.repo.get(cameraId);
    if (c) return c;
    if (this.configCameras.some((x) => x.id === cameraId))
      throw new CommandFailure('CONFLICT', `"${cameraId}" comes from the config file and cannot be changed here.`);
    throw new CommandFailure('NOT_FOUND', `No camera "${cameraId}".`);
  }

  /** Connects with the credentials and reads the device; the camera's clock is read first (skew). */
  private async read(url: string, credentials: { username: string; password: string }) {
    let device: OnvifDevice | undefined;
    try {
      device = await this.connect({ url, credentials, timeoutMs: this.timeoutMs });
      return await readDevice(device);
    } catch (e) {
      return onboardingFailure(e, url);
    } finally {
      await device?.close().catch(() => undefined);
    }
  }
}
