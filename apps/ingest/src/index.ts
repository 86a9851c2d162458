export { startIngest, type Ingest, type IngestOptions } from './app';
export { AuditLog, entryHash } from './audit/auditLog';
export { openDatabase } from './store/db';
export type { AuthPolicy } from './auth/authService';
export { parseConfig, loadConfig, type IngestConfig } from './config/config';
export { createLogger } from './log';
export { buildPullArgs } from './streams/ffmpegArgs';
export { RtspReceiver, type ReceiverEnd } from './rtsp/receiver';
