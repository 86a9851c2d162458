export * from './avc';
export * from './flv';
export { BitReader, unescapeRbsp } from './bitReader';
export { toAnnexB } from './annexb';
export * from './rtpH264';
export * from './mp4/index';
export * from './hevc';
