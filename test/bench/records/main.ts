// `pnpm bench:records [--quick] [--incidents N] [--keep]`: the records server with a year of incidents
// (one million by default): list and search latency (directly on IncidentRepository and through the
// service over Socket.IO), create → visible on 50 consoles, sustained writes with synchronous=FULL.
// Writes bench-results/records-<timestamp>.json and prints a table. See test/bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ChangeLog } from '../../../apps/ingest/src/records/changes';
import { IncidentRepository } from '../../../apps/ingest/src/records/incidents';
import { openDatabase } from '../../../apps/ingest/src/store/db';
import { fanout, sustainedWrites, type FanoutResult, type WritesResult } from './live';
import { killAllChildrenNow, stopAllChildren } from './procs';
import { CASES, directQueries, serviceQueries, type CaseResult, type QueryContext } from './queries';
import { BENCH_PASSWORD, BENCH_USERS, removeDb, rowCounts, seededDatabase, workingCopy, type SeedInfo } from './seed';
import { consoleAs, repoRoot, startService, type ControlSocket, type Service } from './service';
import { staticAndInProcess, straceCreates, type SyncCheck } from './sync';
import { formatTable, verdict, type Row } from './table';
import { rng } from './vocab';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    incidents: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const quick = values.quick!;
const N = values.incidents ? Number(values.incidents) : quick ? 100_000 : 1_000_000;
if (!Number.isInteger(N) || N < 1000 || N > 20_000_000) {
  process.stderr.write('--incidents must be a whole number from 1000 to 20000000\n');
  process.exit(2);
}
const SAMPLES = quick ? 30 : 150; // per query case and path
const QUERY_DEADLINE_MS = quick ? 90_000 : 400_000; // per path
const CONSOLES = 50;
const FANOUT = { ratePerS: 10, seconds: quick ? 10 : 30 };
const WRITES = { writers: 4, perWriterPerS: 50, seconds: quick ? 10 : 30 };
const TARGET = { queryP95: 50, visibleP95: 100, writesPerS: 200 };

const work = join(repoRoot, '.var/bench');
const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

