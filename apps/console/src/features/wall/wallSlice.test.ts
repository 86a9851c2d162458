import { describe, expect, it } from 'vitest';
import { createConsoleStore } from '../../store/createStore';
import { moveSelection } from './layouts';
import { initialWall, loadWall, WALL_STORAGE_KEY, wallStorageKey, type KeyValueStorage } from './wallPersistence';
import { defaultWall } from './wallSlice';

function memoryStorage(init: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(init));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('wall slice', () => {
  it('assigns cameras to the selected tile and to a given tile', () => {
    const store = createConsoleStore();
    const s = store.getState();
    s.selectTile(2);
    s.assignToSelected('cam-07');
    s.assignCamera(0, 'cam-01');
    expect(store.getState().tiles.slice(0, 4)).toEqual(['cam-01', null, 'cam-07', null]);
    store.getState().assignCamera(0, null);
    expect(store.getState().tiles[0]).toBeNull();
  });

  it('keeps assignments of tiles outside a smaller layout, and clamps the selection', () => {
    const store = createConsoleStore({ wall: { ...defaultWall, layout: '4x4' } });
    store.getState().assignCamera(15, 'cam-16');
    store.getState().selectTile(15);
    store.getState().setLayout('2x2');
    expect(store.getState().selected).toBe(3);
    store.getState().setLayout('4x4');
    expect(store.getState().tiles[15]).toBe('cam-16');
  });

  it('does not select a tile outside the layout', () => {
    const store = createConsoleStore();
    store.getState().selectTile(9);
    expect(store.getState().selected).toBe(0);
  });

  it('maximises the selected tile and restores', () => {
    const store = createConsoleStore();
    store.getState().selectTile(1);
    store.getState().toggleMaximise();
    expect(store.getState().maximised).toBe(1);
    store.getState().toggleMaximise();
    expect(store.getState().maximised).toBeNull();
    store.getState().toggleMaximise(3);
    expect(store.getState()).toMatchObject({ maximised: 3, selected: 3 });
    store.getState().moveSelection('left');
    expect(store.getState()).toMatchObject({ maximised: 2, selected: 2 });
    store.getState().restore();
    expect(store.getState().maximised).toBeNull();
    store.getState().toggleMaximise(1);
    store.getState().setLayout('3x3');
    expect(store.getState().maximised).toBeNull();
  });

  it('swaps two tiles (drag a tile onto another)', () => {
    const store = createConsoleStore();
    store.getState().assignCamera(0, 'a');
    store.getState().assignCamera(1, 'b');
    store.getState().swapTiles(0, 1);
    expect(store.getState().tiles.slice(0, 2)).toEqual(['b', 'a']);
    expect(store.getState().selected).toBe(1);
  });

  it.each([
    [0, 'left', '2x2', 0],
    [0, 'right', '2x2', 1],
    [1, 'right', '2x2', 1],
    [1, 'down', '2x2', 3],
    [4, 'up', '3x3', 1],
    [8, 'down', '3x3', 8],
    [5, 'left', '4x4', 4],
    [12, 'down', '4x4', 12],
  ] as const)('moves selection from %i %s in %s to %i', (from, dir, layout, to) => {
    expect(moveSelection(from, dir, layout)).toBe(to);
  });
});

describe('wall persistence', () => {
  it('saves layout, tiles and overlay on change, and a new store reads them back', () => {
    const storage = memoryStorage();
    const a = createConsoleStore({ storage });
    a.getState().setLayout('3x3');
    a.getState().assignCamera(4, 'cam-05');
    a.getState().toggleOverlay();
    const b = createConsoleStore({ storage, wall: loadWall(storage) });
    expect(b.getState()).toMatchObject({ layout: '3x3', overlay: true });
    expect(b.getState().tiles[4]).toBe('cam-05');
    expect(b.getState().tiles).toHaveLength(16);
  });

  it('keeps a separate wall per screen', () => {
    const storage = memoryStorage();
    const wall2 = createConsoleStore({ storage, storageKey: wallStorageKey('wall-2') });
    wall2.getState().setLayout('4x4');
    expect(loadWall(storage, wallStorageKey('wall-2')).layout).toBe('4x4');
    expect(loadWall(storage).layout).toBe(defaultWall.layout);
  });

  it('does not write for changes outside the saved part', () => {
    const storage = memoryStorage();
    const store = createConsoleStore({ storage });
    store.getState().selectTile(1);
    store.getState().setHelpOpen(true);
    expect(storage.data.size).toBe(0);
  });

  it.each([
    ['nothing saved', undefined],
    ['not JSON', '{'],
    ['wrong shapes', JSON.stringify({ layout: '5x5', tiles: 'cam-01', overlay: 'yes' })],
  ])('falls back to the default wall: %s', (_n, raw) => {
    expect(loadWall(memoryStorage(raw === undefined ? {} : { [WALL_STORAGE_KEY]: raw }))).toEqual(defaultWall);
  });

  it('drops non-string tiles and pads to 16', () => {
    const wall = loadWall(
      memoryStorage({ [WALL_STORAGE_KEY]: JSON.stringify({ layout: '1x1', tiles: ['cam-01', 3] }) }),
    );
    expect(wall.tiles.slice(0, 3)).toEqual(['cam-01', null, null]);
    expect(wall.tiles).toHaveLength(16);
  });

  it('lets URL parameters win over the saved wall', () => {
    const saved = { layout: '4x4' as const, tiles: Array(16).fill('cam-09'), overlay: true };
    const wall = initialWall(saved, { layout: '2x2', tiles: ['cam-01', null, 'cam-03'] });
    expect(wall.layout).toBe('2x2');
    expect(wall.tiles.slice(0, 4)).toEqual(['cam-01', null, 'cam-03', null]);
    expect(wall.overlay).toBe(true);
    expect(initialWall(saved, {})).toEqual(saved);
  });
});
