// Seeds N incidents into a fresh database file through the service's own code: users with
// `cctv-ingest create-user`, categories by the service's start-up, then IncidentRepository.create /
// addNarrative / review and AuditLog.append exactly as RecordsService calls them (same tables: incidents,
// incident_narrative, incident_fts, changes, counters, audit), in transactions of BATCH incidents.
// The clock is set to each write's time while it runs (Date.now), so created_at, narrative times,
// changes.at and audit.at read like a year of real use. The result is cached in .var/bench/, keyed by
// N, the generator's version and a hash of the schema (every migration's SQL).
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { AuditLog, type Actor } from '../../../apps/ingest/src/audit/auditLog';
import { ChangeLog } from '../../../apps/ingest/src/records/changes';
import { IncidentRepository } from '../../../apps/ingest/src/records/incidents';
import { openDatabase } from '../../../apps/ingest/src/store/db';
import { migrations } from '../../../apps/ingest/src/store/migrations';
import { ask, consoleAs, createUserCli, startService } from './service';
import { incidentAt, rng, startTimes } from './vocab';

/** Bump when the generator changes (vocabulary, distributions): a new cache key. */
const GENERATOR_VERSION = 'records-seed-v1';
const BATCH = 2000;

export const BENCH_PASSWORD = 'records bench night-shift passphrase';
export const BENCH_USERS = {
  operators: Array.from({ length: 6 }, (_, i) => `bench-op-${i + 1}`),
  supervisors: Array.from({ length: 4 }, (_, i) => `bench-sup-${i + 1}`),
  liaison: 'bench-liaison',
};

export interface SeedInfo {
  n: number;
  file: string;
  key: string;
  /** The seeded year ends here (ms); queries are placed relative to it. */
  end: number;
  seconds: number;
  method: string;
  rows: Record<string, number>;
  bytes: number;
  categories: string[];
  seededAt: string;
  /** [version, hash of its SQL] of each migration when seeded. */
  schema: [number, string][];
  cached?: boolean;
  /** Migrations newer than the cached file's, applied to the run's copy at start-up (as a deployment would). */
  upgradedBy?: number[];
}

const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

/** Each migration's version and a hash of its SQL: the schema a file was seeded with. */
const schemaOf = (): [number, string][] =>
  migrations.map((m) => [m.version, createHash('sha256').update(m.sql).digest('hex').slice(0, 12)]);

/** N, the generator and the schema (every migration's SQL). */
function cacheKey(n: number, schema: [number, string][]): string {
  const h = createHash('sha256').update(GENERATOR_VERSION).update(JSON.stringify(schema));
  return `${n}-${h.digest('hex').slice(0, 12)}`;
}

const removeDb = (file: string) => {
  for (const s of ['', '-wal', '-shm', '-journal', '.key']) rmSync(file + s, { force: true });
};

export function rowCounts(file: string): Record<string, number> {
  const db = openDatabase(file);
  try {
    const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return Object.fromEntries(
      ['incidents', 'incident_narrative', 'incident_fts', 'changes', 'audit', 'users'].map((t) => [t, count(t)]),
    );
  } finally {
    db.close();
  }
}

/**
 * A cached file for N: the exact key, or one seeded with an earlier schema whose migrations are all
 * still the current ones (the run's copy then gets the newer migrations at start-up, as a deployed
 * database would) — so adding a migration (say an index) does not force a reseed.
 */
function reusable(n: number, dir: string, schema: [number, string][], exact: string): SeedInfo | undefined {
  const candidates = [
    exact,
    ...readdirSync(dir)
      .filter((f) => f.startsWith(`records-${n}-`) && f.endsWith('.sqlite'))
      .map((f) => join(dir, f)),
  ];
  for (const file of candidates) {
    if (!existsSync(file) || !existsSync(`${file}.json`)) continue;
    const meta = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as SeedInfo;
    if (meta.n !== n || !Array.isArray(meta.schema)) continue;
    const current = new Map(schema);
    if (!meta.schema.every(([v, h]) => current.get(v) === h)) continue;
    const had = new Set(meta.schema.map(([v]) => v));
    const upgradedBy = schema.map(([v]) => v).filter((v) => !had.has(v));
    log(
      `using the cached database ${file} (seeded ${meta.seededAt} in ${meta.seconds.toFixed(0)} s${upgradedBy.length ? `; newer migrations ${upgradedBy.join(', ')} applied to the run's copy` : ''})`,
    );
    return { ...meta, file, cached: true, upgradedBy };
  }
  return undefined;
}

