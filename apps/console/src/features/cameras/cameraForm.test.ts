import type { CameraInfo as RegistryCamera, DiscoveredCamera } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import {
  addErrors,
  addRequest,
  emptyCameraForm,
  formForCamera,
  formForDiscovered,
  updateErrors,
  updateRequest,
} from './cameraForm';

const found: DiscoveredCamera = {
  endpoint: 'urn:uuid:1',
  address: '10.0.0.5',
  xaddrs: ['http://10.0.0.5/onvif/device_service', 'http://[fe80::1]/onvif/device_service'],
  make: 'Acme',
  model: 'PTZ-9',
  scopes: [],
  alreadyAdded: false,
};

const camera: RegistryCamera = {
  id: 'market-1',
  name: 'Market 1',
  district: 'North',
  site: 'Market',
  location: 'Lamp post 4',
  source: 'onvif',
  deviceUrl: 'http://10.0.0.5/onvif/device_service',
  make: 'Acme',
  model: 'PTZ-9',
  ptz: true,
  profiles: { main: null, sub: null },
  createdAt: 1,
  updatedAt: 1,
};

describe('the camera form', () => {
  it('a found device fills the URL and a name, never a password', () => {
    expect(formForDiscovered(found)).toEqual({
      ...emptyCameraForm,
      deviceUrl: 'http://10.0.0.5/onvif/device_service',
      name: 'Acme PTZ-9',
    });
    expect(formForDiscovered({ ...found, name: ' Gate ', xaddrs: [] })).toMatchObject({
      deviceUrl: 'http://10.0.0.5/onvif/device_service',
      name: 'Gate',
    });
  });

  it('checks with the protocol schema: a name is required, the URL must be http(s)', () => {
    const errors = addErrors({ ...emptyCameraForm, deviceUrl: 'ftp://x', name: ' ' });
    expect(errors.name).toMatch(/^Name /);
    expect(errors.deviceUrl).toMatch(/^Device url /);
    expect(addErrors({ ...formForDiscovered(found), username: 'admin', password: 'pw' })).toEqual({});
  });

  it('adds with the trimmed fields and the password as typed', () => {
    expect(addRequest({ ...formForDiscovered(found), username: 'admin', password: ' pw ', site: ' Market ' })).toEqual({
      deviceUrl: 'http://10.0.0.5/onvif/device_service',
      username: 'admin',
      password: ' pw ',
      name: 'Acme PTZ-9',
      district: '',
      site: 'Market',
      location: '',
    });
  });

  it.each([
    ['nothing changed', {}, { id: 'market-1' }],
    ['a new site', { site: 'Bridge' }, { id: 'market-1', site: 'Bridge' }],
    ['whitespace only', { name: ' Market 1 ' }, { id: 'market-1' }],
    [
      'new credentials when a password is typed',
      { username: 'root', password: 'new' },
      { id: 'market-1', credentials: { username: 'root', password: 'new' } },
    ],
    ['a user name alone is not a credential change', { username: 'root' }, { id: 'market-1' }],
  ])('edit: %s', (_name, change, expected) => {
    expect(updateRequest(camera, { ...formForCamera(camera), ...change })).toEqual(expected);
  });

  it('an edit may not empty the name', () => {
    expect(updateErrors(camera, { ...formForCamera(camera), name: '' }).name).toMatch(/^Name /);
  });
});
