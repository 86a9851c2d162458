import type { PtzControlState, PtzHolder, PtzLockState, PtzPresetInfo } from '@cctv/protocol';
import type { Actor, AuditLog } from '../audit/auditLog';
import type { CameraService } from '../cameras/cameraService';
import type { Logger } from '../log';
import { isOnvifError, type OnvifDevice, type PtzVector } from '../onvif/index';
import { CommandFailure } from '../socket/commands';
import type { SocketData } from '../socket/socketData';
import { DeadMan } from './deadMan';
import { PtzLock, type LockHolder } from './ptzLock';
import { RateLimiter } from './rateLimiter';

export interface PtzOptions {
  /** No move or keep-alive for this long: the server stops the camera (default 1000 ms). */
  deadManMs?: number;
  /** The lock is free again after this long without use (default 10 s). */
  lockIdleMs?: number;
  /** Moves per user and camera per second (default 10). */
  movesPerSecond?: number;
}

type StopReason =
  'operator' | 'deadMan' | 'disconnect' | 'takenOver' | 'preset' | 'home' | 'removed' | 'failed' | 'shutdown';

/** A continuous move from its first message to its stop: audited once, when it ends. */
interface MoveSession {
  actor: Actor;
  userId: number;
  socketId: string;
  startedAt: number;
  moves: number;
  velocity: Required<PtzVector>;
  /** When the camera was last sent ContinuousMove (cameras that honour its Timeout need a refresh). */
  sentAt: number;
}

interface CameraPtz {
  lock: PtzLock;
  move: MoveSession | null;
  deadMan: DeadMan;
  /** ONVIF calls to one camera run one after another, so a stop never overtakes its move. */
  chain: Promise<void>;
}

/** The ONVIF Timeout sent with each move: a second line of defence for cameras that honour it. */
const MOVE_TIMEOUT_MS = 2000;

/**
 * PTZ over Socket.IO: continuous moves that always end in a stop (the operator's stop, their
 * console disconnecting, a takeover, or the dead-man timer when moves stop arriving), one operator
 * per camera (the lock), moves rate-limited per user and camera, one audit entry per move session.
 */
export class PtzService {
  private readonly cams = new Map<string, CameraPtz>();
  private readonly limiter: RateLimiter;
  private readonly sweeper: NodeJS.Timeout;
  private readonly o: Required<PtzOptions>;
  /** Lock changes, for consoles. */
  onLockChanged: (lock: PtzLockState) => void = () => undefined;

  constructor(
    private readonly cameras: CameraService,
    private readonly audit: AuditLog,
    private readonly log: Logger,
    options: PtzOptions = {},
  ) {
    this.o = { deadManMs: 1000, lockIdleMs: 10_000, movesPerSecond: 10, ...options };
    this.limiter = new RateLimiter(this.o.movesPerSecond, 1000);
    this.sweeper = setInterval(() => this.sweep(), 500);
    this.sweeper.unref();
  }

  async move(req: { cameraId: string; pan: number; tilt: number; zoom: number }, ctx: SocketData, socketId: string) {
    const token = this.ptzToken(req.cameraId);
    if (!this.limiter.take(`${ctx.user.id}:${req.cameraId}`, Date.now()))
      throw new CommandFailure('RATE_LIMITED', `At most ${this.o.movesPerSecond} moves a second per camera.`);
    const st = this.state(req.cameraId);
    this.claim(st, req.cameraId, ctx, socketId);
    const velocity = { pan: req.pan, tilt: req.tilt, zoom: req.zoom };
    if (velocity.pan === 0 && velocity.tilt === 0 && velocity.zoom === 0) {
      await this.endMove(req.cameraId, st, 'operator', true);
      return this.control(req.cameraId, st);
    }
    const same =
      st.move !== null &&
      st.move.userId === ctx.user.id &&
      st.move.velocity.pan === velocity.pan &&
      st.move.velocity.tilt === velocity.tilt &&
      st.move.velocity.zoom === velocity.zoom;
    if (!st.move || st.move.userId !== ctx.user.id) {
      st.move = {
        actor: ctx.actor,
        userId: ctx.user.id,
        socketId,
        startedAt: Date.now(),
        moves: 0,
        velocity,
        sentAt: 0,
      };
    }
    const session = st.move;
    session.moves++;
    session.socketId = socketId;
    session.velocity = velocity;
    st.deadMan.kick();
    // The same velocity again is a keep-alive: the camera is already moving that way, unless half its
    // move Timeout has passed, when a camera that honours the Timeout needs the move again.
    const now = Date.now();
    if (!same || now - session.sentAt >= MOVE_TIMEOUT_MS / 2) {
      session.sentAt = now;
      try {
        await this.onCamera(req.cameraId, st, (d) => d.continuousMove(token, velocity, MOVE_TIMEOUT_MS));
      } catch (e) {
        await this.endMove(req.cameraId, st, 'failed', true);
        throw ptzFailure(e);
      }
    }
    return this.control(req.cameraId, st);
  }

