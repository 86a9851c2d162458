/**
 * Structured logs: one pino logger per process, with a module name on every line. Logs go to
 * stderr so that stdout carries only the human summary a person (or a parent process) reads.
 */
import { pino, type Logger } from 'pino';

export function createLogger(level = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  // No module in the base: every logger is a child that names its own module.
  return pino({ level, base: { pid: process.pid } }, pino.destination({ fd: 2, sync: false }));
}
