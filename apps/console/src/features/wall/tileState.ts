import type { StreamStatus } from '@cctv/protocol';
import type { ConnectionStatus } from '../connection/connectionSlice';

/** What a tile shows, as the `data-state` attribute says it. */
export type TileState = 'empty' | 'connecting' | 'live' | 'stalled' | 'offline';

export interface TileStateInput {
  cameraId: string | null;
  connection: ConnectionStatus;
  status: StreamStatus | undefined;
  hasPicture: boolean;
  subscribeError: { code: string; message: string } | null;
}

export interface TileView {
  state: TileState;
  /** Words for the operator when the tile is not live. */
  message?: string;
}

/**
 * Combines the server's view of the stream with what the tile has actually painted: the server may
 * say "live" while this console has not decoded a keyframe yet, and the operator must not take a
 * frozen or black tile for live video.
 */
export function deriveTileView(i: TileStateInput): TileView {
  if (i.cameraId === null) return { state: 'empty' };
  if (i.connection === 'refused') return { state: 'offline', message: 'Not connected: see the banner above' };
  if (i.connection !== 'connected') return { state: 'offline', message: 'No connection to the ingest service' };
  const s = i.status;
  // The server's own words about an offline source say more than a refused subscription.
  if (s?.state === 'offline') return { state: 'offline', message: s.message ?? 'Camera offline' };
  if (i.subscribeError) {
    const message =
      i.subscribeError.code === 'NOT_FOUND' ? `Unknown camera: ${i.subscribeError.message}` : i.subscribeError.message;
    return { state: 'offline', message };
  }
  if (s?.state === 'stalled') return { state: 'stalled', message: s.message ?? 'No pictures for a few seconds' };
  if (i.hasPicture && (s === undefined || s.state === 'live')) return { state: 'live' };
  return { state: 'connecting', message: s?.message ?? 'Connecting…' };
}
