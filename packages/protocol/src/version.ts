/** Bumped on any incompatible change to the events, payloads or media framing. */
export const PROTOCOL_VERSION = 1;

/** Media namespace path. Video travels here; everything else on the default namespace. */
export const MEDIA_NAMESPACE = '/media';

/** Largest inbound message the server accepts from a console (bytes). */
export const MAX_INBOUND_BYTES = 256 * 1024;
