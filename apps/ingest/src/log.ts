import { pino, type Logger } from 'pino';

export type { Logger };

/** The service's root logger. Every module logs through `child({ module })`. */
export function createLogger(options: { level?: string; pretty?: boolean } = {}): Logger {
  return pino({
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { service: 'ingest' },
    redact: { paths: ['password', '*.password', 'url', '*.url'], censor: '[redacted]' },
  });
}
