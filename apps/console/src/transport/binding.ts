import type {
  Alarm,
  CameraInfo as RegistryCamera,
  CameraSummary,
  DiscoveryResult,
  PtzLockState,
  Incident,
  PoliceRequest,
  RecordChanges,
  Result,
  SessionEndReason,
  SessionUser,
  Shift,
  StreamStats,
  StreamStatus,
} from '@cctv/protocol';
import type { ConsoleState } from '../store/createStore';

/** The store actions the transport may call: server data enters the store only through here. */
export type ServerActions = Pick<
  ConsoleState,
  | 'camerasLoaded'
  | 'streamStateChanged'
  | 'statsUpdated'
  | 'connectionChanged'
  | 'sessionEnded'
  | 'userRefreshed'
  | 'incidentChanged'
  | 'incidentRemoved'
  | 'policeRequestChanged'
  | 'shiftChanged'
  | 'recordsCatchUpFrom'
  | 'recordsCaughtUp'
  | 'recordsConnectionLost'
  | 'registryLoaded'
  | 'registryCameraChanged'
  | 'registryCameraRemoved'
  | 'ptzLockChanged'
  | 'alarmsLoaded'
  | 'alarmChanged'
  | 'discoveryUpdated'
>;

type ConnectErrorListener = (err: Error & { data?: unknown }) => void;
type StateListener = (status: StreamStatus) => void;
type StatsListener = (payload: { stats: StreamStats[] }) => void;
type EndedListener = (info: { reason: SessionEndReason; message: string }) => void;
type IncidentListener = (i: Incident) => void;
type RemovedListener = (info: { id: number; rev: number }) => void;
type RequestListener = (r: PoliceRequest) => void;
type ShiftListener = (s: Shift) => void;
type CameraChangedListener = (c: RegistryCamera) => void;
type CameraRemovedListener = (info: { id: string }) => void;
type LockListener = (lock: PtzLockState) => void;
type AlarmListener = (a: Alarm) => void;
type DiscoveryListener = (r: DiscoveryResult) => void;

/** The little of a Socket.IO client socket the binding uses (tests pass a plain emitter). */
export interface ControlEvents {
  on(event: 'connect', fn: () => void): unknown;
  on(event: 'disconnect', fn: (reason: string) => void): unknown;
  on(event: 'connect_error', fn: ConnectErrorListener): unknown;
  on(event: 'stream:stateChanged', fn: StateListener): unknown;
  on(event: 'stream:statsUpdated', fn: StatsListener): unknown;
  on(event: 'session:ended', fn: EndedListener): unknown;
  on(event: 'incident:changed', fn: IncidentListener): unknown;
  on(event: 'incident:removed', fn: RemovedListener): unknown;
  on(event: 'policeRequest:changed', fn: RequestListener): unknown;
  on(event: 'shift:changed', fn: ShiftListener): unknown;
  on(event: 'camera:changed', fn: CameraChangedListener): unknown;
  on(event: 'camera:removed', fn: CameraRemovedListener): unknown;
  on(event: 'ptz:lockChanged', fn: LockListener): unknown;
  on(event: 'alarm:raised' | 'alarm:changed', fn: AlarmListener): unknown;
  on(event: 'discovery:updated', fn: DiscoveryListener): unknown;
  off(event: 'connect', fn: () => void): unknown;
  off(event: 'disconnect', fn: (reason: string) => void): unknown;
  off(event: 'connect_error', fn: ConnectErrorListener): unknown;
  off(event: 'stream:stateChanged', fn: StateListener): unknown;
  off(event: 'stream:statsUpdated', fn: StatsListener): unknown;
  off(event: 'session:ended', fn: EndedListener): unknown;
  off(event: 'incident:changed', fn: IncidentListener): unknown;
  off(event: 'incident:removed', fn: RemovedListener): unknown;
  off(event: 'policeRequest:changed', fn: RequestListener): unknown;
  off(event: 'shift:changed', fn: ShiftListener): unknown;
  off(event: 'camera:changed', fn: CameraChangedListener): unknown;
  off(event: 'camera:removed', fn: CameraRemovedListener): unknown;
  off(event: 'ptz:lockChanged', fn: LockListener): unknown;
  off(event: 'alarm:raised' | 'alarm:changed', fn: AlarmListener): unknown;
  off(event: 'discovery:updated', fn: DiscoveryListener): unknown;
  /** True while Socket.IO will keep trying to reconnect by itself. */
  readonly active: boolean;
}

