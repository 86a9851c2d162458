import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { passwordSchema, roleSchema, usernameSchema } from '@cctv/protocol';
import { startIngest } from './app';
import { AuditLog } from './audit/auditLog';
import { AuthService } from './auth/authService';
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './log';
import { parseSize } from './recording/storagePolicy';
import { openDatabase } from './store/db';

const usage = `Usage:
  cctv-ingest --config cameras.json [--db cctv.sqlite] [--port 8640] [--host 127.0.0.1] [--console-dir DIR] [--ffmpeg PATH] [--receiver auto|ffmpeg] [--discovery-interval S]
              [--recordings DIR] [--retention-days 31] [--disk-budget SIZE] [--min-free SIZE] [--segment-seconds 300] [--no-recording]
  cctv-ingest verify-audit --db cctv.sqlite
  cctv-ingest create-user --db cctv.sqlite --username NAME --role ROLE [--display-name "Full Name"]   (password on stdin)`;

function die(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const options = {
  config: { type: 'string' },
  db: { type: 'string', default: process.env.CCTV_DB ?? 'cctv.sqlite' },
  port: { type: 'string', default: process.env.CCTV_INGEST_PORT ?? '8640' },
  host: { type: 'string', default: process.env.CCTV_INGEST_HOST ?? '127.0.0.1' },
  'console-dir': { type: 'string' },
  ffmpeg: { type: 'string', default: process.env.CCTV_FFMPEG ?? 'ffmpeg' },
  /** auto: the ingest's own RTSP client for H.264 over TCP, ffmpeg for the rest; ffmpeg: ffmpeg for all. */
  receiver: { type: 'string', default: process.env.CCTV_RECEIVER ?? 'auto' },
  /** Seconds between scheduled multicast discovery probes; 0 turns the schedule off. */
  'discovery-interval': { type: 'string', default: process.env.CCTV_DISCOVERY_INTERVAL_S ?? '300' },
  /** The recordings folder (default: `recordings` beside the database). */
  recordings: { type: 'string', default: process.env.CCTV_RECORDINGS },
  'retention-days': { type: 'string', default: process.env.CCTV_RETENTION_DAYS ?? '31' },
  /** At most this much footage (500G, 2T); default: no budget but the disk. */
  'disk-budget': { type: 'string', default: process.env.CCTV_DISK_BUDGET },
  /** Keep at least this much of the recordings disk free (default 1G). */
  'min-free': { type: 'string', default: process.env.CCTV_MIN_FREE ?? '1G' },
  'segment-seconds': { type: 'string', default: process.env.CCTV_SEGMENT_SECONDS ?? '300' },
  'no-recording': { type: 'boolean', default: false },
  username: { type: 'string' },
  role: { type: 'string' },
  'display-name': { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** Walks the audit chain; exit code 0 when intact, 1 with the first broken link otherwise. */
function verifyAudit(dbPath: string): void {
  const db = openDatabase(dbPath);
  const r = new AuditLog(db).verify();
  db.close();
  if (r.ok) {
    process.stdout.write(`audit trail intact: ${r.entries} entries, last hash ${r.lastHash ?? '(none)'}\n`);
    process.exit(0);
  }
  process.stdout.write(
    `audit trail BROKEN at entry ${r.brokenAtId}: ${r.reason} (${r.entries} entries verified before it)\n`,
  );
  process.exit(1);
}

async function createUser(
  dbPath: string,
  v: { username?: string; role?: string; 'display-name'?: string },
): Promise<void> {
  const username = usernameSchema.safeParse(v.username ?? '');
  if (!username.success) die(`--username ${username.error.issues[0]!.message}`);
  const role = roleSchema.safeParse(v.role ?? '');
  if (!role.success) die(`--role must be one of: ${roleSchema.options.join(', ')}`);
  const password = passwordSchema.safeParse(readFileSync(0, 'utf8').replace(/\r?\n$/, ''));
  if (!password.success) die(`the password on stdin ${password.error.issues[0]!.message}`);
  const db = openDatabase(dbPath);
  const log = createLogger({ level: 'warn' });
  const auth = new AuthService(db, new AuditLog(db), log);
  try {
    const u = await auth.createUserFromCli(username.data, v['display-name'] ?? username.data, role.data, password.data);
    process.stdout.write(`created ${u.role} "${u.username}"\n`);
  } catch (e) {
    die((e as Error).message, 1);
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ options, allowPositionals: true });
  } catch (e) {
    die(`${(e as Error).message}\n${usage}`);
  }
  const { values, positionals } = parsed;
  if (values.help) die(usage, 0);
  const command = positionals[0];
  if (command === 'verify-audit') return verifyAudit(values.db);
  if (command === 'create-user') return createUser(values.db, values);
  if (command !== undefined) die(`unknown command "${command}"\n${usage}`);
  if (!values.config) die(usage);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    die(`--port must be a number from 0 to 65535, got "${values.port}"`);
  const receiver = values.receiver;
  if (receiver !== 'auto' && receiver !== 'ffmpeg') die(`--receiver must be auto or ffmpeg, not "${receiver}"`);
  const discoveryS = Number(values['discovery-interval']);
  if (!Number.isInteger(discoveryS) || discoveryS < 0)
    die(`--discovery-interval must be a whole number of seconds (0: off), got "${values['discovery-interval']}"`);
  const retentionDays = Number(values['retention-days']);
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 3650)
    die(`--retention-days must be a whole number of days from 1 to 3650, got "${values['retention-days']}"`);
  const budgetBytes = values['disk-budget'] === undefined ? null : parseSize(values['disk-budget']);
  if (budgetBytes === null && values['disk-budget'] !== undefined)
    die(`--disk-budget must be a size such as 500G or 2T, got "${values['disk-budget']}"`);
  const minFreeBytes = parseSize(values['min-free']);
  if (minFreeBytes === null) die(`--min-free must be a size such as 1G or 500M, got "${values['min-free']}"`);
  const segmentS = Number(values['segment-seconds']);
  if (!Number.isInteger(segmentS) || segmentS < 10 || segmentS > 3600)
    die(`--segment-seconds must be a whole number from 10 to 3600, got "${values['segment-seconds']}"`);
  const log = createLogger();
  let config;
  try {
    config = loadConfig(values.config);
  } catch (e) {
    if (e instanceof ConfigError) die(e.message);
    throw e;
  }
  const ingest = await startIngest({
    config,
    log,
    dbPath: values.db,
    port,
    host: values.host,
    consoleDir: values['console-dir'],
    ffmpegPath: values.ffmpeg,
    supervisor: { receiver },
    cameras: { discovery: { intervalMs: discoveryS * 1000 } },
    recording: values['no-recording']
      ? false
      : {
          dir: values.recordings ?? join(dirname(values.db), 'recordings'),
          limits: { retentionDays, budgetBytes, minFreeBytes },
          segment: { segmentMs: segmentS * 1000 },
        },
  });
  // Lines for people, beside the structured logs.
  process.stderr.write(`ingest ready: ${ingest.url}/  (health: ${ingest.url}/health)\n`);
  if (ingest.setupToken) {
    // The token sits in the fragment, so it never reaches a server log.
    process.stderr.write(
      `\nNo administrator yet. Create one (the link works once, until restart):\n  http://localhost:${ingest.port}/#setup=${ingest.setupToken}\n\n`,
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ module: 'main', signal }, 'stopping');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void ingest.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`ingest failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
