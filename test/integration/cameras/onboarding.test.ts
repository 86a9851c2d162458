/**
 * Onboarding through the Socket.IO command against the real simulator (CLI, ONVIF with WS-Security):
 * right and wrong credentials, a skewed camera clock, streams from the stored profiles going live,
 * editing, removal, unicast discovery, and who may do it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import type { CameraInfo } from '@cctv/protocol';
import { ask } from '../../helpers/client';
import { waitFor } from '../../helpers/waitFor';
import { clientWhenLive, connectAs, record } from '../ingest/harness';
import { credentials, onboard, startCameraIngest, startOnvifFleet, type OnvifFleet } from './helpers';

let fleet: OnvifFleet;
let ingest: Ingest;

beforeAll(async () => {
  fleet = await startOnvifFleet(3);
  ingest = await startCameraIngest();
});

afterAll(async () => {
  await ingest?.stop();
  await fleet?.stop();
});

const storedCount = () => (ingest.db.prepare('SELECT count(*) AS n FROM cameras').get() as { n: number }).n;

describe('camera:add', () => {
  it('refuses a wrong password with an error naming the cause and the field, and stores nothing', async () => {
    const admin = await connectAs(ingest, 'administrator');
    try {
      const res = await ask(
        admin.control,
        'camera:add',
        {
          deviceUrl: fleet.sim[1]!.onvif,
          username: 'admin',
          password: 'wrong',
          name: 'Wrong',
          district: '',
          site: '',
          location: '',
        },
        15_000,
      );
      expect(res).toMatchObject({
        ok: false,
        error: {
          code: 'INVALID_PAYLOAD',
          field: 'password',
          message: expect.stringMatching(/refused the user name or password/),
        },
      });
      expect(storedCount()).toBe(0);
      expect(ingest.supervisor.cameras()).toEqual([]);
    } finally {
      admin.close();
    }
  });

  it('says plainly when nothing answers at the address', async () => {
    const admin = await connectAs(ingest, 'administrator');
    try {
      const res = await ask(
        admin.control,
        'camera:add',
        {
          deviceUrl: 'http://127.0.0.1:1/onvif/device_service',
          ...credentials,
          name: 'Nowhere',
          district: '',
          site: '',
          location: '',
        },
        15_000,
      );
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE', message: expect.stringMatching(/Nothing answers at 127\.0\.0\.1:1/) },
      });
      expect(storedCount()).toBe(0);
    } finally {
      admin.close();
    }
  });

  it('is refused to an operator (FORBIDDEN), and nothing is stored', async () => {
    const operator = await connectAs(ingest, 'operator');
    try {
      const res = await ask(operator.control, 'camera:add', {
        deviceUrl: fleet.sim[0]!.onvif,
        ...credentials,
        name: 'Sneaky',
        district: '',
        site: '',
        location: '',
      });
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(storedCount()).toBe(0);
    } finally {
      operator.close();
    }
  });

  it('onboards with the right credentials: profiles stored, password sealed, the sub stream goes live and video flows', async () => {
    const viewer = await connectAs(ingest, 'operator');
    const announced: CameraInfo[] = [];
    viewer.control.on('camera:changed', (c) => announced.push(c));
    const cam = await onboard(ingest, fleet.sim[0]!, 'Market Square North');
    expect(cam).toMatchObject({
      id: 'market-square-north',
      source: 'onvif',
      district: 'North',
      site: 'Market',
      location: 'Lamp post 4',
      make: 'CCTV-Sim',
      ptz: true,
      profiles: { main: { width: 320, height: 180 }, sub: { width: 160, height: 90 } },
    });
    // Credentials never go back to a console, nor into the audit trail.
    expect(JSON.stringify(cam)).not.toContain(credentials.password);
    await waitFor('camera:changed on a console', () => announced.find((c) => c.id === cam.id));
    expect(JSON.stringify(announced)).not.toContain(credentials.password);
    const row = ingest.db.prepare('SELECT password, main_uri, sub_uri, ptz_token FROM cameras').get() as Record<
      string,
      string
    >;
    expect(row.password).toMatch(/^v1:/);
    expect(row.password).not.toContain(credentials.password);
    expect(row).toMatchObject({
      main_uri: fleet.sim[0]!.urls.main,
      sub_uri: fleet.sim[0]!.urls.sub,
      ptz_token: 'main',
    });
    const audit = ingest.audit.search({ action: 'camera.changed', limit: 10 });
    expect(audit[0]).toMatchObject({ cameraId: cam.id, details: { change: 'added' } });
    expect(JSON.stringify(audit)).not.toContain(credentials.password);

    viewer.close();
    const client = await clientWhenLive(ingest, `${cam.id}:sub`);
    try {
      const got = record(client.media, `${cam.id}:sub`, { ack: true });
      const sub = await ask(client.media, 'stream:subscribe', { streamId: `${cam.id}:sub` });
      expect(sub.ok).toBe(true);
      await waitFor('video frames', () => got.frames.length >= 5, 20_000);
      expect(got.configs[0]).toMatchObject({ width: 160, height: 90 });
      const registry = await ask(client.control, 'camera:registry', {});
      expect(registry.ok && registry.data.map((c) => c.id)).toEqual([cam.id]);
    } finally {
      client.close();
    }
  });

  it('refuses the same camera twice', async () => {
    const admin = await connectAs(ingest, 'administrator');
    try {
      const res = await ask(
        admin.control,
        'camera:add',
        { deviceUrl: fleet.sim[0]!.onvif, ...credentials, name: 'Again', district: '', site: '', location: '' },
        15_000,
      );
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringMatching(/already at this address/) },
      });
    } finally {
      admin.close();
    }
  });

  it('onboards a camera whose clock is 20 minutes off', async () => {
    await fleet.onvifFault(fleet.sim[2]!.id, 'skew', 20 * 60_000);
    const cam = await onboard(ingest, fleet.sim[2]!, 'Skewed Clock');
    expect(cam).toMatchObject({ id: 'skewed-clock', ptz: true });
  });
});

describe('discovery', () => {
  it('finds cameras by unicast probe, with make and model, marking those already added', async () => {
    const admin = await connectAs(ingest, 'administrator');
    try {
      const targets = fleet.sim.map((c) => `127.0.0.1:${c.discoveryPort}`).join(', ');
      const res = await ask(admin.control, 'discovery:probe', { multicast: false, targets, timeoutMs: 800 }, 10_000);
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      expect(res.data.devices).toHaveLength(3);
      const byUrl = new Map(res.data.devices.map((d) => [d.xaddrs[0], d]));
      expect(byUrl.get(fleet.sim[0]!.onvif)).toMatchObject({
        address: '127.0.0.1',
        make: 'CCTV-Sim',
        model: 'SimCam PTZ 1080',
        alreadyAdded: true,
        cameraId: 'market-square-north',
      });
      expect(byUrl.get(fleet.sim[1]!.onvif)).toMatchObject({ alreadyAdded: false, name: fleet.sim[1]!.name });
      const list = await ask(admin.control, 'discovery:list', {});
      expect(list.ok && list.data.devices).toHaveLength(3);
    } finally {
      admin.close();
    }
  });

  it('refuses a bad target list naming the field, and a probe of nothing', async () => {
    const admin = await connectAs(ingest, 'administrator');
    try {
      expect(await ask(admin.control, 'discovery:probe', { multicast: false, targets: '10.0.0.0/8' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_PAYLOAD', field: 'targets' },
      });
      expect(await ask(admin.control, 'discovery:probe', { multicast: false })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_PAYLOAD', field: 'targets' },
      });
    } finally {
      admin.close();
    }
  });
});

describe('camera:update and camera:remove', () => {
  it('renames, refuses new credentials the camera rejects, and removes (streams stop)', async () => {
    const admin = await connectAs(ingest, 'administrator');
    try {
      const renamed = await ask(admin.control, 'camera:update', {
        id: 'skewed-clock',
        name: 'Bus Station',
        site: 'Depot',
      });
      expect(renamed).toMatchObject({ ok: true, data: { id: 'skewed-clock', name: 'Bus Station', site: 'Depot' } });
      const badCreds = await ask(
        admin.control,
        'camera:update',
        { id: 'skewed-clock', credentials: { username: 'admin', password: 'nope' } },
        15_000,
      );
      expect(badCreds).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', field: 'password' } });
      const list = await ask(admin.control, 'camera:list', {});
      expect(list.ok && list.data.find((c) => c.id === 'skewed-clock')).toMatchObject({ name: 'Bus Station' });

      const removed: string[] = [];
      admin.control.on('camera:removed', ({ id }) => removed.push(id));
      expect(await ask(admin.control, 'camera:remove', { id: 'skewed-clock' }, 15_000)).toEqual({
        ok: true,
        data: null,
      });
      await waitFor('camera:removed', () => removed.includes('skewed-clock'));
      const after = await ask(admin.control, 'camera:list', {});
      expect(after.ok && after.data.map((c) => c.id)).toEqual(['market-square-north']);
      expect(ingest.supervisor.has('skewed-clock:sub')).toBe(false);
      expect(await ask(admin.control, 'camera:remove', { id: 'skewed-clock' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    } finally {
      admin.close();
    }
  });
});