export interface MediaEvents {
  on(event: 'stream:stateChanged', fn: StateListener): unknown;
  on(event: 'session:ended', fn: EndedListener): unknown;
  off(event: 'stream:stateChanged', fn: StateListener): unknown;
  off(event: 'session:ended', fn: EndedListener): unknown;
}

/** What the binding asks the ingest on every (re)connect. */
export interface ConnectQueries {
  listCameras(): Promise<Result<CameraSummary[]>>;
  whoami?(): Promise<Result<SessionUser>>;
  /** Only a user who may watch video asks for the cameras (the server would refuse anyway). */
  canViewLive?(): boolean;
  /** What changed since `sinceRev` (only for a user who may see records). */
  catchUp?(sinceRev: number): Promise<Result<RecordChanges>>;
  canViewRecords?(): boolean;
  /** The camera registry (district, site, PTZ) and the latest alarms (users with live:view). */
  registry?(): Promise<Result<RegistryCamera[]>>;
  alarms?(): Promise<Result<Alarm[]>>;
}

function refusalCode(err: Error & { data?: unknown }): string | undefined {
  const data = err.data as { code?: unknown } | undefined;
  if (typeof data?.code === 'string') return data.code;
  return /^(PROTOCOL_MISMATCH|UNAUTHENTICATED|INVALID_HANDSHAKE)\b/.exec(err.message)?.[1];
}

/** The handshake was refused for a reason reconnecting will not fix. */
export function refusalMessage(err: Error & { data?: unknown }): string | null {
  switch (refusalCode(err)) {
    case 'PROTOCOL_MISMATCH':
      return `This console does not speak the ingest service's protocol version (${err.message}). Update the console or the ingest service.`;
    case 'UNAUTHENTICATED':
      return `Sign-in refused: ${err.message}`;
    case 'INVALID_HANDSHAKE':
      return `Handshake refused: ${err.message}`;
    default:
      return null;
  }
}

/** The server's own words for a refused token ("Your session has ended. Sign in again."). */
function unauthenticatedMessage(err: Error & { data?: unknown }): string | undefined {
  const data = err.data as { message?: unknown } | undefined;
  return typeof data?.message === 'string' ? data.message : undefined;
}

/**
 * Turns control- and media-namespace notifications into store actions, and on every (re)connect
 * refreshes the signed-in user and loads the camera list. Returns an unbind function.
 */
