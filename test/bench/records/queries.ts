// The occurrence log's list and search queries, each with parameters drawn afresh per sample (so the
// page cache sees a spread of districts, months, words and pages, not one query repeated), timed
// directly on IncidentRepository.list and through the service (`incident:list` over Socket.IO).
import type { IncidentQuery } from '@cctv/protocol';
import type { IncidentRepository } from '../../../apps/ingest/src/records/incidents';
import type { Db } from '../../../apps/ingest/src/store/db';
import { ask, type ControlSocket } from './service';
import { spread, type Spread } from '../common/stats';
import { COMMON_WORDS, DISTRICT_NAMES, pick, RARE_WORDS, STREETS, type Rand } from './vocab';

const DAY = 86_400_000;
export const PAGE = 100; // the console's page size (INCIDENT_PAGE_SIZE)

export interface QueryContext {
  end: number;
  maxId: number;
  categories: string[];
  /** A few hundred references of seeded incidents, for reference searches. */
  refs: string[];
}

export interface QueryCase {
  name: string;
  /** The police liaison view: only incidents shared with the police. */
  sharedOnly?: boolean;
  make(r: Rand, c: QueryContext): IncidentQuery;
}

const monthAYearAgo = (r: Rand, c: QueryContext) => {
  const from = c.end - 365 * DAY + Math.floor(r() * 30 * DAY);
  return { from, to: from + 30 * DAY };
};
const anyMonth = (r: Rand, c: QueryContext) => {
  const from = c.end - 365 * DAY + Math.floor(r() * 335 * DAY);
  return { from, to: from + 30 * DAY };
};
const deepId = (r: Rand, c: QueryContext) => 1 + Math.floor(r() * (c.maxId - 1));

export const CASES: QueryCase[] = [
  { name: 'newest page', make: () => ({}) },
  { name: 'date range (a month a year ago)', make: (r, c) => monthAYearAgo(r, c) },
  { name: 'district', make: (r) => ({ district: pick(r, DISTRICT_NAMES) }) },
  { name: 'category', make: (r, c) => ({ category: pick(r, c.categories) }) },
  { name: 'status open', make: () => ({ status: 'open' }) },
  { name: 'status closed', make: () => ({ status: 'closed' }) },
  { name: 'district + month', make: (r, c) => ({ district: pick(r, DISTRICT_NAMES), ...anyMonth(r, c) }) },
  {
    name: 'category + district + month',
    make: (r, c) => ({ category: pick(r, c.categories), district: pick(r, DISTRICT_NAMES), ...anyMonth(r, c) }),
  },
  { name: 'text: common word', make: (r) => ({ text: pick(r, COMMON_WORDS) }) },
  { name: 'text: rare word', make: (r) => ({ text: pick(r, RARE_WORDS) }) },
  { name: 'text: street name', make: (r) => ({ text: pick(r, STREETS) }) },
  { name: 'text: reference', make: (r, c) => ({ text: pick(r, c.refs) }) },
  {
    name: 'text: common word + district',
    make: (r) => ({ text: pick(r, COMMON_WORDS), district: pick(r, DISTRICT_NAMES) }),
  },
  { name: 'text: rare word + month', make: (r, c) => ({ text: pick(r, RARE_WORDS), ...anyMonth(r, c) }) },
  {
    name: 'text: common word + month a year ago',
    make: (r, c) => ({ text: pick(r, COMMON_WORDS), ...monthAYearAgo(r, c) }),
  },
  { name: 'shared with police (liaison)', sharedOnly: true, make: () => ({}) },
  { name: 'shared + text (liaison)', sharedOnly: true, make: (r) => ({ text: pick(r, COMMON_WORDS) }) },
  { name: 'deep page (beforeId)', make: (r, c) => ({ beforeId: deepId(r, c) }) },
  { name: 'deep page, district', make: (r, c) => ({ district: pick(r, DISTRICT_NAMES), beforeId: deepId(r, c) }) },
  { name: 'deep page, text: common word', make: (r, c) => ({ text: pick(r, COMMON_WORDS), beforeId: deepId(r, c) }) },
  { name: 'deep page, shared (liaison)', sharedOnly: true, make: (r, c) => ({ beforeId: deepId(r, c) }) },
];