/** The cached seeded file for N incidents, seeding it first when there is none. */
export async function seededDatabase(n: number, dir: string): Promise<SeedInfo> {
  const schema = schemaOf();
  const key = cacheKey(n, schema);
  const file = join(dir, `records-${key}.sqlite`);
  const metaFile = `${file}.json`;
  const cached = reusable(n, dir, schema, file);
  if (cached) return cached;
  const tmp = `${file}.seeding`;
  removeDb(tmp);
  log(`seeding ${n} incidents into ${tmp}`);
  const t0 = performance.now();

  // Users through the real CLI; categories as the service seeds them on start-up.
  for (const u of BENCH_USERS.operators) createUserCli(tmp, u, 'operator', BENCH_PASSWORD);
  for (const u of BENCH_USERS.supervisors) createUserCli(tmp, u, 'supervisor', BENCH_PASSWORD);
  createUserCli(tmp, BENCH_USERS.liaison, 'police-liaison', BENCH_PASSWORD);
  const svc = await startService(tmp, join(dir, 'seed-work'));
  let categories: string[];
  try {
    const c = await consoleAs(svc.url, BENCH_USERS.operators[0]!, BENCH_PASSWORD, 'bench-seed');
    const r = await ask(c.socket, 'incident:categories', {});
    c.socket.close();
    if (!r.ok) throw new Error(`incident:categories: ${r.error.message}`);
    categories = r.data;
  } finally {
    await svc.stop();
  }

  const db = openDatabase(tmp);
  const realNow = Date.now;
  const end = realNow();
  try {
    // A bigger page cache for this connection only (FTS5 segment merges); the file is the same.
    db.pragma('cache_size = -262144');
    const users = db.prepare('SELECT id, username, role FROM users').all() as {
      id: number;
      username: string;
      role: string;
    }[];
    const actor = (u: { id: number; username: string }): Actor => ({
      userId: u.id,
      username: u.username,
      workstation: 'desk-1',
    });
    const operators = users.filter((u) => u.role === 'operator');
    const supervisors = users.filter((u) => u.role === 'supervisor');
    const changes = new ChangeLog(db);
    const repo = new IncidentRepository(db, changes);
    const audit = new AuditLog(db);
    const r = rng(20260101 + n);
    const times = startTimes(r, n, end);
    let clock = 0;
    Date.now = () => clock;
    let done = 0;
    let lastLog = performance.now();
    while (done < n) {
      const upTo = Math.min(n, done + BATCH);
      db.transaction(() => {
        for (let k = done; k < upTo; k++) {
          const startedAt = times[k]!;
          const s = incidentAt(r, startedAt, categories, end - startedAt < 86_400_000);
          const op = operators[k % operators.length]!;
          // Logged a few minutes after it started; each further line when it was written.
          clock = s.lines[0]!.at + 60_000 + Math.floor(r() * 240_000);
          const i = repo.create(op.id, s.fields, s.lines[0]!.text);
          audit.append(actor(op), 'record.created', {
            target: `incident:${i.ref}`,
            details: { category: i.category, district: i.district },
          });
          for (const line of s.lines.slice(1)) {
            clock = Math.max(clock + 1000, line.at + 30_000);
            repo.addNarrative(op.id, i.id, 'operator', line.text, line.at);
            audit.append(actor(op), 'record.changed', {
              target: `incident:${i.ref}`,
              details: { narrative: 'operator' },
            });
          }
          // A supervisor reviews about one closed incident in five, the next day.
          if (s.fields.endedAt != null && r() < 0.2) {
            const sup = supervisors[k % supervisors.length]!;
            clock = Math.min(end, s.fields.endedAt + 86_400_000);
            repo.review(sup.id, i.id, '');
            audit.append(actor(sup), 'record.changed', { target: `incident:${i.ref}`, details: { reviewed: true } });
          }
        }
      })();
      done = upTo;
      if (performance.now() - lastLog > 15_000 || done === n) {
        lastLog = performance.now();
        const s = (performance.now() - t0) / 1000;
        log(`seeded ${done}/${n} (${(done / s).toFixed(0)} incidents/s, ${s.toFixed(0)} s)`);
      }
    }
    Date.now = realNow;
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    Date.now = realNow;
    db.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  removeDb(file);
  renameSync(tmp, file);
  removeDb(tmp);
  const info: SeedInfo = {
    n,
    file,
    key,
    end,
    seconds,
    method:
      'IncidentRepository.create + addNarrative (+ review for ~20% of closed) and AuditLog.append as RecordsService calls them, ' +
      `${BATCH} incidents per transaction, openDatabase (WAL, synchronous=FULL), clock set to each write's time; ` +
      'users by `cctv-ingest create-user`, categories by the service start-up',
    schema,
    rows: rowCounts(file),
    bytes: statSync(file).size,
    categories,
    seededAt: new Date().toISOString(),
  };
  writeFileSync(metaFile, JSON.stringify(info, null, 2));
  log(`seeded ${n} incidents in ${seconds.toFixed(0)} s (${(info.bytes / 2 ** 20).toFixed(0)} MB)`);
  return info;
}

/** A per-run copy of the seeded file (the run writes incidents; the cache stays as seeded). */
export function workingCopy(seed: SeedInfo, dir: string): string {
  const file = join(dir, 'records-run.sqlite');
  removeDb(file);
  copyFileSync(seed.file, file);
  return file;
}

export { removeDb };
