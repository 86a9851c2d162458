import { describe, expect, it } from 'vitest';
import { createConsoleStore } from '../../store/createStore';
import { applyKeyCommand, cycleCamera, keyCommand, type KeyInput } from './keyboard';

const idle = { callUp: null, helpOpen: false };

describe('keyboard', () => {
  it.each([
    [{ key: '1' }, idle, { type: 'layout', layout: '1x1' }],
    [{ key: '4' }, idle, { type: 'layout', layout: '4x4' }],
    [{ key: '5' }, idle, null],
    [{ key: 'ArrowLeft' }, idle, { type: 'move', dir: 'left' }],
    [{ key: 'Enter' }, idle, { type: 'maximise' }],
    [{ key: 'f' }, idle, { type: 'maximise' }],
    [{ key: 'Escape' }, idle, { type: 'escape' }],
    [{ key: 'O' }, idle, { type: 'overlay' }],
    [{ key: '?' }, idle, { type: 'help' }],
    [{ key: 'Delete' }, idle, { type: 'clear' }],
    [{ key: ']' }, idle, { type: 'cycle', step: 1 }],
    [{ key: 'g' }, idle, { type: 'callUp', digits: '' }],
    [{ key: 'r', ctrlKey: true }, idle, null],
    [{ key: '1', altKey: true }, idle, null],
    [{ key: '7' }, { callUp: '1', helpOpen: false }, { type: 'callUp', digits: '17' }],
    [{ key: '7' }, { callUp: '123', helpOpen: false }, null],
    [{ key: 'Backspace' }, { callUp: '12', helpOpen: false }, { type: 'callUp', digits: '1' }],
    [{ key: 'Enter' }, { callUp: '12', helpOpen: false }, { type: 'callUpCommit' }],
    [{ key: 'Escape' }, { callUp: '12', helpOpen: false }, { type: 'callUp', digits: null }],
    [{ key: 'Escape' }, { callUp: null, helpOpen: true }, { type: 'help' }],
    [{ key: '2' }, { callUp: null, helpOpen: true }, null],
  ] as [KeyInput, { callUp: string | null; helpOpen: boolean }, unknown][])('%o in %o → %o', (key, ctx, cmd) => {
    expect(keyCommand(key, ctx)).toEqual(cmd);
  });

  it('calls up camera number 2 onto the selected tile', () => {
    const store = createConsoleStore();
    store.getState().camerasLoaded([
      { id: 'cam-a', name: 'A', streams: [] },
      { id: 'cam-b', name: 'B', streams: [] },
    ]);
    store.getState().selectTile(3);
    for (const key of ['g', '2', 'Enter']) {
      const s = store.getState();
      applyKeyCommand(keyCommand({ key }, s)!, s);
    }
    expect(store.getState().tiles[3]).toBe('cam-b');
    expect(store.getState().callUp).toBeNull();
  });

  it('an unknown camera number changes nothing', () => {
    const store = createConsoleStore();
    for (const key of ['g', '9', 'Enter']) applyKeyCommand(keyCommand({ key }, store.getState())!, store.getState());
    expect(store.getState().tiles[0]).toBeNull();
  });

  it.each([
    [['a', 'b', 'c'], null, 1, 'a'],
    [['a', 'b', 'c'], null, -1, 'c'],
    [['a', 'b', 'c'], 'c', 1, 'a'],
    [['a', 'b', 'c'], 'a', -1, 'c'],
    [['a', 'b', 'c'], 'gone', 1, 'a'],
    [[], 'a', 1, null],
  ] as const)('cycles %o from %s by %i → %s', (order, current, step, next) => {
    expect(cycleCamera(order, current, step)).toBe(next);
  });
});
