import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import { ask } from '../../helpers/client';
import { startSimFleet, type SimFleet } from '../../helpers/fleet';
import { clientWhenLive, startTestIngest } from '../ingest/harness';
import { incident } from './fixtures';

describe('an incident opened from a tile', () => {
  let fleet: SimFleet;
  let ingest: Ingest;
  beforeAll(async () => {
    fleet = await startSimFleet(['--cameras', '1', '--main', '320x180', '--sub', '160x90', '--gop', '25']);
    ingest = await startTestIngest(fleet.cameras);
  });
  afterAll(async () => {
    await ingest?.stop();
    await fleet?.stop();
  });

  it('carries a JPEG snapshot of the camera’s live picture, served only with a session', async () => {
    const op = await clientWhenLive(ingest, 'cam-01:sub');
    try {
      const res = await ask(
        op.control,
        'incident:create',
        incident({ cameras: ['cam-01'], snapshotFrom: 'cam-01' }),
        15_000,
      );
      expect(res).toMatchObject({ ok: true, data: { hasSnapshot: true, cameras: ['cam-01'] } });
      if (!res.ok) return;
      const jpeg = await fetch(`${ingest.url}/api/incident-snapshot?id=${res.data.id}`, {
        headers: { authorization: `Bearer ${op.session.token}` },
      });
      expect(jpeg.status).toBe(200);
      expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
      const bytes = new Uint8Array(await jpeg.arrayBuffer());
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
      expect(bytes.length).toBeGreaterThan(500);
      expect((await fetch(`${ingest.url}/api/incident-snapshot?id=${res.data.id}`)).status).toBe(401);
    } finally {
      op.close();
    }
  });
});
