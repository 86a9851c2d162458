import type { CameraSummary, Result, StreamStats, StreamStatus } from '@cctv/protocol';
import type { ConsoleState } from '../store/createStore';

/** The store actions the transport may call: server data enters the store only through here. */
export type ServerActions = Pick<
  ConsoleState,
  'camerasLoaded' | 'streamStateChanged' | 'statsUpdated' | 'connectionChanged'
>;

type ConnectErrorListener = (err: Error & { data?: unknown }) => void;
type StateListener = (status: StreamStatus) => void;
type StatsListener = (payload: { stats: StreamStats[] }) => void;

/** The little of a Socket.IO client socket the binding uses (tests pass a plain emitter). */
export interface ControlEvents {
  on(event: 'connect', fn: () => void): unknown;
  on(event: 'disconnect', fn: (reason: string) => void): unknown;
  on(event: 'connect_error', fn: ConnectErrorListener): unknown;
  on(event: 'stream:stateChanged', fn: StateListener): unknown;
  on(event: 'stream:statsUpdated', fn: StatsListener): unknown;
  off(event: 'connect', fn: () => void): unknown;
  off(event: 'disconnect', fn: (reason: string) => void): unknown;
  off(event: 'connect_error', fn: ConnectErrorListener): unknown;
  off(event: 'stream:stateChanged', fn: StateListener): unknown;
  off(event: 'stream:statsUpdated', fn: StatsListener): unknown;
  /** True while Socket.IO will keep trying to reconnect by itself. */
  readonly active: boolean;
}

export interface MediaEvents {
  on(event: 'stream:stateChanged', fn: StateListener): unknown;
  off(event: 'stream:stateChanged', fn: StateListener): unknown;
}

/** The handshake was refused for a reason reconnecting will not fix. */
export function refusalMessage(err: Error & { data?: unknown }): string | null {
  const data = err.data as { code?: unknown; message?: unknown } | undefined;
  const code = typeof data?.code === 'string' ? data.code : undefined;
  if (err.message.startsWith('PROTOCOL_MISMATCH') || code === 'PROTOCOL_MISMATCH') {
    return `This console does not speak the ingest service's protocol version (${err.message}). Update the console or the ingest service.`;
  }
  if (err.message.startsWith('UNAUTHENTICATED') || code === 'UNAUTHENTICATED') return `Sign-in refused: ${err.message}`;
  if (err.message.startsWith('INVALID_HANDSHAKE') || code === 'INVALID_HANDSHAKE')
    return `Handshake refused: ${err.message}`;
  return null;
}

/**
 * Turns control- and media-namespace notifications into store actions, and loads the camera list on
 * every (re)connect. Returns an unbind function.
 */
export function bindIngest(
  control: ControlEvents,
  media: MediaEvents,
  listCameras: () => Promise<Result<CameraSummary[]>>,
  actions: ServerActions,
): () => void {
  const onConnect = () => {
    actions.connectionChanged('connected');
    listCameras().then(
      (r) =>
        r.ok
          ? actions.camerasLoaded(r.data)
          : actions.connectionChanged('connected', `Camera list: ${r.error.message}`),
      (e: unknown) =>
        actions.connectionChanged('connected', `Camera list: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  const onDisconnect = (reason: string) =>
    actions.connectionChanged(control.active ? 'connecting' : 'disconnected', `Connection lost (${reason})`);
  const onConnectError = (err: Error & { data?: unknown }) => {
    const refused = refusalMessage(err);
    // Socket.IO stops retrying after a middleware refusal; `active` stays true only for network errors.
    actions.connectionChanged(
      refused ? 'refused' : 'connecting',
      refused ?? `Cannot reach the ingest service (${err.message})`,
    );
  };
  const onState = (status: StreamStatus) => actions.streamStateChanged(status);
  const onStats = ({ stats }: { stats: StreamStats[] }) => actions.statsUpdated(stats);

  control.on('connect', onConnect);
  control.on('disconnect', onDisconnect);
  control.on('connect_error', onConnectError);
  control.on('stream:stateChanged', onState);
  control.on('stream:statsUpdated', onStats);
  media.on('stream:stateChanged', onState);
  return () => {
    control.off('connect', onConnect);
    control.off('disconnect', onDisconnect);
    control.off('connect_error', onConnectError);
    control.off('stream:stateChanged', onState);
    control.off('stream:statsUpdated', onStats);
    media.off('stream:stateChanged', onState);
  };
}
