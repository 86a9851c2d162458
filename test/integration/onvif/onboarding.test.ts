/**
 * The ONVIF adapter against the real camera simulator (in-process fleet, ephemeral ports):
 * onboarding with right and wrong credentials and a skewed clock, PTZ with stop guarantees,
 * presets, and pull-point events across a reboot.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '@cctv/camera-sim';
import {
  connectOnvifDevice,
  isOnvifError,
  type OnvifAlarm,
  type OnvifDevice,
} from '../../../apps/ingest/src/onvif/index';
import { waitFor } from '../../helpers/waitFor';

const credentials = { username: 'admin', password: 'sëcret' };
let fleet: Fleet;
const url = (i: number): string => fleet.manifest().cameras[i]!.onvif!;
const devices: OnvifDevice[] = [];

async function connect(i: number, creds = credentials): Promise<OnvifDevice> {
  const d = await connectOnvifDevice({ url: url(i), credentials: creds, timeoutMs: 3000 });
  devices.push(d);
  return d;
}

beforeAll(async () => {
  fleet = await startFleet({
    cameras: 3,
    rtspPort: 0,
    onvifPort: 0,
    discovery: false,
    main: { width: 320, height: 180 },
    sub: { width: 160, height: 90 },
    credentials,
    logLevel: 'warn',
  });
});

afterAll(async () => {
  await Promise.all(devices.map((d) => d.close()));
  await fleet?.stop();
});

describe('onboarding', () => {
  it('reads device information and main/sub profiles with stream and snapshot URIs', async () => {
    const d = await connect(0);
    expect(d.clockOffsetMs).toBe(0);
    const info = await d.getDeviceInformation();
    expect(info).toMatchObject({ manufacturer: 'CCTV-Sim', model: 'SimCam PTZ 1080' });
    const profiles = await d.getProfiles();
    const cam = fleet.cameras[0]!;
    expect(profiles.main).toMatchObject({
      token: 'main',
      width: 320,
      height: 180,
      streamUri: cam.urls.main,
      ptz: true,
    });
    expect(profiles.sub).toMatchObject({ token: 'sub', width: 160, height: 90, streamUri: cam.urls.sub });
    expect(profiles.main.snapshotUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/onvif\/snapshot\/main\.jpg$/);
  });

  it('serves the snapshot as a JPEG behind HTTP digest auth', async () => {
    const d = await connect(0);
    const { main } = await d.getProfiles();
    const anonymous = await fetch(main.snapshotUri!);
    expect(anonymous.status).toBe(401);
    const challenge = anonymous.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Digest /);
    const realm = /realm="([^"]*)"/.exec(challenge)![1]!;
    const nonce = /nonce="([^"]*)"/.exec(challenge)![1]!;
    const uri = new URL(main.snapshotUri!).pathname;
    const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
    const response = md5(
      `${md5(`${credentials.username}:${realm}:${credentials.password}`)}:${nonce}:${md5(`GET:${uri}`)}`,
    );
    const res = await fetch(main.snapshotUri!, {
      headers: {
        Authorization: `Digest username="${credentials.username}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}"`,
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const jpeg = Buffer.from(await res.arrayBuffer());
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it('refuses a wrong password with a typed notAuthorized error', async () => {
    const err = await connect(1, { username: 'admin', password: 'wrong' }).catch((e: unknown) => e);
    expect(isOnvifError(err, 'notAuthorized')).toBe(true);
  });

  it('refuses the right password while the camera refuses auth (fault)', async () => {
    await fleet.cameras[1]!.fault({ kind: 'refuseAuth', ms: 60_000 });
    const err = await connect(1).catch((e: unknown) => e);
    await fleet.cameras[1]!.fault({ kind: 'clear' });
    expect(isOnvifError(err, 'notAuthorized')).toBe(true);
  });

  it('onboards a camera whose clock is 20 minutes off, thanks to the offset', async () => {
    await fleet.cameras[2]!.fault({ kind: 'skew', ms: 20 * 60_000 });
    try {
      const d = await connect(2);
      expect(Math.abs(d.clockOffsetMs - 20 * 60_000)).toBeLessThan(2000);
      expect((await d.getProfiles()).main.token).toBe('main');
    } finally {
      await fleet.cameras[2]!.fault({ kind: 'clear' });
    }
  });

  it('gives a typed malformed error when the camera answers broken XML', async () => {
    const d = await connect(1);
    await fleet.cameras[1]!.fault({ kind: 'malformed', ms: 60_000 });
    const err = await d.getDeviceInformation().catch((e: unknown) => e);
    await fleet.cameras[1]!.fault({ kind: 'clear' });
    expect(isOnvifError(err, 'malformed')).toBe(true);
  });

  it('gives a typed timeout when the camera answers slower than the deadline', async () => {
    const d = await connect(1);
    await fleet.cameras[1]!.fault({ kind: 'slow', ms: 10_000 });
    const started = Date.now();
    const err = await d.getDeviceInformation().catch((e: unknown) => e);
    await fleet.cameras[1]!.fault({ kind: 'clear' });
    expect(isOnvifError(err, 'timeout')).toBe(true);
    expect(Date.now() - started).toBeLessThan(6000);
  });
});

describe('PTZ', () => {
  it('a continuous move turns the picture and is followed by a stop, even when the camera ignores the timeout', async () => {
    const d = await connect(0);
    const cam = fleet.cameras[0]!;
    await d.absoluteMove('main', { pan: 0, tilt: 0, zoom: 0 });
    await cam.fault({ kind: 'ignorePtzTimeout' });
    try {
      await d.moveFor('main', { pan: 1 }, 400);
      const after = await d.getPtzStatus('main');
      expect(after.moving).toBe(false);
      expect(after.pan).toBeGreaterThan(0.1);
      expect(cam.ptz()!.pan).toBeCloseTo(after.pan, 2);
      // Still not moving a while later: the stop, not the (ignored) timeout, ended the move.
      await new Promise((r) => setTimeout(r, 300));
      expect((await d.getPtzStatus('main')).pan).toBeCloseTo(after.pan, 3);
    } finally {
      await cam.fault({ kind: 'clear' });
    }
  });

  it('without the stop, a camera that ignores the timeout keeps moving (why moveFor always stops)', async () => {
    const d = await connect(0);
    const cam = fleet.cameras[0]!;
    await d.absoluteMove('main', { pan: -1, tilt: 0, zoom: 0 });
    await cam.fault({ kind: 'ignorePtzTimeout' });
    try {
      await d.continuousMove('main', { pan: 1 }, 100);
      await waitFor(
        'the camera to move past its timeout',
        async () => (await d.getPtzStatus('main')).pan > -0.8 && true,
        5000,
      );
      expect((await d.getPtzStatus('main')).moving).toBe(true);
    } finally {
      await d.stop('main');
      await cam.fault({ kind: 'clear' });
    }
    expect((await d.getPtzStatus('main')).moving).toBe(false);
  });

  it('absolute, relative, home and presets', async () => {
    const d = await connect(0);
    await d.absoluteMove('main', { pan: 0.5, tilt: -0.25, zoom: 0.5 });
    expect(await d.getPtzStatus('main')).toMatchObject({ pan: 0.5, tilt: -0.25, zoom: 0.5 });
    expect(fleet.cameras[0]!.ptz()).toMatchObject({ pan: 0.5, tilt: -0.25, zoom: 4.5 });
    const token = await d.setPreset('main', 'Gate & <north>');
    await d.relativeMove('main', { pan: -0.25, tilt: 0, zoom: 0 });
    expect((await d.getPtzStatus('main')).pan).toBeCloseTo(0.25, 3);
    expect(await d.getPresets('main')).toContainEqual({ token, name: 'Gate & <north>' });
    await d.gotoPreset('main', token);
    expect((await d.getPtzStatus('main')).pan).toBeCloseTo(0.5, 3);
    await d.setHome('main');
    await d.absoluteMove('main', { pan: 0, tilt: 0, zoom: 0 });
    await d.gotoHome('main');
    expect((await d.getPtzStatus('main')).pan).toBeCloseTo(0.5, 3);
    await d.removePreset('main', token);
    expect((await d.getPresets('main')).map((p) => p.token)).not.toContain(token);
    const err = await d.gotoPreset('main', token).catch((e: unknown) => e);
    expect(isOnvifError(err, 'soapFault')).toBe(true);
  });
});

describe('events', () => {
  it('motion and tamper arrive as typed alarms, and the subscription is re-made after a reboot', async () => {
    const d = await connect(2);
    const stream = d.subscribeEvents({ pullTimeoutMs: 1000, retryMs: 200 });
    const alarms: OnvifAlarm[] = [];
    const subscribed: boolean[] = [];
    stream.on('alarm', (a) => alarms.push(a));
    stream.on('subscribed', (s) => subscribed.push(s.resubscription));
    stream.on('error', () => undefined);
    try {
      await waitFor('the first subscription', () => subscribed.length === 1);
      await fleet.cameras[2]!.fault({ kind: 'motion' });
      await waitFor('a motion alarm', () => alarms.find((a) => a.kind === 'motion' && a.active));
      await fleet.cameras[2]!.fault({ kind: 'tamper' });
      await waitFor('a tamper alarm', () => alarms.find((a) => a.kind === 'tamper' && a.active));

      await fleet.cameras[2]!.fault({ kind: 'reboot', ms: 500 });
      await waitFor('a re-subscription after the reboot', () => subscribed.includes(true), 15_000);
      const before = alarms.length;
      await fleet.cameras[2]!.fault({ kind: 'motion' });
      await waitFor('motion after the reboot', () => alarms.slice(before).find((a) => a.kind === 'motion' && a.active));
    } finally {
      await stream.close();
    }
  });
});
