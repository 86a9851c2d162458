import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import type { Incident } from '@cctv/protocol';
import { ask } from '../../helpers/client';
import { waitFor } from '../../helpers/waitFor';
import { connectAs, startTestIngest } from '../ingest/harness';
import { incident } from './fixtures';

describe('the occurrence log, live to every console', () => {
  let ingest: Ingest;
  beforeAll(async () => {
    ingest = await startTestIngest({ cameras: [] });
  });
  afterAll(async () => ingest?.stop());

  it('shows an incident created on one console on the others at once', async () => {
    const a = await connectAs(ingest, 'operator');
    const b = await connectAs(ingest, 'supervisor');
    const c = await connectAs(ingest, 'operator');
    try {
      const seenB: Incident[] = [];
      const seenC: Incident[] = [];
      b.control.on('incident:changed', (i) => seenB.push(i));
      c.control.on('incident:changed', (i) => seenC.push(i));
      const res = await ask(a.control, 'incident:create', incident());
      expect(res).toMatchObject({
        ok: true,
        data: { ref: expect.stringMatching(/^\d{4}\/\d{6}$/), version: 1, status: 'open', operator: 'Test operator' },
      });
      if (!res.ok) return;
      await waitFor('both consoles', () => seenB.length === 1 && seenC.length === 1);
      expect(seenB[0]).toEqual(res.data);
      const added = await ask(b.control, 'incident:addNarrative', { id: res.data.id, text: 'Police attending' });
      expect(added.ok && added.data.narrative.map((n) => n.text)).toEqual([
        'Group of youths kicking a bin',
        'Police attending',
      ]);
      await waitFor('the narrative line on c', () => seenC.at(-1)?.narrative.length === 2);
    } finally {
      a.close();
      b.close();
      c.close();
    }
  });

  it('refuses a stale edit instead of overwriting someone else’s change', async () => {
    const a = await connectAs(ingest, 'operator');
    try {
      const created = await ask(a.control, 'incident:create', incident());
      if (!created.ok) throw new Error('create failed');
      const first = await ask(a.control, 'incident:update', {
        id: created.data.id,
        version: 1,
        changes: { town: 'Bexley' },
      });
      expect(first).toMatchObject({ ok: true, data: { version: 2, town: 'Bexley' } });
      const second = await ask(a.control, 'incident:update', {
        id: created.data.id,
        version: 1,
        changes: { town: 'Crane' },
      });
      expect(second).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringMatching(/changed this incident/) },
      });
      const got = await ask(a.control, 'incident:get', { id: created.data.id });
      expect(got.ok && got.data.history).toEqual([
        expect.objectContaining({ version: 2, changes: { town: { from: 'Ashby', to: 'Bexley' } } }),
      ]);
    } finally {
      a.close();
    }
  });

  it.each([
    [{ ...incident(), location: '' }, 'location'],
    [{ ...incident(), source: 'rumour' }, 'source'],
    [{ ...incident(), cameras: ['CAM 1'] }, 'cameras.0'],
    [{ ...incident(), endedAt: Date.now() - 3600_000 }, 'endedAt'],
    [{ ...incident(), narrative: 'x'.repeat(4001) }, 'narrative'],
    [{ ...incident(), category: 'Jaywalking' }, 'category'],
  ])('refuses an invalid incident naming the field (%#), and stores nothing', async (payload, field) => {
    const a = await connectAs(ingest, 'operator');
    try {
      const before = (ingest.db.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number }).n;
      const res = await ask(a.control, 'incident:create', payload as never);
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', field } });
      expect((ingest.db.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number }).n).toBe(before);
    } finally {
      a.close();
    }
  });

  it('lets a supervisor review, and not an operator', async () => {
    const op = await connectAs(ingest, 'operator');
    const sv = await connectAs(ingest, 'supervisor');
    try {
      const created = await ask(op.control, 'incident:create', incident());
      if (!created.ok) throw new Error('create failed');
      expect(await ask(op.control, 'incident:review', { id: created.data.id, notes: 'fine' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await ask(sv.control, 'incident:review', { id: created.data.id, notes: 'Good log' })).toMatchObject({
        ok: true,
        data: { review: { by: 'Test supervisor', notes: 'Good log' } },
      });
    } finally {
      op.close();
      sv.close();
    }
  });

  it('catches a reconnecting console up with exactly what it missed', async () => {
    const watcher = await connectAs(ingest, 'supervisor');
    const writer = await connectAs(ingest, 'operator');
    try {
      const mark = await ask(watcher.control, 'records:catchUp', { sinceRev: 0 });
      if (!mark.ok) throw new Error('catch-up failed');
      const token = watcher.session.token;
      watcher.close();
      const one = await ask(writer.control, 'incident:create', incident({ location: 'Missed 1' }));
      const two = await ask(writer.control, 'incident:create', incident({ location: 'Missed 2' }));
      if (!one.ok || !two.ok) throw new Error('create failed');
      await ask(writer.control, 'incident:addNarrative', { id: one.data.id, text: 'more' });
      const { connectWith } = await import('../ingest/harness');
      const again = await connectWith(ingest, token);
      try {
        const caught = await ask(again.control, 'records:catchUp', { sinceRev: mark.data.rev });
        if (!caught.ok) throw new Error('catch-up failed');
        // Each changed record once, in its newest state, in the order of its last change.
        expect(caught.data.incidents.map((i) => i.location)).toEqual(['Missed 2', 'Missed 1']);
        expect(caught.data.incidents[1]!.narrative.at(-1)!.text).toBe('more');
        expect(caught.data.rev).toBe(caught.data.incidents[1]!.rev);
        expect(caught.data.truncated).toBe(false);
        const nothing = await ask(again.control, 'records:catchUp', { sinceRev: caught.data.rev });
        expect(nothing.ok && nothing.data.incidents).toEqual([]);
      } finally {
        again.close();
      }
    } finally {
      writer.close();
    }
  });
});
