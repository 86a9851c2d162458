import type { StreamStatus } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import { createConsoleStore } from '../../store/createStore';
import { preferredStreamId } from './camerasSlice';

const st = (streamId: `${string}:${'main' | 'sub'}`, state: StreamStatus['state'], since: number): StreamStatus => {
  const [cameraId, profile] = streamId.split(':') as [string, 'main' | 'sub'];
  return { streamId, cameraId, profile, state, since };
};

describe('cameras slice', () => {
  it('keeps cameras and streams by id, in the ingest order', () => {
    const store = createConsoleStore();
    store.getState().camerasLoaded([
      { id: 'cam-02', name: 'Yard', site: 'Depot', streams: [st('cam-02:main', 'live', 1)] },
      { id: 'cam-01', name: 'Gate', streams: [st('cam-01:main', 'offline', 1), st('cam-01:sub', 'live', 1)] },
    ]);
    const s = store.getState();
    expect(s.cameraOrder).toEqual(['cam-02', 'cam-01']);
    expect(s.cameras['cam-01']).toEqual({ id: 'cam-01', name: 'Gate', profiles: ['main', 'sub'] });
    expect(s.streams['cam-01:main']?.state).toBe('offline');
    expect(s.camerasKnown).toBe(true);
  });

  it('applies state changes, but never an older one over a newer one', () => {
    const store = createConsoleStore();
    store.getState().streamStateChanged(st('cam-01:sub', 'live', 10));
    store.getState().streamStateChanged(st('cam-01:sub', 'connecting', 5));
    expect(store.getState().streams['cam-01:sub']?.state).toBe('live');
    store.getState().streamStateChanged(st('cam-01:sub', 'stalled', 11));
    expect(store.getState().streams['cam-01:sub']?.state).toBe('stalled');
  });

  it('merges stats by stream', () => {
    const store = createConsoleStore();
    const stat = { fps: 25, bitrateKbps: 500, viewers: 1, restarts: 0, droppedFrames: 0 };
    store.getState().statsUpdated([{ streamId: 'cam-01:sub', ...stat }]);
    store.getState().statsUpdated([{ streamId: 'cam-02:sub', ...stat, fps: 12 }]);
    expect(Object.keys(store.getState().stats)).toEqual(['cam-01:sub', 'cam-02:sub']);
  });

  it.each([
    [undefined, false, 'cam:sub'],
    [undefined, true, 'cam:main'],
    [['main'], false, 'cam:main'],
    [['main', 'sub'], true, 'cam:main'],
    [['sub'], true, 'cam:sub'],
  ] as const)('profiles %o, maximised %s → %s', (profiles, max, id) => {
    const camera = profiles ? { id: 'cam', name: 'c', profiles: [...profiles] } : undefined;
    expect(preferredStreamId(camera, 'cam', max)).toBe(id);
  });
});
