import { describe, expect, it } from 'vitest';
import { createConsoleStore } from '../../store/createStore';
import { defaultWall } from './wallSlice';
import { sameWanted, wantedStreams } from './wanted';

function wall(tiles: (string | null)[]) {
  const store = createConsoleStore({ wall: { ...defaultWall, layout: '2x2', tiles } });
  store.getState().camerasLoaded([
    {
      id: 'cam-01',
      name: 'One',
      streams: [
        { streamId: 'cam-01:main', cameraId: 'cam-01', profile: 'main', state: 'live', since: 0 },
        { streamId: 'cam-01:sub', cameraId: 'cam-01', profile: 'sub', state: 'live', since: 0 },
      ],
    },
    {
      id: 'cam-02',
      name: 'Main only',
      streams: [{ streamId: 'cam-02:main', cameraId: 'cam-02', profile: 'main', state: 'live', since: 0 }],
    },
  ]);
  return store;
}

describe('wanted streams', () => {
  it('subscribes nothing until the camera list is known', () => {
    const store = createConsoleStore({ wall: { ...defaultWall, tiles: ['cam-01'] } });
    expect(wantedStreams(store.getState()).every((w) => w.streamId === null)).toBe(true);
  });

  it('small tiles take the sub-stream, or main when there is no sub', () => {
    const w = wantedStreams(wall(['cam-01', 'cam-02', null, 'cam-09']).getState());
    expect(w.slice(0, 5)).toEqual([
      { streamId: 'cam-01:sub', visible: true },
      { streamId: 'cam-02:main', visible: true },
      { streamId: null, visible: true },
      { streamId: 'cam-09:sub', visible: true },
      { streamId: null, visible: false },
    ]);
  });

  it('a maximised tile takes main; the others stay subscribed but hidden', () => {
    const store = wall(['cam-01', 'cam-02']);
    store.getState().toggleMaximise(0);
    const w = wantedStreams(store.getState());
    expect(w[0]).toEqual({ streamId: 'cam-01:main', visible: true });
    expect(w[1]).toEqual({ streamId: 'cam-02:main', visible: false });
  });

  it('tiles outside the layout are not subscribed', () => {
    const tiles = Array(16).fill('cam-01');
    const w = wantedStreams(wall(tiles).getState());
    expect(w.filter((x) => x.streamId !== null)).toHaveLength(4);
  });

  it('compares plans by value', () => {
    const s = wall(['cam-01']).getState();
    expect(sameWanted(wantedStreams(s), wantedStreams(s))).toBe(true);
  });
});
