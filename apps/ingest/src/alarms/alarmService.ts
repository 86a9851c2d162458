import type { Alarm, AlarmKind } from '@cctv/protocol';
import type { AuditLog } from '../audit/auditLog';
import type { CameraHooks } from '../cameras/cameraService';
import type { StoredCamera } from '../cameras/cameraRepository';
import type { Logger } from '../log';
import {
  connectOnvifDevice,
  isOnvifError,
  type ConnectOptions,
  type EventStream,
  type EventSubscriptionOptions,
  type OnvifAlarm,
  type OnvifDevice,
} from '../onvif/index';
import { CommandFailure } from '../socket/commands';
import type { SocketData } from '../socket/socketData';
import type { Db } from '../store/db';
import { AlarmRepository } from './alarmRepository';

export interface AlarmOptions {
  events?: EventSubscriptionOptions;
  /** Wait before connecting again to a camera that could not be reached (doubles up to 60 s; default 2 s). */
  reconnectMs?: number;
  onvifTimeoutMs?: number;
  connect?: (o: ConnectOptions) => Promise<OnvifDevice>;
}

/** Where alarms go once stored; the socket layer decides who hears them. */
export interface AlarmListener {
  raised(a: Alarm): void;
  changed(a: Alarm): void;
}

interface Watch {
  stopped: boolean;
  device: OnvifDevice | null;
  stream: EventStream | null;
  timer: NodeJS.Timeout | null;
}

/**
 * One pull-point subscription per onboarded camera (the adapter renews it and subscribes again after
 * a reboot); motion and tamper become stored alarms, published, and acknowledged with who and when.
 * A camera that cannot be reached is retried with backoff; it never blocks the others.
 */
export class AlarmService implements CameraHooks {
  readonly repo: AlarmRepository;
  listener: AlarmListener = { raised: () => undefined, changed: () => undefined };
  private readonly watches = new Map<string, Watch>();
  private readonly connect: (o: ConnectOptions) => Promise<OnvifDevice>;

  constructor(
    db: Db,
    private readonly audit: AuditLog,
    private readonly log: Logger,
    private readonly o: AlarmOptions = {},
  ) {
    this.repo = new AlarmRepository(db);
    this.connect = o.connect ?? connectOnvifDevice;
  }

  added(camera: StoredCamera): void {
    this.watch(camera);
  }

  changed(camera: StoredCamera, credentialsChanged: boolean): void {
    if (!credentialsChanged) return;
    void this.unwatch(camera.id).then(() => this.watch(camera));
  }

  async removing(cameraId: string): Promise<void> {
    await this.unwatch(cameraId);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.watches.keys()].map((id) => this.unwatch(id)));
  }

  list(q: { unacknowledgedOnly: boolean; cameraId?: string; limit: number }): Alarm[] {
    return this.repo.list(q);
  }

  acknowledge(id: number, ctx: SocketData): Alarm {
    const r = this.repo.acknowledge(id, ctx.user.id);
    if (r === undefined) throw new CommandFailure('NOT_FOUND', `No alarm ${id}.`);
    if (r === 'already') {
      const a = this.repo.get(id)!;
      throw new CommandFailure(
        'CONFLICT',
        `${a.acknowledgedBy?.displayName ?? 'Someone'} acknowledged this alarm already.`,
      );
    }
    // The audit vocabulary has no alarm action yet; an acknowledgement is a change to the alarm log.
    this.audit.append(ctx.actor, 'alarm.acknowledged', {
      cameraId: r.cameraId,
      target: `alarm:${id}`,
      details: { change: 'acknowledged', kind: r.kind, raisedAt: r.at },
    });
    this.listener.changed(r);
    return r;
  }

  private watch(camera: StoredCamera): void {
    if (this.watches.has(camera.id)) return;
    const w: Watch = { stopped: false, device: null, stream: null, timer: null };
    this.watches.set(camera.id, w);
    const log = this.log.child({ camera: camera.id });
    let delay = this.o.reconnectMs ?? 2000;
    const attempt = async (): Promise<void> => {
      w.timer = null;
      try {
        const device = await this.connect({
          url: camera.deviceUrl,
          credentials: { username: camera.username, password: camera.password },
          timeoutMs: this.o.onvifTimeoutMs ?? 5000,
        });
        if (w.stopped) return void device.close().catch(() => undefined);
        w.device = device;
        const stream = device.subscribeEvents(this.o.events);
        w.stream = stream;
        stream.on('alarm', (a) => this.onAlarm(camera.id, a));
        stream.on('subscribed', (s) => log.info({ resubscription: s.resubscription }, 'event subscription made'));
        stream.on('error', (e) =>
          log.warn({ err: isOnvifError(e) ? e.code : e.message }, 'event pull failed; subscribing again'),
        );
      } catch (e) {
        if (w.stopped) return;
        log.warn(
          { err: isOnvifError(e) ? `${e.code}: ${e.message}` : (e as Error).message, retryMs: delay },
          'cannot reach the camera for events; retrying',
        );
        w.timer = setTimeout(() => void attempt(), delay);
        w.timer.unref();
        delay = Math.min(delay * 2, 60_000);
      }
    };
    void attempt();
  }

  private async unwatch(cameraId: string): Promise<void> {
    const w = this.watches.get(cameraId);
    if (!w) return;
    this.watches.delete(cameraId);
    w.stopped = true;
    if (w.timer) clearTimeout(w.timer);
    await w.stream?.close().catch(() => undefined);
    await w.device?.close().catch(() => undefined);
  }

  /**
   * An alarm raised by the service itself (a recording that cannot be written): one active alarm of a
   * kind per camera; raising it again while it is active changes nothing.
   */
  raiseInternal(cameraId: string, kind: AlarmKind, detail: string): Alarm | undefined {
    if (this.repo.isActive(cameraId, kind)) return undefined;
    const alarm = this.repo.raise(cameraId, kind, null, Date.now(), detail);
    this.log.warn({ camera: cameraId, kind, alarm: alarm.id, detail }, 'alarm raised');
    this.listener.raised(alarm);
    return alarm;
  }

  /** The condition behind an internal alarm is over. */
  endInternal(cameraId: string, kind: AlarmKind): void {
    const ended = this.repo.end(cameraId, kind);
    if (ended) this.listener.changed(ended);
  }

  private onAlarm(cameraId: string, a: OnvifAlarm): void {
    if (!this.watches.has(cameraId)) return;
    if (a.active) {
      const alarm = this.repo.raise(cameraId, a.kind, a.cameraTime || null);
      this.log.info({ camera: cameraId, kind: a.kind, alarm: alarm.id }, 'alarm raised');
      this.listener.raised(alarm);
    } else {
      const ended = this.repo.end(cameraId, a.kind);
      if (ended) this.listener.changed(ended);
    }
  }
}
