/**
 * The registry survives a restart: the stored camera (its password opened with the key file beside
 * the database) comes back in camera:list with its streams pulled from the stored profiles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ask } from '../../helpers/client';
import { clientWhenLive, startTestIngest } from '../ingest/harness';
import { onboard, startOnvifFleet, type OnvifFleet } from './helpers';

let fleet: OnvifFleet;
const dir = mkdtempSync(join(tmpdir(), 'cctv-cameras-restart-'));

beforeAll(async () => {
  fleet = await startOnvifFleet(1);
});

afterAll(async () => {
  await fleet?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('brings onboarded cameras back after a restart, streams live from the stored profiles', async () => {
  const dbPath = join(dir, 'cctv.sqlite');
  const first = await startTestIngest([], { dbPath });
  const cam = await onboard(first, fleet.sim[0]!, 'Survivor');
  await first.stop();

  const second = await startTestIngest([], { dbPath });
  try {
    const client = await clientWhenLive(second, `${cam.id}:sub`);
    try {
      const registry = await ask(client.control, 'camera:registry', {});
      expect(registry).toMatchObject({
        ok: true,
        data: [{ id: cam.id, name: 'Survivor', source: 'onvif', ptz: true }],
      });
      const list = await ask(client.control, 'camera:list', {});
      expect(list.ok && list.data[0]!.streams.map((s) => [s.streamId, s.state])).toEqual([
        [`${cam.id}:sub`, 'live'],
        [`${cam.id}:main`, 'idle'],
      ]);
    } finally {
      client.close();
    }
  } finally {
    await second.stop();
  }
});
