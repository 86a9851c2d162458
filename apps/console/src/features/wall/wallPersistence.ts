import { isLayout } from './layouts';
import { defaultWall, normaliseTiles, type WallLayoutState } from './wallSlice';
import type { UrlOptions } from '../../config/urlParams';

export const WALL_STORAGE_KEY = 'cctv.console.wall.v1';

/** The key a screen's wall is saved under (the control screen uses the plain key). */
export function wallStorageKey(screen?: string): string {
  return screen ? `${WALL_STORAGE_KEY}.${screen}` : WALL_STORAGE_KEY;
}

/** The subset of `Storage` the wall needs (tests pass a Map-backed fake). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Reads the saved wall; anything unreadable or malformed gives the default wall. */
export function loadWall(storage: KeyValueStorage | undefined, key = WALL_STORAGE_KEY): WallLayoutState {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return defaultWall;
    const saved = JSON.parse(raw) as Partial<Record<keyof WallLayoutState, unknown>>;
    return {
      layout: typeof saved.layout === 'string' && isLayout(saved.layout) ? saved.layout : defaultWall.layout,
      tiles: Array.isArray(saved.tiles)
        ? normaliseTiles(saved.tiles.map((t) => (typeof t === 'string' ? t : null)))
        : defaultWall.tiles,
      overlay: saved.overlay === true,
    };
  } catch {
    return defaultWall;
  }
}

export function saveWall(storage: KeyValueStorage | undefined, wall: WallLayoutState, key = WALL_STORAGE_KEY): void {
  try {
    storage?.setItem(key, JSON.stringify(wall));
  } catch {
    // Storage full or blocked (private mode): the wall still works, it is just not remembered.
  }
}

/** URL parameters win over the saved wall (tests and benchmarks set the wall that way). */
export function initialWall(saved: WallLayoutState, url: Pick<UrlOptions, 'layout' | 'tiles' | 'overlay'>) {
  return {
    layout: url.layout ?? saved.layout,
    tiles: url.tiles ? normaliseTiles(url.tiles) : saved.tiles,
    overlay: url.overlay ?? saved.overlay,
  } satisfies WallLayoutState;
}