  async stop(cameraId: string, ctx: SocketData, socketId: string): Promise<PtzControlState> {
    this.ptzToken(cameraId);
    const st = this.state(cameraId);
    this.claim(st, cameraId, ctx, socketId);
    // A stop goes to the camera even when we think it is still: cheap, and always safe.
    await this.endMove(cameraId, st, 'operator', true);
    return this.control(cameraId, st);
  }

  async home(cameraId: string, ctx: SocketData, socketId: string): Promise<PtzControlState> {
    const token = this.ptzToken(cameraId);
    const st = this.state(cameraId);
    this.claim(st, cameraId, ctx, socketId);
    await this.endMove(cameraId, st, 'home', false);
    await this.onCamera(cameraId, st, (d) => d.gotoHome(token)).catch(rethrow);
    this.audit.append(ctx.actor, 'ptz.control', { cameraId, target: `camera:${cameraId}`, details: { op: 'home' } });
    return this.control(cameraId, st);
  }

  status(cameraId: string): PtzControlState {
    this.ptzToken(cameraId);
    return this.control(cameraId, this.state(cameraId));
  }

  async presets(cameraId: string): Promise<PtzPresetInfo[]> {
    const token = this.ptzToken(cameraId);
    return this.onCamera(cameraId, this.state(cameraId), (d) => d.getPresets(token)).catch(rethrow);
  }

  async gotoPreset(cameraId: string, presetToken: string, ctx: SocketData, socketId: string) {
    const token = this.ptzToken(cameraId);
    const st = this.state(cameraId);
    this.claim(st, cameraId, ctx, socketId);
    await this.endMove(cameraId, st, 'preset', false);
    await this.onCamera(cameraId, st, (d) => d.gotoPreset(token, presetToken)).catch(rethrow);
    this.audit.append(ctx.actor, 'ptz.control', {
      cameraId,
      target: `camera:${cameraId}`,
      details: { op: 'preset:goto', preset: presetToken },
    });
    return this.control(cameraId, st);
  }

  async setPreset(cameraId: string, name: string, ctx: SocketData, socketId: string): Promise<PtzPresetInfo> {
    const token = this.ptzToken(cameraId);
    const st = this.state(cameraId);
    this.claim(st, cameraId, ctx, socketId);
    const presetToken = await this.onCamera(cameraId, st, (d) => d.setPreset(token, name)).catch(rethrow);
    this.audit.append(ctx.actor, 'ptz.control', {
      cameraId,
      target: `camera:${cameraId}`,
      details: { op: 'preset:set', preset: presetToken, name },
    });
    return { token: presetToken, name };
  }

  async removePreset(cameraId: string, presetToken: string, ctx: SocketData, socketId: string): Promise<null> {
    const token = this.ptzToken(cameraId);
    const st = this.state(cameraId);
    this.claim(st, cameraId, ctx, socketId);
    await this.onCamera(cameraId, st, (d) => d.removePreset(token, presetToken)).catch(rethrow);
    this.audit.append(ctx.actor, 'ptz.control', {
      cameraId,
      target: `camera:${cameraId}`,
      details: { op: 'preset:remove', preset: presetToken },
    });
    return null;
  }

  /** A supervisor takes the camera: whoever was moving it is stopped first. */
  async takeOver(cameraId: string, ctx: SocketData, socketId: string): Promise<PtzControlState> {
    this.ptzToken(cameraId);
    const st = this.state(cameraId);
    if (st.move && st.move.userId !== ctx.user.id) await this.endMove(cameraId, st, 'takenOver', false);
    const previous = st.lock.takeOver(holderOf(ctx, socketId), Date.now());
    this.audit.append(ctx.actor, 'ptz.control', {
      cameraId,
      target: `camera:${cameraId}`,
      details: { op: 'takeOver', from: previous?.displayName ?? null },
    });
    this.emitLock(cameraId, st);
    return this.control(cameraId, st);
  }

  /** A console went away: its moves are stopped and its locks freed. */
  disconnected(socketId: string): void {
    for (const [cameraId, st] of this.cams) {
      if (st.move?.socketId === socketId) void this.endMove(cameraId, st, 'disconnect', false);
      if (st.lock.releaseSocket(socketId)) this.emitLock(cameraId, st);
    }
  }

  /** The camera is being removed: stop it and forget its lock. */
  async forget(cameraId: string): Promise<void> {
    const st = this.cams.get(cameraId);
    if (!st) return;
    await this.endMove(cameraId, st, 'removed', false);
    this.cams.delete(cameraId);
    this.onLockChanged({ cameraId, holder: null });
  }