export interface CaseResult {
  name: string;
  ms: Spread;
  rows: Spread;
  /** One sample's query, SQL and EXPLAIN QUERY PLAN (direct path only). */
  example?: { query: IncidentQuery; sql: string; plan: string[] };
  errors: number;
}

function shuffle<T>(r: Rand, xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Rounds of every case in a shuffled order; each sample draws its own parameters.
 * `run` returns the row count (or throws).
 */
async function rounds(
  r: Rand,
  c: QueryContext,
  samples: number,
  deadlineMs: number,
  run: (k: QueryCase, q: IncidentQuery) => Promise<number> | number,
): Promise<Map<string, { ms: number[]; rows: number[]; errors: number }>> {
  const out = new Map(CASES.map((k) => [k.name, { ms: [] as number[], rows: [] as number[], errors: 0 }]));
  const deadline = performance.now() + deadlineMs;
  for (let i = 0; i < samples && performance.now() < deadline; i++) {
    for (const k of shuffle(r, CASES)) {
      const q = k.make(r, c);
      const o = out.get(k.name)!;
      const t = performance.now();
      try {
        const n = await run(k, q);
        o.ms.push(performance.now() - t);
        o.rows.push(n);
      } catch {
        o.errors++;
      }
    }
  }
  return out;
}

/** The SQL the repository runs for a query, and SQLite's plan for it (captured by wrapping prepare). */
function explain(db: Db, repo: IncidentRepository, k: QueryCase, q: IncidentQuery) {
  let captured: { sql: string; args: unknown[] } | undefined;
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (sql: string) => {
    const stmt = prepare(sql);
    if (!/LIMIT \?\s*$/.test(sql)) return stmt;
    const all = stmt.all.bind(stmt);
    (stmt as { all: unknown }).all = (...args: unknown[]) => {
      captured = { sql, args };
      return all(...args);
    };
    return stmt;
  };
  try {
    repo.list({ ...q, limit: PAGE }, k.sharedOnly ?? false);
  } finally {
    (db as { prepare: unknown }).prepare = prepare;
  }
  if (!captured) return undefined;
  const depth = new Map<number, number>();
  const plan = (
    db.prepare(`EXPLAIN QUERY PLAN ${captured.sql}`).all(...captured.args) as {
      id: number;
      parent: number;
      detail: string;
    }[]
  ).map((p) => {
    const d = p.parent === 0 ? 0 : (depth.get(p.parent) ?? 0) + 1;
    depth.set(p.id, d);
    return `${'  '.repeat(d)}${p.detail}`;
  });
  return { query: q, sql: captured.sql.replace(/\s+/g, ' ').trim(), plan };
}

/** Directly on the repository (same process, no socket, no JSON). */
export async function directQueries(
  db: Db,
  repo: IncidentRepository,
  r: Rand,
  c: QueryContext,
  samples: number,
  deadlineMs: number,
): Promise<CaseResult[]> {
  const res = await rounds(
    r,
    c,
    samples,
    deadlineMs,
    (k, q) => repo.list({ ...q, limit: PAGE }, k.sharedOnly ?? false).length,
  );
  return CASES.map((k) => {
    const o = res.get(k.name)!;
    return {
      name: k.name,
      ms: spread(o.ms),
      rows: spread(o.rows),
      errors: o.errors,
      example: explain(db, repo, k, k.make(r, c)),
    };
  });
}

/** Through the service: a signed-in operator (all records) and a police liaison officer (shared only). */
export async function serviceQueries(
  all: ControlSocket,
  liaison: ControlSocket,
  r: Rand,
  c: QueryContext,
  samples: number,
  deadlineMs: number,
): Promise<CaseResult[]> {
  const res = await rounds(r, c, samples, deadlineMs, async (k, q) => {
    const a = await ask(k.sharedOnly ? liaison : all, 'incident:list', { ...q, limit: PAGE }, 30_000);
    if (!a.ok) throw new Error(`${a.error.code}: ${a.error.message}`);
    return a.data.length;
  });
  return CASES.map((k) => {
    const o = res.get(k.name)!;
    return { name: k.name, ms: spread(o.ms), rows: spread(o.rows), errors: o.errors };
  });
}
