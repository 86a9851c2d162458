import { parseArgs } from 'node:util';
import { startIngest } from './app';
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './log';

const usage = `Usage: cctv-ingest --config cameras.json [--port 8640] [--host 127.0.0.1] [--console-dir DIR] [--ffmpeg PATH]`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        config: { type: 'string' },
        port: { type: 'string', default: process.env.CCTV_INGEST_PORT ?? '8640' },
        host: { type: 'string', default: process.env.CCTV_INGEST_HOST ?? '127.0.0.1' },
        'console-dir': { type: 'string' },
        ffmpeg: { type: 'string', default: process.env.CCTV_FFMPEG ?? 'ffmpeg' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${usage}\n`);
    process.exit(2);
  }
  if (values.help || !values.config) {
    process.stderr.write(`${usage}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a number from 0 to 65535, got "${values.port}"\n`);
    process.exit(2);
  }
  const log = createLogger();
  let config;
  try {
    config = loadConfig(values.config);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const ingest = await startIngest({
    config,
    log,
    port,
    host: values.host,
    consoleDir: values['console-dir'],
    ffmpegPath: values.ffmpeg,
  });
  // One line for people, beside the structured logs.
  process.stderr.write(`ingest ready: ${ingest.url}/  (health: ${ingest.url}/health)\n`);
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
