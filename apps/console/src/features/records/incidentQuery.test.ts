import { describe, expect, it } from 'vitest';
import { incidentFixture as inc } from './fixtures';
import {
  appendPage,
  emptyIncidentFilter,
  incidentListRequest,
  matchesFilter,
  placeIncident,
  type IncidentFilter,
  type ListWindow,
} from './incidentQuery';

const f = (over: Partial<IncidentFilter>): IncidentFilter => ({ ...emptyIncidentFilter, ...over });

describe('filters → incident:list', () => {
  it.each([
    ['no filter', f({}), undefined, { limit: 100 }],
    ['trimmed text', f({ text: '  bank robbery ' }), undefined, { limit: 100, text: 'bank robbery' }],
    [
      'every filter and a cursor',
      f({ district: 'North', category: 'Drugs', status: 'open', from: '2026-01-01T00:00' }),
      77,
      {
        limit: 100,
        district: 'North',
        category: 'Drugs',
        status: 'open',
        from: new Date('2026-01-01T00:00').getTime(),
        beforeId: 77,
      },
    ],
    ['an unreadable date is left out', f({ to: 'not a date' }), undefined, { limit: 100 }],
  ])('%s', (_n, filter, before, expected) => {
    expect(incidentListRequest(filter, before)).toEqual(expected);
  });
});

describe('does a live change match the filter shown?', () => {
  const i = inc({ district: 'North', location: 'Market Square', policeRefs: { cad: 'CAD-991' } });
  it.each([
    [f({}), true],
    [f({ district: 'North' }), true],
    [f({ district: 'South' }), false],
    [f({ status: 'closed' }), false],
    [f({ text: 'mark' }), true],
    [f({ text: 'market squ' }), true],
    [f({ text: 'cad 991' }), true],
    [f({ text: 'station' }), false],
  ])('%o → %s', (filter, expected) => expect(matchesFilter(i, filter)).toBe(expected));
});

describe('placing live changes in the list', () => {
  const held = new Map([10, 8, 6].map((id) => [id, inc({ id, startedAt: id * 100 })]));
  const byId = (id: number) => held.get(id);
  const list = (more: boolean): ListWindow => ({ filter: emptyIncidentFilter, ids: [10, 8, 6], more });

  it.each([
    ['newest goes on top', inc({ id: 11, startedAt: 1100 }), false, [11, 10, 8, 6]],
    ['an older start time slots in between', inc({ id: 12, startedAt: 700 }), false, [10, 8, 12, 6]],
    ['beyond the last loaded row with more pages: left for paging', inc({ id: 2, startedAt: 200 }), true, [10, 8, 6]],
    ['beyond the last row on the last page: appended', inc({ id: 2, startedAt: 200 }), false, [10, 8, 6, 2]],
    ['a change that no longer matches is taken out', inc({ id: 8, startedAt: 800, status: 'closed' }), false, [10, 6]],
  ])('%s', (_n, i, more, ids) => {
    const l = { ...list(more), filter: _n.includes('no longer') ? f({ status: 'open' }) : emptyIncidentFilter };
    expect(placeIncident(l, i, byId).ids).toEqual(ids);
  });

  it('keeps the same list when a change does not move it', () => {
    const l = list(false);
    expect(placeIncident(l, inc({ id: 8, startedAt: 800, location: 'x' }), byId)).toBe(l);
  });

  it('does not repeat a live-added incident when its page arrives', () => {
    const l = appendPage(
      { filter: emptyIncidentFilter, ids: [10, 8], more: true },
      [inc({ id: 8 }), inc({ id: 6 })],
      2,
    );
    expect(l).toMatchObject({ ids: [10, 8, 6], more: true });
  });
});
