import { selectView } from './features/nav/navSlice';
import type { ConsoleStore } from './store/createStore';
import type { TelemetryRegistry, TileTelemetry } from './telemetry/telemetry';

/**
 * `window.__cctv`: a read-only window into the console for end-to-end tests and benchmarks
 * (documented in apps/console/README.md). Copies only; nothing here changes the wall except
 * `setTelemetry`.
 */
export interface CctvDebugHook {
  version: 1;
  decoder: 'webcodecs' | 'mse' | null;
  telemetry(): TileTelemetry[];
  /** Read time strips on every paint even without the overlay (the overlay turns it on too). */
  setTelemetry(on: boolean): void;
  wall(): { layout: string; tiles: (string | null)[]; selected: number; maximised: number | null; overlay: boolean };
  connection(): { status: string; message?: string; ingestUrl: string };
  /** Who is signed in (never the token), and the view on screen. */
  session(): { status: string; username?: string; role?: string; view: string | null; endedBecause?: string };
}

declare global {
  interface Window {
    __cctv?: CctvDebugHook;
  }
}

export function installDebugHook(
  store: ConsoleStore,
  telemetry: TelemetryRegistry,
  decoder: CctvDebugHook['decoder'],
  setTelemetry: (on: boolean) => void,
): CctvDebugHook {
  const hook: CctvDebugHook = {
    version: 1,
    decoder,
    telemetry: () => telemetry.snapshot(),
    setTelemetry,
    wall: () => {
      const s = store.getState();
      return {
        layout: s.layout,
        tiles: s.tiles.slice(),
        selected: s.selected,
        maximised: s.maximised,
        overlay: s.overlay,
      };
    },
    connection: () => ({ ...store.getState().connection }),
    session: () => {
      const s = store.getState();
      const a = s.auth;
      return {
        status: a.status,
        view: selectView(s),
        ...(a.status === 'signed-in' ? { username: a.session.user.username, role: a.session.user.role } : {}),
        ...(a.status === 'ended' ? { endedBecause: a.reason } : {}),
      };
    },
  };
  window.__cctv = hook;
  return hook;
}
