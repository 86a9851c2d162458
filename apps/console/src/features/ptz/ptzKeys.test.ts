import { describe, expect, it } from 'vitest';
import { keysVelocity, ptzKeyDown, ptzKeyUp, type PtzKey } from './ptzKeys';

describe('PTZ keys', () => {
  it.each([
    [{ key: 'ArrowLeft', code: 'ArrowLeft', shiftKey: true }, 'left'],
    [{ key: 'ArrowUp', code: 'ArrowUp', shiftKey: true }, 'up'],
    [{ key: 'ArrowUp', code: 'ArrowUp' }, null],
    [{ key: 'ArrowUp', code: 'ArrowUp', shiftKey: true, ctrlKey: true }, null],
    [{ key: '+', code: 'Equal', shiftKey: true }, 'in'],
    [{ key: '-', code: 'Minus' }, 'out'],
    [{ key: '+', code: 'NumpadAdd' }, 'in'],
    [{ key: '-', code: 'NumpadSubtract' }, 'out'],
    [{ key: 'a', code: 'KeyA' }, null],
  ])('keydown %o → %s', (e, expected) => {
    expect(ptzKeyDown(e)).toBe(expected);
  });

  it('releases an arrow whether or not Shift is still down, and zoom by its physical key', () => {
    expect(ptzKeyUp({ key: 'ArrowLeft', code: 'ArrowLeft' })).toBe('left');
    expect(ptzKeyUp({ key: '=', code: 'Equal' })).toBe('in');
    expect(ptzKeyUp({ key: 'Shift', code: 'ShiftLeft' })).toBeNull();
  });

  it('held keys make a velocity; opposite keys cancel', () => {
    const v = (...k: PtzKey[]) => keysVelocity(new Set(k));
    expect(v()).toEqual({ pan: 0, tilt: 0, zoom: 0 });
    expect(v('left', 'up', 'in')).toEqual({ pan: -0.5, tilt: 0.5, zoom: 0.5 });
    expect(v('left', 'right')).toEqual({ pan: 0, tilt: 0, zoom: 0 });
  });
});