  /** Stops every camera still moving (service shutdown). */
  async stopAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.cams].map(([id, st]) => this.endMove(id, st, 'shutdown', false)));
  }

  private ptzToken(cameraId: string): string {
    const c = this.cameras.get(cameraId);
    if (!c) throw new CommandFailure('NOT_FOUND', `No onboarded camera "${cameraId}".`);
    if (!c.ptzToken) throw new CommandFailure('CONFLICT', `"${c.name}" cannot pan, tilt or zoom.`);
    return c.ptzToken;
  }

  private state(cameraId: string): CameraPtz {
    let st = this.cams.get(cameraId);
    if (!st) {
      const created: CameraPtz = {
        lock: new PtzLock(this.o.lockIdleMs),
        move: null,
        deadMan: new DeadMan(this.o.deadManMs, () => {
          this.log.info({ camera: cameraId }, 'no move for a while: stopping the camera (dead-man)');
          void this.endMove(cameraId, created, 'deadMan', false);
        }),
        chain: Promise.resolve(),
      };
      st = created;
      this.cams.set(cameraId, st);
    }
    return st;
  }

  /** Takes or keeps the lock for this user, or answers CONFLICT naming who holds it. */
  private claim(st: CameraPtz, cameraId: string, ctx: SocketData, socketId: string): void {
    const answer = st.lock.use(holderOf(ctx, socketId), Date.now());
    if (!answer.ok) throw new CommandFailure('CONFLICT', `${answer.holder.displayName} is steering this camera.`);
    if (answer.changed) this.emitLock(cameraId, st);
  }

  /**
   * Ends the move session (one audit entry) and sends the stop. With `always`, the stop is sent even
   * when no session is open. Never throws unless `always` (the operator asked and should hear why).
   */
  private async endMove(cameraId: string, st: CameraPtz, reason: StopReason, always: boolean): Promise<void> {
    const m = st.move;
    st.move = null;
    st.deadMan.disarm();
    if (m) {
      const endedAt = Date.now();
      st.lock.touch(endedAt);
      this.audit.append(m.actor, 'ptz.control', {
        cameraId,
        target: `camera:${cameraId}`,
        details: {
          op: 'move',
          startedAt: m.startedAt,
          endedAt,
          durationMs: endedAt - m.startedAt,
          moves: m.moves,
          stoppedBy: reason,
        },
      });
    }
    if (!m && !always) return;
    const token = this.cameras.get(cameraId)?.ptzToken;
    if (!token) return;
    const stop = this.onCamera(cameraId, st, async (d) => {
      // Cameras ignore move timeouts: a lost stop leaves a camera turning, so it is retried once on a
      // fresh connection.
      await d.stop(token).catch(async () => {
        await this.cameras.forgetDevice(cameraId);
        await (await this.cameras.device(cameraId)).stop(token);
      });
    });
    if (always) return stop.catch(rethrow);
    await stop.catch((e: unknown) => this.log.error({ camera: cameraId, reason, err: describe(e) }, 'PTZ stop failed'));
  }

  private onCamera<T>(cameraId: string, st: CameraPtz, fn: (d: OnvifDevice) => Promise<T>): Promise<T> {
    const run = st.chain.then(async () => fn(await this.cameras.device(cameraId)));
    st.chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private control(cameraId: string, st: CameraPtz): PtzControlState {
    return { cameraId, holder: publicHolder(st.lock.holder(Date.now())), moving: st.move !== null };
  }

  private emitLock(cameraId: string, st: CameraPtz): void {
    this.onLockChanged({ cameraId, holder: publicHolder(st.lock.holder(Date.now())) });
  }

  private sweep(): void {
    const now = Date.now();
    this.limiter.sweep(now);
    for (const [cameraId, st] of this.cams) {
      if (st.move) st.lock.touch(now);
      else if (st.lock.expire(now)) this.emitLock(cameraId, st);
    }
  }
}

function holderOf(ctx: SocketData, socketId: string): LockHolder {
  return { userId: ctx.user.id, displayName: ctx.user.displayName, socketId };
}

function publicHolder(h: LockHolder | null): PtzHolder | null {
  return h && { userId: h.userId, displayName: h.displayName };
}

function describe(e: unknown): string {
  return e instanceof Error ? `${isOnvifError(e) ? `${e.code}: ` : ''}${e.message}` : String(e);
}

function ptzFailure(e: unknown): unknown {
  if (e instanceof CommandFailure) return e;
  if (isOnvifError(e, 'timeout'))
    return new CommandFailure('TIMEOUT', 'The camera did not answer the PTZ command in time.');
  if (isOnvifError(e)) return new CommandFailure('UNAVAILABLE', `The camera refused the PTZ command (${describe(e)}).`);
  return e;
}

function rethrow(e: unknown): never {
  throw ptzFailure(e);
}
