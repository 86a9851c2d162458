import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import { ask } from '../../helpers/client';
import { connectAs, startTestIngest } from '../ingest/harness';
import { incident, policeRequest } from './fixtures';

const sha = 'a'.repeat(64);

describe('police requests and the disclosure log', () => {
  let ingest: Ingest;
  beforeAll(async () => {
    ingest = await startTestIngest({ cameras: [] });
  });
  afterAll(async () => ingest?.stop());

  it('releases nothing before a data controller approves, then records the release and the turnaround', async () => {
    const op = await connectAs(ingest, 'operator');
    const dc = await connectAs(ingest, 'data-controller');
    try {
      const created = await ask(op.control, 'policeRequest:create', policeRequest());
      expect(created).toMatchObject({
        ok: true,
        data: { number: expect.stringMatching(/^PR-\d{4}-\d{4}$/), status: 'awaiting-decision', decision: null },
      });
      if (!created.ok) return;
      const id = created.data.id;
      const release = { id, releasedAt: Date.now(), method: 'digital-link' as const, exhibitId: 'JP/1', hashes: [sha] };
      expect(await ask(dc.control, 'policeRequest:release', release)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringMatching(/before a data controller approves/) },
      });
      expect(await ask(op.control, 'policeRequest:decide', { id, decision: 'approved', reason: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      const decided = await ask(dc.control, 'policeRequest:decide', {
        id,
        decision: 'approved',
        reason: 'Schedule 2 exemption applies; proportionate',
      });
      expect(decided).toMatchObject({
        ok: true,
        data: { status: 'approved', decision: { decision: 'approved', by: 'Test data-controller' } },
      });
      expect(
        await ask(dc.control, 'policeRequest:decide', { id, decision: 'refused', reason: 'changed my mind' }),
      ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      const released = await ask(op.control, 'policeRequest:release', release);
      expect(released).toMatchObject({
        ok: true,
        data: { status: 'released', release: { exhibitId: 'JP/1', hashes: [sha], by: 'Test operator' } },
      });
      if (released.ok) expect(released.data.turnaroundMs).toBe(release.releasedAt - created.data.receivedAt);
      const audit = ingest.audit.search({ action: 'disclosure.decided', limit: 5 });
      expect(audit[0]).toMatchObject({ target: `request:${created.data.number}`, details: { decision: 'approved' } });
    } finally {
      op.close();
      dc.close();
    }
  });

  it('refuses a RIPA request without its authorisation, and a window that ends before it starts', async () => {
    const op = await connectAs(ingest, 'operator');
    try {
      expect(
        await ask(op.control, 'policeRequest:create', policeRequest({ lawfulBasis: 'ripa-directed-surveillance' })),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_PAYLOAD', field: 'ripa' },
      });
      expect(
        await ask(op.control, 'policeRequest:create', policeRequest({ window: { from: 2000, to: 1000 } })),
      ).toMatchObject({
        ok: false,
        error: { field: 'window.to' },
      });
    } finally {
      op.close();
    }
  });

  it('puts urgent requests awaiting a decision first for the data controller', async () => {
    const op = await connectAs(ingest, 'operator');
    const dc = await connectAs(ingest, 'data-controller');
    try {
      await ask(op.control, 'policeRequest:create', policeRequest({ urgency: 'routine', reason: 'routine one' }));
      await ask(op.control, 'policeRequest:create', policeRequest({ urgency: 'immediate', reason: 'immediate one' }));
      const list = await ask(dc.control, 'policeRequest:list', { status: 'awaiting-decision', limit: 10 });
      expect(list.ok && list.data.map((r) => r.urgency)).toEqual(['immediate', 'routine']);
    } finally {
      op.close();
      dc.close();
    }
  });
});

describe('the shift log', () => {
  let ingest: Ingest;
  beforeAll(async () => {
    ingest = await startTestIngest({ cameras: [] });
  });
  afterAll(async () => ingest?.stop());

  it('carries the handover and open incidents to the next shift, and is signed off by a supervisor', async () => {
    const op = await connectAs(ingest, 'operator');
    const sv = await connectAs(ingest, 'supervisor');
    try {
      const first = await ask(op.control, 'shift:start', { onDuty: ['op-a', 'op-b'] });
      expect(first).toMatchObject({
        ok: true,
        data: { previous: null, shift: { onDuty: ['op-a', 'op-b'], endedAt: null } },
      });
      if (!first.ok) return;
      expect(await ask(op.control, 'shift:start', { onDuty: ['x'] })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      const open = await ask(op.control, 'incident:create', incident({ location: 'Still open' }));
      await ask(op.control, 'incident:create', incident({ endedAt: Date.now(), outcome: 'dispersal' }));
      await ask(op.control, 'shift:update', {
        id: first.data.shift.id,
        handoverNotes: 'Camera 7 focus drifting; keep an eye on the rank at 02:00',
        visitors: [{ name: 'Insp. Hale', organisation: 'Midshire Police', in: Date.now() - 600_000, out: null }],
      });
      expect(await ask(sv.control, 'shift:signOff', { id: first.data.shift.id })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      const ended = await ask(op.control, 'shift:end', { id: first.data.shift.id });
      expect(ended.ok && open.ok && ended.data.carriedOver).toEqual([open.ok ? open.data.ref : '']);
      const next = await ask(op.control, 'shift:start', { onDuty: ['op-c'] });
      expect(next).toMatchObject({
        ok: true,
        data: { previous: { handoverNotes: 'Camera 7 focus drifting; keep an eye on the rank at 02:00' } },
      });
      expect(await ask(op.control, 'shift:signOff', { id: first.data.shift.id })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await ask(sv.control, 'shift:signOff', { id: first.data.shift.id })).toMatchObject({
        ok: true,
        data: { signOff: { by: 'Test supervisor' } },
      });
    } finally {
      op.close();
      sv.close();
    }
  });
});
