import { describe, expect, it } from 'vitest';
import { PtzController } from './ptzController';
import { ZERO } from './ptzDriver';

function controller() {
  let now = 0;
  const sent: string[] = [];
  const c = new PtzController({
    move: (id, v) => sent.push(`move ${id} ${v.pan},${v.tilt},${v.zoom}`),
    stop: (id) => sent.push(`stop ${id}`),
    now: () => now,
  });
  return { c, sent, at: (t: number) => (now = t) };
}

describe('the PTZ controller', () => {
  it('moves while held, keeps alive on ticks, stops on release', () => {
    const { c, sent, at } = controller();
    c.setCamera('cam-01');
    c.set('keys', { pan: 0.5, tilt: 0, zoom: 0 });
    for (let t = 50; t <= 450; t += 50) {
      at(t);
      c.tick();
    }
    c.set('keys', ZERO);
    expect(sent).toEqual(['move cam-01 0.5,0,0', 'move cam-01 0.5,0,0', 'stop cam-01']);
  });

  it('stops the old camera when the tile changes, and forgets what was held', () => {
    const { c, sent, at } = controller();
    c.setCamera('cam-01');
    c.set('joystick', { pan: 0, tilt: 1, zoom: 0 });
    c.setCamera('cam-02');
    at(1000);
    c.tick();
    expect(sent).toEqual(['move cam-01 0,1,0', 'stop cam-01']);
  });

  it('a blur stops a moving camera once; an idle one gets nothing', () => {
    const { c, sent } = controller();
    c.setCamera('cam-01');
    c.release();
    expect(sent).toEqual([]);
    c.set('gamepad', { pan: -1, tilt: 0, zoom: 0 });
    c.release();
    c.release();
    expect(sent).toEqual(['move cam-01 -1,0,0', 'stop cam-01']);
  });

  it('adds the sources together', () => {
    const { c, sent } = controller();
    c.setCamera('cam-01');
    c.set('keys', { pan: 0.5, tilt: 0, zoom: 0 });
    c.set('gamepad', { pan: 0, tilt: 0, zoom: 0.5 });
    expect(sent[0]).toBe('move cam-01 0.5,0,0');
  });
});
