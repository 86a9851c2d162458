export * from './result';
export * from './version';
export * from './handshake';
export * from './streams';
export * from './media';
export * from './events';