export function bindIngest(
  control: ControlEvents,
  media: MediaEvents,
  q: ConnectQueries,
  actions: ServerActions,
): () => void {
  const failed = (e: unknown) => `Camera list: ${e instanceof Error ? e.message : String(e)}`;
  // Records: notifications are applied as they come (newer rev only); the catch-up fills whatever
  // was missed while disconnected. Asked on every connect, from the cursor at that moment.
  const catchUp = () => {
    if (!q.catchUp || (q.canViewRecords && !q.canViewRecords())) return;
    q.catchUp(actions.recordsCatchUpFrom()).then(
      (r) => {
        if (r.ok) actions.recordsCaughtUp(r.data);
        else actions.connectionChanged('connected', `Records could not catch up: ${r.error.message}`);
      },
      () => undefined,
    );
  };
  const onConnect = () => {
    actions.connectionChanged('connected');
    catchUp();
    q.whoami?.().then(
      (r) => r.ok && actions.userRefreshed(r.data),
      () => undefined,
    );
    if (q.canViewLive && !q.canViewLive()) return;
    loadCameras();
    q.registry?.().then(
      (r) => r.ok && actions.registryLoaded(r.data),
      () => undefined,
    );
    q.alarms?.().then(
      (r) => r.ok && actions.alarmsLoaded(r.data),
      () => undefined,
    );
  };
  const loadCameras = () =>
    q.listCameras().then(
      (r) => (r.ok ? actions.camerasLoaded(r.data) : actions.connectionChanged('connected', failed(r.error.message))),
      (e: unknown) => actions.connectionChanged('connected', failed(e)),
    );
  const onDisconnect = (reason: string) => {
    actions.recordsConnectionLost();
    actions.connectionChanged(control.active ? 'connecting' : 'disconnected', `Connection lost (${reason})`);
  };
  const onConnectError = (err: Error & { data?: unknown }) => {
    if (refusalCode(err) === 'UNAUTHENTICATED') {
      // An expired or revoked token: back to the sign-in screen, saying why.
      actions.connectionChanged('disconnected');
      actions.sessionEnded('refused', unauthenticatedMessage(err));
      return;
    }
    const refused = refusalMessage(err);
    // Socket.IO stops retrying after a middleware refusal; `active` stays true only for network errors.
    actions.connectionChanged(
      refused ? 'refused' : 'connecting',
      refused ?? `Cannot reach the ingest service (${err.message})`,
    );
  };
  const onState = (status: StreamStatus) => actions.streamStateChanged(status);
  const onStats = ({ stats }: { stats: StreamStats[] }) => actions.statsUpdated(stats);
  const onEnded: EndedListener = ({ reason, message }) => actions.sessionEnded(reason, message);
  const onIncident: IncidentListener = (i) => actions.incidentChanged(i);
  const onRemoved: RemovedListener = (info) => actions.incidentRemoved(info);
  const onRequest: RequestListener = (r) => actions.policeRequestChanged(r);
  const onShift: ShiftListener = (s) => actions.shiftChanged(s);
  // A camera added, changed or removed: the registry entry now, its streams from a fresh camera list.
  const onCameraChanged: CameraChangedListener = (c) => {
    actions.registryCameraChanged(c);
    void loadCameras();
  };
  const onCameraRemoved: CameraRemovedListener = ({ id }) => {
    actions.registryCameraRemoved(id);
    void loadCameras();
  };
  const onLock: LockListener = ({ cameraId, holder }) => actions.ptzLockChanged(cameraId, holder);
  const onAlarm: AlarmListener = (a) => actions.alarmChanged(a);
  const onDiscovery: DiscoveryListener = (r) => actions.discoveryUpdated(r);

  control.on('connect', onConnect);
  control.on('disconnect', onDisconnect);
  control.on('connect_error', onConnectError);
  control.on('stream:stateChanged', onState);
  control.on('stream:statsUpdated', onStats);
  control.on('session:ended', onEnded);
  control.on('incident:changed', onIncident);
  control.on('incident:removed', onRemoved);
  control.on('policeRequest:changed', onRequest);
  control.on('shift:changed', onShift);
  control.on('camera:changed', onCameraChanged);
  control.on('camera:removed', onCameraRemoved);
  control.on('ptz:lockChanged', onLock);
  control.on('alarm:raised', onAlarm);
  control.on('alarm:changed', onAlarm);
  control.on('discovery:updated', onDiscovery);
  media.on('stream:stateChanged', onState);
  media.on('session:ended', onEnded);
  return () => {
    control.off('connect', onConnect);
    control.off('disconnect', onDisconnect);
    control.off('connect_error', onConnectError);
    control.off('stream:stateChanged', onState);
    control.off('stream:statsUpdated', onStats);
    control.off('session:ended', onEnded);
    control.off('incident:changed', onIncident);
    control.off('incident:removed', onRemoved);
    control.off('policeRequest:changed', onRequest);
    control.off('shift:changed', onShift);
    control.off('camera:changed', onCameraChanged);
    control.off('camera:removed', onCameraRemoved);
    control.off('ptz:lockChanged', onLock);
    control.off('alarm:raised', onAlarm);
    control.off('alarm:changed', onAlarm);
    control.off('discovery:updated', onDiscovery);
    media.off('stream:stateChanged', onState);
    media.off('session:ended', onEnded);
  };
}
