import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCamerasSlice, type CamerasSlice } from '../features/cameras/camerasSlice';
import { createConnectionSlice, type ConnectionSlice } from '../features/connection/connectionSlice';
import { saveWall, type KeyValueStorage } from '../features/wall/wallPersistence';
import {
  createWallSlice,
  defaultWall,
  selectWallLayout,
  type WallLayoutState,
  type WallSlice,
} from '../features/wall/wallSlice';

export type ConsoleState = CamerasSlice & WallSlice & ConnectionSlice;
export type ConsoleStore = StoreApi<ConsoleState>;

export interface StoreOptions {
  wall?: WallLayoutState;
  ingestUrl?: string;
  /** Where the wall is saved; omit to not save (tests). */
  storage?: KeyValueStorage;
  storageKey?: string;
}

/** One store per console (and per test), built from the feature slices. */
export function createConsoleStore(options: StoreOptions = {}): ConsoleStore {
  const store = createStore<ConsoleState>()((...a) => ({
    ...createCamerasSlice(...a),
    ...createWallSlice(options.wall ?? defaultWall)(...a),
    ...createConnectionSlice(options.ingestUrl ?? '')(...a),
  }));
  if (options.storage) {
    const storage = options.storage;
    let saved = selectWallLayout(store.getState());
    store.subscribe((s) => {
      if (s.layout === saved.layout && s.tiles === saved.tiles && s.overlay === saved.overlay) return;
      saved = selectWallLayout(s);
      saveWall(storage, saved, options.storageKey);
    });
  }
  return store;
}
