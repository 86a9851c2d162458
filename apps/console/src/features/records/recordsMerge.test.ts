import { describe, expect, it } from 'vitest';
import { incidentFixture as inc } from './fixtures';
import {
  applyCatchUp,
  applyIncident,
  applyQueried,
  catchUpFrom,
  connectionLost,
  emptyRecords,
  removeIncident,
  type RecordsData,
} from './recordsMerge';

const synced = (cursor: number, over: Partial<RecordsData> = {}): RecordsData => ({
  ...emptyRecords,
  cursor,
  synced: true,
  ...over,
});
const changes = (rev: number, over: Partial<Parameters<typeof applyCatchUp>[1]> = {}) => ({
  rev,
  truncated: false,
  incidents: [],
  removedIncidents: [],
  policeRequests: [],
  shifts: [],
  ...over,
});

describe('merging records by rev', () => {
  it.each([
    ['a new incident is added', [], inc({ id: 1, rev: 5 }), 5],
    ['a newer state replaces the held one', [inc({ id: 1, rev: 5 })], inc({ id: 1, rev: 7, location: 'x' }), 7],
    [
      'the same rev again (duplicate) changes nothing',
      [inc({ id: 1, rev: 7 })],
      inc({ id: 1, rev: 7, location: 'dup' }),
      7,
    ],
    ['an older state never goes backwards', [inc({ id: 1, rev: 9 })], inc({ id: 1, rev: 7, location: 'old' }), 9],
  ])('%s', (_name, held, next, keptRev) => {
    const d = held.reduce((acc, i) => applyIncident(acc, i), synced(0));
    const out = applyIncident(d, next);
    expect(out.incidents[1]!.rev).toBe(keptRev);
    if (keptRev !== next.rev) expect(out.incidents).toBe(d.incidents);
  });

  it('advances the cursor only on a caught-up connection', () => {
    expect(applyIncident(synced(3), inc({ rev: 8 })).cursor).toBe(8);
    expect(applyIncident({ ...synced(3), synced: false }, inc({ rev: 8 })).cursor).toBe(3);
    expect(applyIncident(emptyRecords, inc({ rev: 8 })).cursor).toBeNull();
    // Answers to queries are snapshots: they never move the cursor.
    expect(applyQueried(synced(3), [inc({ rev: 8 })]).cursor).toBe(3);
  });

  it('removes an incident the console may no longer see, and ignores older states of it afterwards', () => {
    const d = applyIncident(synced(0), inc({ id: 4, rev: 4, sharedWithPolice: true }));
    const gone = removeIncident(d, 4, 6);
    expect(gone.incidents[4]).toBeUndefined();
    expect(applyIncident(gone, inc({ id: 4, rev: 5 })).incidents[4]).toBeUndefined();
    // Shared again later: it comes back.
    expect(applyIncident(gone, inc({ id: 4, rev: 9 })).incidents[4]?.rev).toBe(9);
    // A removal older than what is held is ignored.
    expect(removeIncident(applyIncident(d, inc({ id: 4, rev: 10 })), 4, 6).incidents[4]?.rev).toBe(10);
  });
});

describe('catching up after a reconnect', () => {
  it('asks for the current rev only the first time, then from the cursor', () => {
    expect(catchUpFrom(emptyRecords)).toBe(Number.MAX_SAFE_INTEGER);
    expect(catchUpFrom(synced(42))).toBe(42);
  });

  it('fills the gap, drops what is no longer visible, and resumes live', () => {
    let d = applyIncident(synced(5), inc({ id: 1, rev: 5, sharedWithPolice: true }));
    d = connectionLost(d);
    // A notification that arrives before the catch-up answer is applied but proves nothing about the gap.
    d = applyIncident(d, inc({ id: 3, rev: 12 }));
    expect(d.cursor).toBe(5);
    d = applyCatchUp(
      d,
      changes(12, { incidents: [inc({ id: 2, rev: 8 }), inc({ id: 3, rev: 12 })], removedIncidents: [1] }),
    );
    expect(Object.keys(d.incidents)).toEqual(['2', '3']);
    expect(d).toMatchObject({ cursor: 12, synced: true });
    expect(applyIncident(d, inc({ id: 5, rev: 13 })).cursor).toBe(13);
  });

  it('is idempotent: the same catch-up twice changes nothing more', () => {
    const c = changes(9, { incidents: [inc({ id: 2, rev: 8 })] });
    const once = applyCatchUp(synced(1), c);
    const twice = applyCatchUp(once, c);
    expect(twice.incidents).toBe(once.incidents);
    expect(twice.cursor).toBe(9);
  });
});
