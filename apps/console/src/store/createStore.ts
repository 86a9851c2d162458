import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAlarmsSlice, type AlarmsSlice } from '../features/alarms/alarmsSlice';
import { createAuditSlice, type AuditSlice } from '../features/audit/auditSlice';
import { createAuthSlice, type AuthSlice } from '../features/auth/authSlice';
import { createCameraAdminSlice, type CameraAdminSlice } from '../features/cameras/cameraAdminSlice';
import { createCamerasSlice, type CamerasSlice } from '../features/cameras/camerasSlice';
import { createConnectionSlice, type ConnectionSlice } from '../features/connection/connectionSlice';
import { createInspectionsSlice, type InspectionsSlice } from '../features/inspections/inspectionsSlice';
import { createNavSlice, type NavSlice } from '../features/nav/navSlice';
import { offlinePorts, type ConsolePorts } from '../features/ports';
import { createOccurrenceSlice, type OccurrenceSlice } from '../features/records/occurrenceSlice';
import { createPtzSlice, type PtzSlice } from '../features/ptz/ptzSlice';
import { createRecordsSlice, type RecordsSlice } from '../features/records/recordsSlice';
import { createRequestsSlice, type RequestsSlice } from '../features/requests/requestsSlice';
import { createShiftsSlice, type ShiftsSlice } from '../features/shifts/shiftsSlice';
import { createUsersSlice, type UsersSlice } from '../features/users/usersSlice';
import { saveWall, type KeyValueStorage } from '../features/wall/wallPersistence';
import {
  createWallSlice,
  defaultWall,
  selectWallLayout,
  type WallLayoutState,
  type WallSlice,
} from '../features/wall/wallSlice';

export type ConsoleState = CamerasSlice &
  WallSlice &
  ConnectionSlice &
  AuthSlice &
  NavSlice &
  AuditSlice &
  UsersSlice &
  InspectionsSlice &
  RecordsSlice &
  OccurrenceSlice &
  RequestsSlice &
  ShiftsSlice &
  PtzSlice &
  AlarmsSlice &
  CameraAdminSlice;
export type ConsoleStore = StoreApi<ConsoleState>;

export interface StoreOptions {
  wall?: WallLayoutState;
  ingestUrl?: string;
  /** Where the wall is saved; omit to not save (tests). */
  storage?: KeyValueStorage;
  storageKey?: string;
  /** Commands, HTTP and session storage; omit for a store that is never signed in (tests). */
  ports?: ConsolePorts;
}

/** One store per console (and per test), built from the feature slices. */
export function createConsoleStore(options: StoreOptions = {}): ConsoleStore {
  const ports = options.ports ?? offlinePorts;
  const store = createStore<ConsoleState>()((...a) => ({
    ...createCamerasSlice(...a),
    ...createWallSlice(options.wall ?? defaultWall)(...a),
    ...createConnectionSlice(options.ingestUrl ?? '')(...a),
    ...createAuthSlice(ports)(...a),
    ...createNavSlice(...a),
    ...createAuditSlice(ports)(...a),
    ...createUsersSlice(ports)(...a),
    ...createInspectionsSlice(ports)(...a),
    ...createRecordsSlice(...a),
    ...createOccurrenceSlice(ports)(...a),
    ...createRequestsSlice(ports)(...a),
    ...createShiftsSlice(ports)(...a),
    ...createPtzSlice(ports)(...a),
    ...createAlarmsSlice(ports)(...a),
    ...createCameraAdminSlice(ports)(...a),
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
