import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import { controlCommands, mediaCommands, roleSchema, ROLE_PERMISSIONS, type Role } from '@cctv/protocol';
import { ask } from '../../helpers/client';
import { connectWith, sessionAs, startTestIngest } from '../ingest/harness';

const roles = roleSchema.options;
// Signing out would end the session mid-matrix; it is allowed to every role and tested on its own.
const commands = [
  ...Object.entries(controlCommands)
    .filter(([name]) => name !== 'session:signOut')
    .map(([name, spec]) => ({ ns: 'control' as const, name, permission: spec.permission })),
  ...Object.entries(mediaCommands).map(([name, spec]) => ({ ns: 'media' as const, name, permission: spec.permission })),
];
const routes = [
  { path: '/api/streams', permission: 'live:view' },
  { path: '/api/audit.csv', permission: 'audit:view' },
  { path: '/api/audit/verify', permission: 'audit:view' },
] as const;

describe('every role × every event and route', () => {
  let ingest: Ingest;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    ingest = await startTestIngest({
      cameras: [{ id: 'cam-01', name: 'One', streams: { main: { url: 'rtsp://127.0.0.1:1/main' } } }],
    });
    for (const role of roles) tokens.set(role, (await sessionAs(ingest, role)).token);
  });
  afterAll(async () => ingest?.stop());

  it.each(roles)('%s: each command is allowed or refused as the permission table says', async (role) => {
    const client = await connectWith(ingest, tokens.get(role)!);
    try {
      for (const c of commands) {
        const socket = c.ns === 'control' ? client.control : client.media;
        const res = (await ask(socket as never, c.name as never, {} as never)) as {
          ok: boolean;
          error?: { code: string };
        };
        const allowed = c.permission === null || ROLE_PERMISSIONS[role].includes(c.permission);
        if (allowed) expect(res.ok || res.error?.code !== 'FORBIDDEN', `${role} ${c.name}`).toBe(true);
        else expect(res, `${role} ${c.name}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    } finally {
      client.close();
    }
  });

  it.each(roles)('%s: each HTTP route is allowed or refused as the permission table says', async (role) => {
    for (const r of routes) {
      const res = await fetch(`${ingest.url}${r.path}`, { headers: { authorization: `Bearer ${tokens.get(role)}` } });
      expect(res.status, `${role} ${r.path}`).toBe(ROLE_PERMISSIONS[role].includes(r.permission) ? 200 : 403);
    }
  });

  it('refuses every protected route without a session', async () => {
    for (const r of routes) expect((await fetch(`${ingest.url}${r.path}`)).status).toBe(401);
    expect(
      (await fetch(`${ingest.url}/api/streams`, { headers: { authorization: 'Bearer nonsense-token-123456' } })).status,
    ).toBe(401);
  });

  // The table itself, spot-checked against the domain, so a wrong table cannot pass the matrix.
  it.each([
    ['police-liaison', 'live:view', false],
    ['police-liaison', 'records:viewShared', true],
    ['police-liaison', 'records:viewAll', false],
    ['inspector', 'audit:view', true],
    ['inspector', 'records:edit', false],
    ['inspector', 'users:manage', false],
    ['inspector', 'inspections:write', true],
    ['operator', 'ptz:control', true],
    ['operator', 'ptz:override', false],
    ['operator', 'disclosure:approve', false],
    ['supervisor', 'ptz:override', true],
    ['data-controller', 'disclosure:approve', true],
    ['data-controller', 'live:view', false],
    ['administrator', 'users:manage', true],
    ['partner-officer', 'dashboard:view', true],
    ['partner-officer', 'live:view', false],
  ] as const)('%s may %s: %s', (role, permission, expected) => {
    expect(ROLE_PERMISSIONS[role].includes(permission)).toBe(expected);
  });

  it('audits a refused command with who tried what', async () => {
    const client = await connectWith(ingest, tokens.get('inspector')!);
    try {
      await ask(client.control, 'user:list', {});
      const refused = ingest.audit.search({ action: 'access.refused', limit: 50 });
      expect(refused.some((e) => e.target === 'user:list' && e.username?.startsWith('inspector-'))).toBe(true);
    } finally {
      client.close();
    }
  });
});