let stopping = false;
const sockets: ControlSocket[] = [];
let service: Service | undefined;
process.on('exit', killAllChildrenNow);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: stopping every child`);
    for (const s of sockets) s.close();
    void Promise.race([stopAllChildren(), new Promise((r) => setTimeout(r, 12_000))]).then(() => process.exit(130));
  });

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return 'unknown';
  }
}

function environment(sqliteVersion: string) {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
  const req = createRequire(join(repoRoot, 'apps/ingest/package.json'));
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return 'unknown';
    }
  };
  return {
    date: new Date().toISOString(),
    gitCommit: sh('git', ['rev-parse', 'HEAD']),
    gitDirty: sh('git', ['status', '--porcelain']).length > 0,
    cpuModel: cpu,
    cores: os.cpus().length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: os.release(),
    node: process.version,
    sqlite: sqliteVersion,
    // The service (apps/ingest's dependency) and this bench (the root's) load the same package copy.
    betterSqlite3: {
      service: real(req.resolve('better-sqlite3')),
      bench: real(createRequire(join(repoRoot, 'package.json')).resolve('better-sqlite3')),
    },
    filesystem: sh('df', ['-T', work]).split('\n')[1]?.split(/\s+/)[1] ?? 'unknown',
    quick,
  };
}

async function phase<T>(name: string, errors: Record<string, string>, fn: () => Promise<T>): Promise<T | undefined> {
  if (stopping) return undefined;
  log(`${name}…`);
  try {
    return await fn();
  } catch (e) {
    errors[name] = e instanceof Error ? (e.stack ?? e.message) : String(e);
    log(`${name} FAILED: ${errors[name]}`);
    return undefined;
  }
}

/** Runs `fn` over `items` with at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

async function main(): Promise<number> {
  const errors: Record<string, string> = {};
  mkdirSync(work, { recursive: true });
  mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });

  const seed = await phase('seed', errors, () => seededDatabase(N, work));
  if (!seed) throw new Error(errors.seed);
  const file = workingCopy(seed, work);
  const r = rng(7);

  // ---- directly on the repository -----------------------------------------------------------------
  let ctx: QueryContext | undefined;
  let sqliteVersion = 'unknown';
  const direct = await phase('queries (direct on IncidentRepository)', errors, async () => {
    const db = openDatabase(file);
    try {
      sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
      const repo = new IncidentRepository(db, new ChangeLog(db));
      const maxId = (db.prepare('SELECT max(id) AS m FROM incidents').get() as { m: number }).m;
      const ids = Array.from({ length: 300 }, () => 1 + Math.floor(r() * maxId));
      const refs = (
        db.prepare(`SELECT ref FROM incidents WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as {
          ref: string;
        }[]
      ).map((x) => x.ref);
      ctx = { end: seed.end, maxId, categories: seed.categories, refs };
      for (let i = 0; i < 3; i++) repo.list({ limit: 100 }, false); // open the file, read the schema
      return await directQueries(db, repo, r, ctx, SAMPLES, QUERY_DEADLINE_MS);
    } finally {
      db.close();
    }
  });
  const syncStatic = await phase('synchronous (code path, in-process)', errors, () =>
    Promise.resolve(staticAndInProcess(file)),
  );
  const env = environment(sqliteVersion);

  // ---- through the service ------------------------------------------------------------------------
  let viaService: CaseResult[] | undefined;
  let fan: FanoutResult | undefined;
  let writes: WritesResult | undefined;
  let strace: SyncCheck['strace'];
  let signInMs: number[] = [];
  const svc = await phase('start the service', errors, () => startService(file, join(work, 'records-service')));
  service = svc;
  if (svc && ctx) {
    try {
      const users = [...BENCH_USERS.supervisors, ...BENCH_USERS.operators];
      const signIn = async (u: string, ws: string) => {
        const t = performance.now();
        const c = await consoleAs(svc.url, u, BENCH_PASSWORD, ws);
        signInMs.push(performance.now() - t);
        sockets.push(c.socket);
        return c.socket;
      };
      const people = await phase('sign in 50 consoles, a searcher, a liaison officer, 4 writers', errors, async () => {
        signInMs = [];
        const searcher = await signIn(BENCH_USERS.operators[0]!, 'search-desk');
        const liaison = await signIn(BENCH_USERS.liaison, 'liaison-desk');
        const creator = await signIn(BENCH_USERS.operators[0]!, 'create-desk');
        const writers = await pool(BENCH_USERS.operators.slice(1, 5), 4, (u, i) => signIn(u, `writer-${i + 1}`));
        const consoles = await pool(
          Array.from({ length: CONSOLES }, (_, i) => users[i % users.length]!),
          4,
          (u, i) => signIn(u, `console-${i + 1}`),
        );
        return { searcher, liaison, creator, writers, consoles };
      });
      if (people) {
        const c = ctx;
        viaService = await phase('queries (service, incident:list)', errors, () =>
          serviceQueries(people.searcher, people.liaison, r, c, SAMPLES, QUERY_DEADLINE_MS),
        );
        fan = await phase(`create → visible on ${CONSOLES} consoles`, errors, () =>
          fanout(people.creator, people.consoles, r, seed.categories, {
            ...FANOUT,
            tag: 'fan',
            ingestPid: svc.child.pid,
          }),
        );
        writes = await phase(`sustained writes ${WRITES.writers}×${WRITES.perWriterPerS}/s`, errors, () =>
          sustainedWrites(people.writers, people.consoles, r, seed.categories, {
            perWriterPerS: WRITES.perWriterPerS,
            seconds: WRITES.seconds,
            tag: 'writes',
            ingestPid: svc.child.pid,
          }),
        );
        strace = await phase('synchronous (strace of the service while it commits)', errors, () =>
          straceCreates(svc.child.pid!, people.creator, r, seed.categories, 50, work),
        );
      }
    } finally {
      for (const s of sockets) s.close();
      await svc.stop();
    }
  }
  const after = (() => {
    try {
      return rowCounts(file);
    } catch {
      return undefined;
    }
  })();
  if (!values.keep) removeDb(file);

  const sync: SyncCheck | undefined = syncStatic && {
    ...syncStatic,
    strace,
    full:
      syncStatic.inProcessSynchronous === 2 &&
      syncStatic.distPragmas.length > 0 &&
      syncStatic.distPragmas.every((p) => /=\s*FULL$/i.test(p)) &&
      (strace === undefined || 'error' in strace || strace.perCreate >= 1),
    how:
      'apps/ingest/dist/main.js: startIngest → openDatabase(dbPath), whose only synchronous pragma is listed in distPragmas; ' +
      'the same openDatabase (bundled from source here) read back PRAGMA synchronous; ' +
      'strace -f -e trace=fsync,fdatasync on the service during sequential creates (WAL + FULL syncs the WAL at every commit; NORMAL would not)',
  };
  return report({ seed, env, direct, viaService, fan, writes, sync, errors, signInMs, after });
}

