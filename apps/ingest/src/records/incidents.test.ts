import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/db';
import { ChangeLog } from './changes';
import { ftsQuery, IncidentRepository, type IncidentFields } from './incidents';

const fields = (over: Partial<IncidentFields> = {}): IncidentFields => ({
  startedAt: Date.UTC(2026, 10, 27, 22, 15),
  district: 'North',
  town: 'Ashby',
  location: 'Market Street, outside the Crown',
  cameras: ['cam-03'],
  source: 'proactive',
  category: 'Night-time economy',
  policeRefs: {},
  evidence: [],
  sharedWithPolice: false,
  ...over,
});

describe('IncidentRepository', () => {
  let db: Db;
  let repo: IncidentRepository;
  let changes: ChangeLog;
  beforeEach(() => {
    db = openDatabase(':memory:');
    db.prepare(
      "INSERT INTO users (id, username, display_name, role, password_hash, created_at, password_changed_at) VALUES (1, 'op', 'Op One', 'operator', 'x', 0, 0), (2, 'sv', 'Sup Two', 'supervisor', 'x', 0, 0)",
    ).run();
    changes = new ChangeLog(db);
    repo = new IncidentRepository(db, changes);
  });
  afterEach(() => db.close());

  it('numbers incidents per year, starting again at 1 in a new year', () => {
    expect(repo.create(1, fields()).ref).toBe('2026/000001');
    expect(repo.create(1, fields()).ref).toBe('2026/000002');
    expect(repo.create(1, fields({ startedAt: Date.UTC(2027, 0, 1, 0, 5) })).ref).toBe('2027/000001');
    expect(repo.create(1, fields()).ref).toBe('2026/000003');
  });

  it('keeps every change in the history, refuses a stale version, and closes with an end and an outcome', () => {
    const i = repo.create(1, fields(), 'Group of six arguing');
    const changed = repo.update(
      2,
      i.id,
      1,
      { category: 'Violence / affray', endedAt: i.startedAt + 600_000 },
      'escalated',
    );
    expect(changed).toMatchObject({ version: 2, status: 'open', category: 'Violence / affray' });
    expect(repo.update(1, i.id, 1, { town: 'x' }, '')).toBe('stale');
    const closed = repo.update(1, i.id, 2, { outcome: 'arrest' }, '');
    expect(closed).toMatchObject({ version: 3, status: 'closed' });
    expect(repo.history(i.id)).toEqual([
      expect.objectContaining({
        by: 'Sup Two',
        version: 2,
        reason: 'escalated',
        changes: {
          category: { from: 'Night-time economy', to: 'Violence / affray' },
          endedAt: { from: null, to: i.startedAt + 600_000 },
        },
      }),
      expect.objectContaining({ by: 'Op One', version: 3, changes: { outcome: { from: null, to: 'arrest' } } }),
    ]);
  });

  it('only ever appends to the narrative', () => {
    const i = repo.create(1, fields(), 'First line');
    repo.addNarrative(2, i.id, 'operator', 'Correction: five people, not six');
    expect(repo.get(i.id)!.narrative.map((n) => [n.by, n.text])).toEqual([
      ['Op One', 'First line'],
      ['Sup Two', 'Correction: five people, not six'],
    ]);
    expect(() => db.prepare("UPDATE incident_narrative SET text = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM incident_narrative').run()).toThrow(/append-only/);
  });

  it('takes a new rev for every change, and lists the changed records once each since a rev', () => {
    const a = repo.create(1, fields());
    const b = repo.create(1, fields());
    const seen = changes.latest();
    repo.addNarrative(1, a.id, 'operator', 'x');
    repo.addNarrative(1, a.id, 'operator', 'y');
    const c = repo.create(1, fields());
    expect(changes.since(seen)).toEqual([
      { kind: 'incident', id: a.id },
      { kind: 'incident', id: c.id },
    ]);
    expect(repo.get(a.id)!.rev).toBeGreaterThan(repo.get(b.id)!.rev);
  });

  it('filters, searches and pages', () => {
    for (let n = 0; n < 30; n++) {
      repo.create(
        1,
        fields({
          startedAt: Date.UTC(2026, 0, 1) + n * 3600_000,
          district: n % 3 === 0 ? 'South' : 'North',
          sharedWithPolice: n % 5 === 0,
        }),
        n === 7 ? 'Red bicycle taken from rack' : `Line ${n}`,
      );
    }
    const page1 = repo.list({ limit: 10 }, false);
    expect(page1.map((i) => i.startedAt)).toEqual([...page1.map((i) => i.startedAt)].sort((a, b) => b - a));
    const page2 = repo.list({ limit: 10, beforeId: page1.at(-1)!.id }, false);
    expect(page2[0]!.startedAt).toBeLessThan(page1.at(-1)!.startedAt);
    expect(repo.list({ limit: 100, district: 'South' }, false)).toHaveLength(10);
    expect(repo.list({ limit: 100 }, true)).toHaveLength(6);
    expect(repo.list({ limit: 100, text: 'bicyc' }, false).map((i) => i.ref)).toEqual(['2026/000008']);
    expect(repo.list({ limit: 100, text: 'bicycle' }, true)).toEqual([]); // not shared
    expect(repo.list({ limit: 100, text: '000008' }, false)).toHaveLength(1);
  });

  it.each([
    ['red bike', '"red"* "bike"*'],
    ['  "quoted" OR NOT (x) ', '"quoted"* "OR"* "NOT"* "x"*'],
    ['café', '"café"*'],
    ['*** --', null],
  ])('turns %j into a safe FTS5 query', (text, expected) => {
    expect(ftsQuery(text)).toBe(expected);
  });
});
