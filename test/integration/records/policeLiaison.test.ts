import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import type { Incident } from '@cctv/protocol';
import { ask } from '../../helpers/client';
import { waitFor } from '../../helpers/waitFor';
import { connectAs, startTestIngest } from '../ingest/harness';
import { incident } from './fixtures';

describe('the police liaison view', () => {
  let ingest: Ingest;
  let secret: Incident;
  let shared: Incident;
  beforeAll(async () => {
    ingest = await startTestIngest({ cameras: [] });
    const op = await connectAs(ingest, 'operator');
    const a = await ask(
      op.control,
      'incident:create',
      incident({ location: 'Safeguarding case, Elm Road', narrative: 'confidential welfare concern' }),
    );
    const b = await ask(
      op.control,
      'incident:create',
      incident({ location: 'Crown pub', narrative: 'fight outside', sharedWithPolice: true }),
    );
    op.close();
    if (!a.ok || !b.ok) throw new Error('setup failed');
    secret = a.data;
    shared = b.data;
  });
  afterAll(async () => ingest?.stop());

  it('lists and searches only incidents shared with the police', async () => {
    const pl = await connectAs(ingest, 'police-liaison');
    try {
      const list = await ask(pl.control, 'incident:list', { limit: 100 });
      expect(list.ok && list.data.map((i) => i.id)).toEqual([shared.id]);
      for (const text of ['confidential', 'Elm', secret.ref, 'welfare']) {
        const found = await ask(pl.control, 'incident:list', { text, limit: 100 });
        expect(found.ok && found.data, text).toEqual([]);
      }
    } finally {
      pl.close();
    }
  });

  it('cannot obtain an unshared incident by id, comment, catch-up or snapshot', async () => {
    const pl = await connectAs(ingest, 'police-liaison');
    try {
      for (let id = 1; id <= secret.id + 5; id++) {
        const got = await ask(pl.control, 'incident:get', { id });
        if (id === shared.id) expect(got.ok).toBe(true);
        else
          expect(got, `id ${id}`).toMatchObject({
            ok: false,
            error: { code: 'NOT_FOUND', message: `No incident ${id}.` },
          });
      }
      expect(await ask(pl.control, 'incident:comment', { id: secret.id, text: 'hello' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      const caught = await ask(pl.control, 'records:catchUp', { sinceRev: 0 });
      expect(caught.ok && caught.data.incidents.map((i) => i.id)).toEqual([shared.id]);
      expect(JSON.stringify(caught)).not.toContain('confidential');
      const snap = await fetch(`${ingest.url}/api/incident-snapshot?id=${secret.id}`, {
        headers: { authorization: `Bearer ${pl.session.token}` },
      });
      expect(snap.status).toBe(404);
      expect(
        await ask(pl.control, 'incident:update', { id: secret.id, version: 1, changes: { town: 'x' } }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      pl.close();
    }
  });

  it('follows shared incidents live, comments on them, and is told when one stops being shared', async () => {
    const pl = await connectAs(ingest, 'police-liaison');
    const op = await connectAs(ingest, 'operator');
    try {
      const changed: Incident[] = [];
      const removed: number[] = [];
      pl.control.on('incident:changed', (i) => changed.push(i));
      pl.control.on('incident:removed', ({ id }) => removed.push(id));
      const hidden = await ask(op.control, 'incident:create', incident({ location: 'Not for police' }));
      const live = await ask(
        op.control,
        'incident:create',
        incident({ location: 'For police', sharedWithPolice: true }),
      );
      if (!hidden.ok || !live.ok) throw new Error('create failed');
      await waitFor('the shared one', () => changed.some((i) => i.id === live.data.id));
      expect(changed.some((i) => i.id === hidden.data.id)).toBe(false);
      const commented = await ask(pl.control, 'incident:comment', { id: live.data.id, text: 'Officers on scene' });
      expect(commented.ok && commented.data.narrative.at(-1)).toMatchObject({
        kind: 'police-comment',
        text: 'Officers on scene',
        by: 'Test police-liaison',
      });
      await ask(op.control, 'incident:update', {
        id: live.data.id,
        version: live.data.version,
        changes: { sharedWithPolice: false },
      });
      await waitFor('removed', () => removed.includes(live.data.id));
    } finally {
      pl.close();
      op.close();
    }
  });
});
