export { startIngest, type Ingest, type IngestOptions } from './app';
export { parseConfig, loadConfig, type IngestConfig } from './config/config';
export { createLogger } from './log';
export { buildPullArgs } from './streams/ffmpegArgs';