function report(o: {
  seed: SeedInfo;
  env: ReturnType<typeof environment>;
  direct?: CaseResult[];
  viaService?: CaseResult[];
  fan?: FanoutResult;
  writes?: WritesResult;
  sync?: SyncCheck;
  errors: Record<string, string>;
  signInMs: number[];
  after?: Record<string, number>;
}): number {
  const q = (label: string, res: CaseResult[] | undefined): Row[] =>
    (res ?? []).map((c) => ({
      name: `${label}${c.name}${c.errors ? ` (${c.errors} errors)` : ''}`,
      s: c.ms,
      extra: String(c.rows.p50),
      target: { p95: TARGET.queryP95 },
    }));
  const sections: { title: string; rows: Row[] }[] = [
    { title: 'list/search, direct on IncidentRepository (ms)', rows: q('', o.direct) },
    { title: 'list/search via service, incident:list (ms)', rows: q('', o.viaService) },
  ];
  const f = o.fan;
  if (f)
    sections.push({
      title: `create → incident:changed on ${f.consoles} consoles (ms)`,
      rows: [
        { name: 'per delivery', s: f.perDeliveryMs, target: { p95: TARGET.visibleP95 } },
        { name: `per create, worst of ${f.consoles}`, s: f.perCreateWorstMs, target: { p95: TARGET.visibleP95 } },
        { name: 'create acknowledgement', s: f.ackMs },
      ],
    });
  const w = o.writes;
  if (w)
    sections.push({
      title: `sustained writes, ${w.writers} writers × ${w.perWriterPerS}/s for ${w.seconds} s`,
      rows: [
        {
          name: 'acknowledged writes per second (1 s buckets)',
          s: w.ackedPerSecond,
          target: {
            verdict: `${w.holds ? 'PASS' : 'MISS'} (≥ ${TARGET.writesPerS}/s: achieved ${w.achievedPerS}/s, ${w.acked}/${w.sent} acked, drain ${w.drainMs} ms)`,
          },
        },
        { name: 'create acknowledgement (ms)', s: w.ackMs },
        { name: `incident:changed on ${w.consoles} consoles meanwhile (ms)`, s: w.deliveryMs },
        { name: 'sender lateness vs schedule (ms)', s: w.sendLateMs },
      ],
    });
  const env = o.env;
  const seedLine = `${o.seed.n} incidents seeded in ${o.seed.seconds.toFixed(0)} s (${(o.seed.n / o.seed.seconds).toFixed(0)}/s)${o.seed.cached ? `, cached from ${o.seed.seededAt}` : ''}; ${(o.seed.bytes / 2 ** 20).toFixed(0)} MB; rows ${Object.entries(
    o.seed.rows,
  )
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`;
  const header = [
    `records benchmark  ${env.date}  commit ${env.gitCommit.slice(0, 10)}${env.gitDirty ? '+dirty' : ''}${env.quick ? '  QUICK run' : ''}`,
    `${env.cpuModel}, ${env.cores} cores, ${env.memoryGb} GB; node ${env.node}; SQLite ${env.sqlite}; ${env.filesystem}`,
    seedLine,
  ];
  const notes: string[] = [];
  const s = o.sync;
  if (s) {
    const st =
      s.strace &&
      ('error' in s.strace
        ? `strace: ${s.strace.error}`
        : `strace: ${s.strace.fsyncCalls} fsync/fdatasync for ${s.strace.acked} sequential creates (${s.strace.perCreate} per commit)`);
    notes.push(
      `synchronous=FULL: ${s.full ? 'confirmed' : 'NOT confirmed'} — dist pragmas [${s.distPragmas.join('; ')}], in-process PRAGMA synchronous = ${s.inProcessSynchronous}${st ? `; ${st}` : ''}`,
    );
  }
  if (f)
    notes.push(
      `fan-out: ${f.creates} creates at ${f.ratePerS}/s, ${f.missingDeliveries} deliveries missing; CPU % of one core: ingest ${f.cpu.ingestCpuPct}, bench ${f.cpu.benchCpuPct}`,
    );
  if (w)
    notes.push(
      `writes: CPU % of one core: ingest ${w.cpu.ingestCpuPct}, bench (writers + ${w.consoles} consoles receiving) ${w.cpu.benchCpuPct}; ${w.missingDeliveries} deliveries missing${w.errors.length ? `; errors: ${w.errors.slice(0, 3).join(' | ')}` : ''}`,
    );
  if (o.signInMs.length)
    notes.push(
      `sign-ins: ${o.signInMs.length}, p50 ${Math.round([...o.signInMs].sort((a, b) => a - b)[o.signInMs.length >> 1]!)} ms (scrypt)`,
    );
  if (o.seed.upgradedBy?.length)
    notes.push(`cached file upgraded by migrations ${o.seed.upgradedBy.join(', ')} at start-up`);
  const misses = (o.direct ?? []).filter((c) => c.ms.p95 > TARGET.queryP95);
  for (const m of misses)
    if (m.example) notes.push(`plan of "${m.name}" (direct, MISS): ${m.example.plan.join(' / ')}`);
  for (const [k, v] of Object.entries(o.errors)) notes.push(`ERROR in ${k}: ${v.split('\n')[0]}`);
  const table = formatTable(header, sections, notes);
  process.stdout.write(table);

  const stamp = env.date.replace(/[:.]/g, '-');
  const out = join(repoRoot, 'bench-results', `records-${stamp}.json`);
  const verdicts = sections.flatMap((sec) =>
    sec.rows.filter((r) => r.target).map((r) => ({ section: sec.title, name: r.name, verdict: verdict(r) })),
  );
  writeFileSync(
    out,
    JSON.stringify(
      {
        benchmark: 'records',
        environment: env,
        parameters: {
          incidents: N,
          quick,
          samplesPerCase: SAMPLES,
          pageSize: 100,
          cases: CASES.map((c) => c.name),
          consoles: CONSOLES,
          fanout: FANOUT,
          writes: WRITES,
          targets: TARGET,
        },
        seed: o.seed,
        rowsAfterRun: o.after,
        queries: { direct: o.direct, service: o.viaService },
        fanout: o.fan,
        writes: o.writes,
        synchronous: o.sync,
        signInMs: o.signInMs,
        verdicts,
        errors: o.errors,
        table,
      },
      null,
      2,
    ),
  );
  log(`wrote ${out}`);
  return Object.keys(o.errors).length ? 1 : 0;
}

main()
  .then(async (code) => {
    await stopAllChildren();
    process.exit(code);
  })
  .catch(async (e: unknown) => {
    log(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    for (const s of sockets) s.close();
    await service?.stop().catch(() => undefined);
    await stopAllChildren();
    process.exit(1);
  });
