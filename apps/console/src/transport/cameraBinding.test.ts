import type { Alarm, CameraInfo, CameraSummary, Result } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import { createConsoleStore } from '../store/createStore';
import { bindIngest } from './binding';

class FakeSocket {
  active = true;
  private listeners = new Map<string, Set<(...a: never[]) => void>>();
  on(event: string, fn: (...a: never[]) => void) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(fn);
    return this;
  }
  off(event: string, fn: (...a: never[]) => void) {
    this.listeners.get(event)?.delete(fn);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const fn of this.listeners.get(event) ?? []) (fn as (...a: unknown[]) => void)(...args);
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const info = (id: string, ptz = true): CameraInfo => ({
  id,
  name: id,
  district: 'North',
  site: 'Market',
  location: '',
  source: 'onvif',
  deviceUrl: null,
  make: null,
  model: null,
  ptz,
  profiles: { main: null, sub: null },
  createdAt: null,
  updatedAt: null,
});
const alarm: Alarm = {
  id: 7,
  cameraId: 'cam-01',
  kind: 'motion',
  at: 1,
  active: true,
  endedAt: null,
  cameraTime: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
};

function setup() {
  const store = createConsoleStore();
  const control = new FakeSocket();
  let lists = 0;
  const list = async (): Promise<Result<CameraSummary[]>> => {
    lists++;
    return { ok: true, data: [] };
  };
  bindIngest(
    control,
    new FakeSocket(),
    {
      listCameras: list,
      registry: async () => ({ ok: true, data: [info('cam-01')] }),
      alarms: async () => ({ ok: true, data: [alarm] }),
    },
    store.getState(),
  );
  return { store, control, lists: () => lists };
}

describe('camera notifications', () => {
  it('loads the registry and the alarms on connect', async () => {
    const { store, control } = setup();
    control.emit('connect');
    await flush();
    expect(store.getState().registry['cam-01']?.ptz).toBe(true);
    expect(store.getState().alarms[7]).toEqual(alarm);
  });

  it('a changed or removed camera updates the registry and re-reads the camera list', async () => {
    const { store, control, lists } = setup();
    control.emit('camera:changed', info('cam-02', false));
    control.emit('camera:removed', { id: 'cam-01' });
    await flush();
    expect(store.getState().registry['cam-02']?.ptz).toBe(false);
    expect(lists()).toBe(2);
  });

  it('lock changes and alarms land in the store', () => {
    const { store, control } = setup();
    control.emit('ptz:lockChanged', { cameraId: 'cam-01', holder: { userId: 2, displayName: 'Ann' } });
    expect(store.getState().ptz.locks['cam-01']).toEqual({ userId: 2, displayName: 'Ann' });
    control.emit('ptz:lockChanged', { cameraId: 'cam-01', holder: null });
    expect(store.getState().ptz.locks['cam-01']).toBeNull();
    control.emit('alarm:raised', alarm);
    control.emit('alarm:changed', { ...alarm, acknowledgedAt: 5 });
    expect(store.getState().alarms[7]?.acknowledgedAt).toBe(5);
  });
});
