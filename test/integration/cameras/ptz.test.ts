/**
 * PTZ over Socket.IO against the real simulator: a move turns the camera and always ends in a stop
 * (operator's stop, console disconnect, the dead-man timer when the camera ignores the move timeout,
 * a supervisor's takeover); the lock; the rate limit; one audit entry per move session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import type { PtzLockState } from '@cctv/protocol';
import type { OnvifDevice } from '../../../apps/ingest/src/onvif/index';
import { ask } from '../../helpers/client';
import { waitFor } from '../../helpers/waitFor';
import { connectAs } from '../ingest/harness';
import { directDevice, onboard, sleep, startCameraIngest, startOnvifFleet, type OnvifFleet } from './helpers';

let fleet: OnvifFleet;
let ingest: Ingest;
const direct: OnvifDevice[] = [];
let camA: string;
let camB: string;

beforeAll(async () => {
  fleet = await startOnvifFleet(2);
  ingest = await startCameraIngest();
  camA = (await onboard(ingest, fleet.sim[0]!, 'Ptz One')).id;
  camB = (await onboard(ingest, fleet.sim[1]!, 'Ptz Two')).id;
  direct.push(await directDevice(fleet.sim[0]!), await directDevice(fleet.sim[1]!));
});

afterAll(async () => {
  await Promise.all(direct.map((d) => d.close()));
  await ingest?.stop();
  await fleet?.stop();
});

const status = (i: number) => direct[i]!.getPtzStatus('main');
const centre = (i: number) => direct[i]!.absoluteMove('main', { pan: -0.5, tilt: 0, zoom: 0 });
const moveSessions = (cameraId: string) =>
  ingest.audit.search({ action: 'ptz.control', cameraId, limit: 100 }).filter((e) => e.details.op === 'move');

describe('continuous move', () => {
  it('turns the camera, and the stop stops it; one audit entry for the whole session', async () => {
    await centre(0);
    const before = moveSessions(camA).length;
    const op = await connectAs(ingest, 'operator');
    try {
      for (let i = 0; i < 3; i++) {
        const r = await ask(op.control, 'ptz:move', { cameraId: camA, pan: 0.5 + i * 0.1, tilt: 0, zoom: 0 });
        expect(r).toMatchObject({
          ok: true,
          data: { moving: true, holder: { displayName: op.session.user.displayName } },
        });
        await sleep(150);
      }
      await waitFor('the camera to pan', async () => (await status(0)).pan > -0.4);
      expect(await ask(op.control, 'ptz:stop', { cameraId: camA })).toMatchObject({
        ok: true,
        data: { moving: false },
      });
      const stopped = await status(0);
      expect(stopped.moving).toBe(false);
      await sleep(300);
      expect((await status(0)).pan).toBeCloseTo(stopped.pan, 3);
      const sessions = moveSessions(camA).slice(0, moveSessions(camA).length - before);
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({
        details: { moves: 3, stoppedBy: 'operator' },
        username: op.session.user.username,
      });
    } finally {
      op.close();
    }
  });

  it('keeps a camera that honours the move Timeout (2 s) moving through a long steady hold', async () => {
    await centre(0);
    const op = await connectAs(ingest, 'operator');
    try {
      // The console re-sends the same velocity every 400 ms while the key is held, for 3 s.
      const until = Date.now() + 3000;
      while (Date.now() < until) {
        expect((await ask(op.control, 'ptz:move', { cameraId: camA, pan: 0.1, tilt: 0, zoom: 0 })).ok).toBe(true);
        await sleep(400);
      }
      // Past the camera's own 2 s Timeout, it is still moving because the server refreshed the move.
      expect((await status(0)).moving).toBe(true);
      await ask(op.control, 'ptz:stop', { cameraId: camA });
      expect((await status(0)).moving).toBe(false);
    } finally {
      op.close();
    }
  });

  it('stops the camera when the console disconnects mid-move (camera ignoring move timeouts)', async () => {
    await centre(0);
    await fleet.onvifFault(fleet.sim[0]!.id, 'ignorePtzTimeout');
    try {
      const op = await connectAs(ingest, 'operator');
      expect((await ask(op.control, 'ptz:move', { cameraId: camA, pan: 0.3, tilt: 0, zoom: 0 })).ok).toBe(true);
      await waitFor('the camera to move', async () => (await status(0)).moving);
      op.close();
      await waitFor('the stop after the disconnect', async () => !(await status(0)).moving, 5000);
      expect(moveSessions(camA)[0]).toMatchObject({ details: { stoppedBy: 'disconnect' } });
    } finally {
      await fleet.onvifFault(fleet.sim[0]!.id, 'clear');
    }
  });

  it('stops a camera that ignores the move timeout when the console goes quiet (dead-man), and keeps moving while kept alive', async () => {
    await centre(0);
    await fleet.onvifFault(fleet.sim[0]!.id, 'ignorePtzTimeout');
    const op = await connectAs(ingest, 'operator');
    try {
      // Kept alive past the dead-man period: still moving.
      for (let i = 0; i < 5; i++) {
        expect((await ask(op.control, 'ptz:move', { cameraId: camA, pan: 0.2, tilt: 0, zoom: 0 })).ok).toBe(true);
        await sleep(400);
      }
      expect((await status(0)).moving).toBe(true);
      // Then quiet: the server stops it although the socket is still connected.
      await waitFor('the dead-man stop', async () => !(await status(0)).moving, 5000);
      expect(moveSessions(camA)[0]).toMatchObject({ details: { stoppedBy: 'deadMan', moves: 5 } });
      const stoppedAt = (await status(0)).pan;
      await sleep(500);
      expect((await status(0)).pan).toBeCloseTo(stoppedAt, 3);
    } finally {
      op.close();
      await fleet.onvifFault(fleet.sim[0]!.id, 'clear');
    }
  });
});

describe('the lock', () => {
  it('one operator steers; another gets CONFLICT naming them; a supervisor takes over and the first move stops', async () => {
    await centre(1);
    await fleet.onvifFault(fleet.sim[1]!.id, 'ignorePtzTimeout');
    const ann = await connectAs(ingest, 'operator');
    const bob = await connectAs(ingest, 'operator');
    const sue = await connectAs(ingest, 'supervisor');
    const seenByBob: PtzLockState[] = [];
    bob.control.on('ptz:lockChanged', (l) => seenByBob.push(l));
    try {
      // Ann keeps moving in the background while the others try.
      let keepMoving = true;
      const annLoop = (async () => {
        while (keepMoving) {
          await ask(ann.control, 'ptz:move', { cameraId: camB, pan: 0.2, tilt: 0, zoom: 0 });
          await sleep(300);
        }
      })();
      await waitFor('the camera to move', async () => (await status(1)).moving);
      await waitFor('Bob to see the lock', () =>
        seenByBob.find((l) => l.cameraId === camB && l.holder?.displayName === ann.session.user.displayName),
      );
      const refused = await ask(bob.control, 'ptz:move', { cameraId: camB, pan: -1, tilt: 0, zoom: 0 });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringContaining(ann.session.user.displayName) },
      });
      expect(await ask(bob.control, 'ptz:takeOver', { cameraId: camB })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });

      const taken = await ask(sue.control, 'ptz:takeOver', { cameraId: camB });
      expect(taken).toMatchObject({
        ok: true,
        data: { holder: { displayName: sue.session.user.displayName }, moving: false },
      });
      await waitFor('the stop after the takeover', async () => !(await status(1)).moving, 3000);
      await waitFor('Bob to see the supervisor holds it', () =>
        seenByBob.find((l) => l.holder?.displayName === sue.session.user.displayName),
      );
      expect(moveSessions(camB)[0]).toMatchObject({
        details: { stoppedBy: 'takenOver' },
        username: ann.session.user.username,
      });
      const annRefused = await ask(ann.control, 'ptz:move', { cameraId: camB, pan: 0.2, tilt: 0, zoom: 0 });
      expect(annRefused).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringContaining(sue.session.user.displayName) },
      });
      keepMoving = false;
      await annLoop;
      // The supervisor's console leaves: the lock is free for Bob at once.
      sue.close();
      await waitFor('the lock to be freed', () => seenByBob.find((l) => l.cameraId === camB && l.holder === null));
      expect((await ask(bob.control, 'ptz:move', { cameraId: camB, pan: 0.1, tilt: 0, zoom: 0 })).ok).toBe(true);
      expect((await ask(bob.control, 'ptz:stop', { cameraId: camB })).ok).toBe(true);
    } finally {
      ann.close();
      bob.close();
      sue.close();
      await fleet.onvifFault(fleet.sim[1]!.id, 'clear');
    }
  });
});

describe('limits and permissions', () => {
  it('rate-limits moves per user and camera, and still stops', async () => {
    const op = await connectAs(ingest, 'operator');
    try {
      await waitFor(
        'camera A lock to be free',
        async () => {
          const s = await ask(op.control, 'ptz:status', { cameraId: camA });
          return s.ok && s.data.holder === null;
        },
        15_000,
        250,
      );
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          ask(op.control, 'ptz:move', { cameraId: camA, pan: (i % 2) * 0.1 + 0.1, tilt: 0, zoom: 0 }),
        ),
      );
      const limited = answers.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length;
      expect(limited).toBeGreaterThanOrEqual(10);
      expect(answers.filter((a) => a.ok).length).toBeLessThanOrEqual(10);
      expect((await ask(op.control, 'ptz:stop', { cameraId: camA })).ok).toBe(true);
      expect((await status(0)).moving).toBe(false);
    } finally {
      op.close();
    }
  });

  it('refuses PTZ to a police liaison officer, and refuses payloads without the fields', async () => {
    const police = await connectAs(ingest, 'police-liaison');
    const op = await connectAs(ingest, 'operator');
    try {
      expect(await ask(police.control, 'ptz:move', { cameraId: camA, pan: 1, tilt: 0, zoom: 0 })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await ask(op.control, 'ptz:move', {} as never)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_PAYLOAD' },
      });
      expect(await ask(op.control, 'ptz:move', { cameraId: camA, pan: 2, tilt: 0, zoom: 0 })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_PAYLOAD', field: 'pan' },
      });
    } finally {
      police.close();
      op.close();
    }
  });

  it('presets and home go through the lock and are audited', async () => {
    const op = await connectAs(ingest, 'operator');
    try {
      await waitFor(
        'camera A lock to be free',
        async () => {
          const s = await ask(op.control, 'ptz:status', { cameraId: camA });
          return s.ok && (s.data.holder === null || s.data.holder.userId === op.session.user.id);
        },
        15_000,
        250,
      );
      await direct[0]!.absoluteMove('main', { pan: 0.4, tilt: 0.1, zoom: 0 });
      const set = await ask(op.control, 'ptz:preset:set', { cameraId: camA, name: 'Door & <gate>' });
      expect(set).toMatchObject({ ok: true, data: { name: 'Door & <gate>' } });
      if (!set.ok) return;
      await direct[0]!.absoluteMove('main', { pan: -0.4, tilt: 0, zoom: 0 });
      const list = await ask(op.control, 'ptz:preset:list', { cameraId: camA });
      expect(list.ok && list.data).toContainEqual(set.data);
      expect((await ask(op.control, 'ptz:preset:goto', { cameraId: camA, token: set.data.token })).ok).toBe(true);
      await waitFor('the preset position', async () => Math.abs((await status(0)).pan - 0.4) < 0.01);
      expect((await ask(op.control, 'ptz:preset:remove', { cameraId: camA, token: set.data.token })).ok).toBe(true);
      expect((await ask(op.control, 'ptz:home', { cameraId: camA })).ok).toBe(true);
      const ops = ingest.audit
        .search({ action: 'ptz.control', cameraId: camA, limit: 10 })
        .map((e) => e.details.op)
        .slice(0, 4);
      expect(ops).toEqual(['home', 'preset:remove', 'preset:goto', 'preset:set']);
    } finally {
      op.close();
    }
  });
});
