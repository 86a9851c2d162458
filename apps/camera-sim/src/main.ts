/**
 * The camera-sim command: parse flags, start the fleet, print where the cameras are, stop cleanly
 * (ffmpeg children included) on SIGINT/SIGTERM. Logs go to stderr; the summary to stdout.
 */
import { parseCli, USAGE } from './cli.js';
import { startFleet, type Fleet } from './fleet/fleet.js';
import { createLogger } from './log.js';

const parsed = parseCli(process.argv.slice(2));
if (parsed.kind === 'help') {
  process.stdout.write(USAGE + '\n');
  process.exit(0);
}
if (parsed.kind === 'error') {
  process.stderr.write(`camera-sim: ${parsed.message}\n\n${USAGE}\n`);
  process.exit(2);
}

const logger = createLogger();
const log = logger.child({ module: 'main' });
let fleet: Fleet | undefined;
let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  await fleet?.stop();
  logger.flush();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  fleet = await startFleet({ ...parsed.options, logger });
  if (stopping) await fleet.stop();
  const lines = fleet.cameras.map(
    (c) => `  ${c.id}  ${c.name.padEnd(16)} ${c.urls.main}${c.urls.sub ? `  ${c.urls.sub}` : ''}`,
  );
  const auth = fleet.credentials ? `digest auth as ${fleet.credentials.username}` : 'no auth';
  const control = fleet.controlUrl ? `\ncontrol: ${fleet.controlUrl}/cameras` : '';
  process.stdout.write(`camera-sim ready: ${fleet.cameras.length} cameras, ${auth}\n${lines.join('\n')}${control}\n`);
} catch (err) {
  log.fatal({ err: (err as Error).message }, 'could not start the fleet');
  logger.flush();
  process.exitCode = 1;
}
