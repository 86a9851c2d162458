import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  newRequestDraft,
  policeRequestOf,
  requestErrors,
  requestFieldOf,
  type RequestDraft,
} from './requestForm';

const valid = (over: Partial<RequestDraft> = {}): RequestDraft => ({
  ...newRequestDraft(new Date('2026-03-02T09:00').getTime()),
  name: 'J Smith',
  force: 'Northshire Police',
  cameras: 'cam-01',
  from: '2026-03-01T21:00',
  to: '2026-03-01T22:00',
  reason: 'Assault outside the Crown',
  ...over,
});

describe('a police request', () => {
  it('becomes policeRequest:create with the requester, window and references', () => {
    expect(policeRequestOf(valid({ cad: '991', incidentId: '12' }))).toMatchObject({
      requester: { name: 'J Smith', force: 'Northshire Police' },
      cameras: ['cam-01'],
      window: { from: new Date('2026-03-01T21:00').getTime(), to: new Date('2026-03-01T22:00').getTime() },
      policeRefs: { cad: '991' },
      incidentId: 12,
    });
  });

  it.each([
    ['complete', valid(), {}],
    ['no force', valid({ force: '' }), { force: 'Force is required' }],
    ['no camera', valid({ cameras: '' }), { cameras: 'Cameras name at least one camera' }],
    ['a window that ends first', valid({ to: '2026-03-01T20:00' }), { to: 'Footage to must end after it starts' }],
    [
      'RIPA without its authorisation',
      valid({ lawfulBasis: 'ripa-directed-surveillance' }),
      {
        ripaReference: 'RIPA reference is required for a RIPA authorisation',
        ripaExpiresAt: 'RIPA expiry is required for a RIPA authorisation',
      },
    ],
  ])('%s', (_n, d, expected) => expect(requestErrors(d)).toEqual(expected));

  it.each([
    ['requester.name', 'name'],
    ['window.to', 'to'],
    ['ripa.expiresAt', 'ripaExpiresAt'],
    ['policeRefs.crimeRef', 'crimeRef'],
    ['id', 'form'],
  ])('%s → %s', (path, field) => expect(requestFieldOf(path)).toBe(field));

  it.each([
    [40 * 60_000, '40 min'],
    [125 * 60_000, '2 h 05 min'],
    [(3 * 24 + 4) * 3_600_000, '3 d 4 h'],
  ])('turnaround %i ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
