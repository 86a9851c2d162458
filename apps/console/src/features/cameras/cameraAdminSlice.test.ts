import type { CommandError, Result } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import { createConsoleStore } from '../../store/createStore';
import { offlinePorts, type ControlPort } from '../ports';
import { emptyCameraForm } from './cameraForm';

/** A store whose every command answers `answer` and records what was asked. */
function storeAnswering(answer: Result<unknown>) {
  const asked: [string, unknown][] = [];
  const control = {
    ask: async (event: string, payload: unknown) => {
      asked.push([event, payload]);
      return answer;
    },
  } as unknown as ControlPort;
  return { store: createConsoleStore({ ports: { ...offlinePorts, control } }), asked };
}
const refused = (error: CommandError): Result<unknown> => ({ ok: false, error });
const valid = { ...emptyCameraForm, deviceUrl: 'http://10.0.0.5/onvif/device_service', name: 'Gate', password: 'pw' };

describe('camera registry commands', () => {
  it.each([
    [{ code: 'INVALID_PAYLOAD', message: 'password: the camera refused it', field: 'password' }, 'password'],
    [{ code: 'INVALID_PAYLOAD', message: 'credentials.password: refused', field: 'credentials.password' }, 'password'],
    [{ code: 'INVALID_PAYLOAD', message: 'name: too long', field: 'name' }, 'name'],
    [{ code: 'UNAVAILABLE', message: 'Nothing answers at 10.0.0.5.' }, 'form'],
  ] as [CommandError, string][])('puts %o beside %s', async (error, field) => {
    const { store } = storeAnswering(refused(error));
    const errors = await store.getState().addCamera(valid);
    expect(Object.keys(errors).filter((k) => errors[k as keyof typeof errors])).toEqual([field]);
  });

  it('checks the form before asking the server', async () => {
    const { store, asked } = storeAnswering({ ok: true, data: null });
    const errors = await store.getState().addCamera({ ...valid, name: '' });
    expect(errors.name).toBeDefined();
    expect(asked).toEqual([]);
  });
});

describe('PTZ commands', () => {
  it('a CONFLICT naming the holder is kept for the panel; a success clears it and sets the lock', async () => {
    const conflict = storeAnswering(refused({ code: 'CONFLICT', message: 'Ann Smith is steering this camera.' }));
    await conflict.store.getState().ptzMove('cam-01', { pan: 0.5, tilt: 0, zoom: 0 });
    expect(conflict.asked).toEqual([['ptz:move', { cameraId: 'cam-01', pan: 0.5, tilt: 0, zoom: 0 }]]);
    expect(conflict.store.getState().ptz.errors['cam-01']).toBe('Ann Smith is steering this camera.');

    const holder = { userId: 3, displayName: 'Sue' };
    const ok = storeAnswering({ ok: true, data: { cameraId: 'cam-01', holder, moving: false } });
    await ok.store.getState().ptzTakeOver('cam-01');
    expect(ok.asked).toEqual([['ptz:takeOver', { cameraId: 'cam-01' }]]);
    expect(ok.store.getState().ptz.locks['cam-01']).toEqual(holder);
    expect(ok.store.getState().ptz.errors['cam-01']).toBeUndefined();
  });
});
