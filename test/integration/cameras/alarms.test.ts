/**
 * Camera events against the real simulator: motion becomes an alarm on consoles that watch video,
 * it is stored and acknowledged with who and when, and after the camera reboots (dropping its
 * subscriptions) ingest subscribes again, so a later motion still arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import type { Alarm } from '@cctv/protocol';
import { ask } from '../../helpers/client';
import { waitFor } from '../../helpers/waitFor';
import { connectAs } from '../ingest/harness';
import { onboard, sleep, startCameraIngest, startOnvifFleet, type Client, type OnvifFleet } from './helpers';

let fleet: OnvifFleet;
let ingest: Ingest;
let cameraId: string;
let operator: Client;
let police: Client;
const raised: Alarm[] = [];
const changed: Alarm[] = [];
const policeHeard: Alarm[] = [];

beforeAll(async () => {
  fleet = await startOnvifFleet(1);
  ingest = await startCameraIngest();
  operator = await connectAs(ingest, 'operator');
  police = await connectAs(ingest, 'police-liaison');
  operator.control.on('alarm:raised', (a) => raised.push(a));
  operator.control.on('alarm:changed', (a) => changed.push(a));
  police.control.on('alarm:raised', (a) => policeHeard.push(a));
  cameraId = (await onboard(ingest, fleet.sim[0]!, 'Alarm Cam')).id;
});

afterAll(async () => {
  operator?.close();
  police?.close();
  await ingest?.stop();
  await fleet?.stop();
});

/**
 * Raises motion until an alarm newer than `afterId` arrives. (A motion raised before the subscription
 * exists is lost, as on a real camera; the loop waits for the subscription without a fixed sleep.)
 */
async function motionArrives(afterId: number): Promise<Alarm> {
  return waitFor(
    'a motion alarm on the console',
    async () => {
      await fleet.onvifFault(fleet.sim[0]!.id, 'motion');
      const deadline = Date.now() + 1500;
      while (Date.now() < deadline) {
        const a = raised.find((x) => x.id > afterId && x.kind === 'motion');
        if (a) return a;
        await sleep(50);
      }
      return undefined;
    },
    20_000,
    0,
  );
}

describe('alarms', () => {
  it('motion arrives as alarm:raised, ends, and is acknowledged once with who and when', async () => {
    const alarm = await motionArrives(0);
    expect(alarm).toMatchObject({ cameraId, kind: 'motion', active: true, acknowledgedAt: null, acknowledgedBy: null });
    // The simulator ends the motion after a second.
    await waitFor('the alarm to end', () => changed.find((a) => a.id === alarm.id && !a.active), 10_000);
    expect(policeHeard).toEqual([]);

    const ack = await ask(operator.control, 'alarm:acknowledge', { id: alarm.id });
    expect(ack).toMatchObject({
      ok: true,
      data: {
        id: alarm.id,
        acknowledgedBy: { userId: operator.session.user.id, displayName: operator.session.user.displayName },
      },
    });
    await waitFor('alarm:changed for the acknowledgement', () =>
      changed.find((a) => a.id === alarm.id && a.acknowledgedAt),
    );
    const again = await ask(operator.control, 'alarm:acknowledge', { id: alarm.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(ingest.audit.search({ cameraId, limit: 20 }).find((e) => e.target === `alarm:${alarm.id}`)).toMatchObject({
      username: operator.session.user.username,
      details: { change: 'acknowledged' },
    });
    const open = await ask(operator.control, 'alarm:list', { unacknowledgedOnly: true });
    expect(open.ok && open.data.map((a) => a.id)).not.toContain(alarm.id);
    const all = await ask(operator.control, 'alarm:list', {});
    expect(all.ok && all.data.map((a) => a.id)).toContain(alarm.id);
  });

  it('after the camera reboots, the subscription is made again and a later motion still arrives', async () => {
    const last = Math.max(0, ...raised.map((a) => a.id));
    await fleet.onvifFault(fleet.sim[0]!.id, 'reboot', 1000);
    // While it is down nothing can arrive; once back, motion must get through again.
    const after = await motionArrives(last);
    expect(after).toMatchObject({ cameraId, kind: 'motion', active: true });
  });

  it('refuses acknowledgement to a role without it, and a missing id', async () => {
    expect(await ask(police.control, 'alarm:acknowledge', { id: 1 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await ask(operator.control, 'alarm:acknowledge', { id: 999_999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
