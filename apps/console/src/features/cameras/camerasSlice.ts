import type { CameraSummary, Profile, StreamId, StreamStats, StreamStatus } from '@cctv/protocol';
import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';

/** A camera without its streams (those are kept by stream id). */
export type CameraInfo = Omit<CameraSummary, 'streams'> & { profiles: Profile[] };

export interface CamerasSlice {
  cameras: Record<string, CameraInfo>;
  /** Camera ids in the order the ingest lists them; the operator's "camera number" is index + 1. */
  cameraOrder: string[];
  /** The camera list has arrived at least once (until then a tile cannot know which profiles exist). */
  camerasKnown: boolean;
  streams: Record<StreamId, StreamStatus>;
  stats: Record<StreamId, StreamStats>;
  camerasLoaded(list: CameraSummary[]): void;
  streamStateChanged(status: StreamStatus): void;
  statsUpdated(stats: StreamStats[]): void;
  /** Signed out: forget the cameras, so the wall subscribes to nothing until the next list. */
  camerasReset(): void;
}

export const createCamerasSlice: StateCreator<ConsoleState, [], [], CamerasSlice> = (set) => ({
  cameras: {},
  cameraOrder: [],
  camerasKnown: false,
  streams: {},
  stats: {},
  camerasLoaded: (list) => {
    const cameras: Record<string, CameraInfo> = {};
    const streams: Record<StreamId, StreamStatus> = {};
    for (const { streams: camStreams, ...camera } of list) {
      cameras[camera.id] = { ...camera, profiles: camStreams.map((s) => s.profile) };
      for (const s of camStreams) streams[s.streamId] = s;
    }
    set({ cameras, cameraOrder: list.map((c) => c.id), camerasKnown: true, streams });
  },
  streamStateChanged: (status) =>
    set((s) => {
      const prev = s.streams[status.streamId];
      // Out-of-order notifications (the control and media namespaces both carry them) must not roll back.
      if (prev && prev.since > status.since) return {};
      return { streams: { ...s.streams, [status.streamId]: status } };
    }),
  camerasReset: () => set({ cameras: {}, cameraOrder: [], camerasKnown: false, streams: {}, stats: {} }),
  statsUpdated: (list) =>
    set((s) => {
      const stats = { ...s.stats };
      for (const st of list) stats[st.streamId] = st;
      return { stats };
    }),
});

export const selectCameraOrder = (s: ConsoleState): string[] => s.cameraOrder;
export const selectCamera =
  (id: string | null) =>
  (s: ConsoleState): CameraInfo | undefined =>
    id === null ? undefined : s.cameras[id];
export const selectStreamStatus =
  (id: StreamId | null) =>
  (s: ConsoleState): StreamStatus | undefined =>
    id === null ? undefined : s.streams[id];

/** The stream a tile shows: the sub-stream while small, the main stream when maximised (or when there is no sub). */
export function preferredStreamId(camera: CameraInfo | undefined, cameraId: string, maximised: boolean): StreamId {
  const wanted: Profile = maximised ? 'main' : 'sub';
  const profiles = camera?.profiles;
  const profile = !profiles || profiles.length === 0 || profiles.includes(wanted) ? wanted : profiles[0]!;
  return `${cameraId}:${profile}`;
}
