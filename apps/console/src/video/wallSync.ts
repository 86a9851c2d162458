import { selectView } from '../features/nav/navSlice';
import { sameWanted, wantedStreams } from '../features/wall/wanted';
import type { ConsoleStore } from '../store/createStore';
import type { TelemetryRegistry } from '../telemetry/telemetry';
import type { WallEngine, WantedTile } from './wallEngine';

/**
 * Keeps the engine's subscriptions in step with the wall in the store. Nothing is watched while the
 * wall is not on screen (another view, or signed out): the audit trail's live-view entries stay true.
 */
export function syncWall(
  store: ConsoleStore,
  engine: Pick<WallEngine, 'setWanted'>,
  telemetry: TelemetryRegistry,
  alwaysTelemetry: boolean,
) {
  let last: WantedTile[] = [];
  const apply = () => {
    const s = store.getState();
    telemetry.enabled = alwaysTelemetry || s.overlay;
    const shown = selectView(s) === 'wall';
    const wanted = wantedStreams({ ...s, camerasKnown: s.camerasKnown && shown });
    if (sameWanted(wanted, last)) return;
    last = wanted;
    engine.setWanted(wanted);
  };
  apply();
  return store.subscribe(apply);
}
