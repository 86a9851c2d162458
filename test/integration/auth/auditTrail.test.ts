import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import { ask } from '../../helpers/client';
import { startSimFleet, type SimFleet } from '../../helpers/fleet';
import { waitFor } from '../../helpers/waitFor';
import { clientWhenLive, connectWith, sessionAs, startTestIngest } from '../ingest/harness';

describe('what the audit trail records', () => {
  let fleet: SimFleet;
  let ingest: Ingest;
  beforeAll(async () => {
    fleet = await startSimFleet(['--cameras', '1', '--main', '320x180', '--sub', '160x90']);
    ingest = await startTestIngest(fleet.cameras);
  });
  afterAll(async () => {
    await ingest?.stop();
    await fleet?.stop();
  });

  it('records live view start and stop with camera, user and workstation; searchable and exportable', async () => {
    const op = await clientWhenLive(ingest, 'cam-01:sub');
    await ask(op.media, 'stream:subscribe', { streamId: 'cam-01:sub' });
    await ask(op.media, 'stream:unsubscribe', { streamId: 'cam-01:sub' });
    op.close();
    const inspector = await sessionAs(ingest, 'inspector');
    const client = await connectWith(ingest, inspector.token);
    try {
      const res = await ask(client.control, 'audit:search', { cameraId: 'cam-01', limit: 10 });
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      const actions = res.data.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['live.viewStarted', 'live.viewStopped']));
      const started = res.data.find((e) => e.action === 'live.viewStarted')!;
      expect(started).toMatchObject({
        cameraId: 'cam-01',
        target: 'cam-01:sub',
        workstation: 'test-desk',
        username: expect.stringMatching(/^operator-/),
      });
      // Newest first.
      expect(res.data.map((e) => e.id)).toEqual([...res.data.map((e) => e.id)].sort((a, b) => b - a));

      const csv = await fetch(`${ingest.url}/api/audit.csv?cameraId=cam-01`, {
        headers: { authorization: `Bearer ${inspector.token}` },
      });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toBe('id,time (UTC),user,workstation,action,camera,target,details,hash');
      expect(lines.filter((l) => l.includes('live.viewStarted'))).toHaveLength(1);
      await waitFor('export audited', () => ingest.audit.search({ action: 'audit.exported', limit: 1 }).length === 1);
      expect(await ask(client.control, 'audit:verify', {})).toMatchObject({ ok: true, data: { ok: true } });
    } finally {
      client.close();
    }
  });

  it('records sign-ins and failed sign-ins', async () => {
    const s = await sessionAs(ingest, 'operator');
    expect(ingest.audit.search({ action: 'auth.signIn', username: s.user.username, limit: 5 })).toHaveLength(1);
  });
});

describe('inspections', () => {
  let ingest: Ingest;
  beforeAll(async () => {
    ingest = await startTestIngest({ cameras: [] });
  });
  afterAll(async () => ingest?.stop());

  const report = {
    date: '2026-11-20',
    checked: 'Shift logs for week 46; audit trail for camera 12',
    findings: Array.from({ length: 12 }, (_, i) => ({
      principle: i + 1,
      status: (i === 6 ? 'partly-met' : 'met') as 'met' | 'partly-met',
      notes: i === 6 ? 'Two exports without a request number' : '',
    })),
    recommendations: 'Require a request number before any export.',
  } as const;

  it('lets an inspector record a spot check against all 12 principles and a supervisor respond', async () => {
    const inspector = await connectWith(ingest, (await sessionAs(ingest, 'inspector')).token);
    const supervisor = await connectWith(ingest, (await sessionAs(ingest, 'supervisor')).token);
    try {
      const created = await ask(inspector.control, 'inspection:create', report);
      expect(created).toMatchObject({ ok: true, data: { date: '2026-11-20', inspector: 'Test inspector' } });
      if (!created.ok) return;
      const responded = await ask(supervisor.control, 'inspection:respond', {
        id: created.data.id,
        response: 'Agreed; in force from 1 December.',
      });
      expect(responded).toMatchObject({
        ok: true,
        data: { responses: [{ by: 'Test supervisor', response: 'Agreed; in force from 1 December.' }] },
      });
      const list = await ask(supervisor.control, 'inspection:list', {});
      expect(list.ok && list.data[0]!.findings[6]).toMatchObject({ principle: 7, status: 'partly-met' });
      // The inspector changes nothing else: responding is a supervisor's.
      expect(await ask(inspector.control, 'inspection:respond', { id: created.data.id, response: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    } finally {
      inspector.close();
      supervisor.close();
    }
  });

  it('refuses a report that skips a principle, naming the field', async () => {
    const inspector = await connectWith(ingest, (await sessionAs(ingest, 'inspector')).token);
    try {
      const res = await ask(inspector.control, 'inspection:create', {
        ...report,
        findings: report.findings.slice(0, 11),
      });
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', field: 'findings' } });
    } finally {
      inspector.close();
    }
  });
});
