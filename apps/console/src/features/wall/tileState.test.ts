import type { StreamStatus } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import { deriveTileView, type TileStateInput } from './tileState';

const status = (state: StreamStatus['state'], message?: string): StreamStatus => ({
  streamId: 'cam-01:sub',
  cameraId: 'cam-01',
  profile: 'sub',
  state,
  since: 1,
  ...(message ? { message } : {}),
});
const base: TileStateInput = {
  cameraId: 'cam-01',
  connection: 'connected',
  status: status('live'),
  hasPicture: true,
  subscribeError: null,
};

describe('tile state', () => {
  it.each([
    ['no camera', { cameraId: null }, { state: 'empty' }],
    ['live and painting', {}, { state: 'live' }],
    [
      'live on the server but nothing painted yet',
      { hasPicture: false },
      { state: 'connecting', message: 'Connecting…' },
    ],
    [
      'connecting',
      { status: status('connecting'), hasPicture: false },
      { state: 'connecting', message: 'Connecting…' },
    ],
    [
      'on-demand stream not started yet',
      { status: status('idle'), hasPicture: false },
      { state: 'connecting', message: 'Connecting…' },
    ],
    [
      'stalled keeps its last picture but says so',
      { status: status('stalled') },
      { state: 'stalled', message: 'No pictures for a few seconds' },
    ],
    [
      'offline with the server message',
      { status: status('offline', 'camera refused the connection') },
      { state: 'offline', message: 'camera refused the connection' },
    ],
    [
      'subscription refused',
      { subscribeError: { code: 'NOT_FOUND', message: 'cam-01:sub' } },
      { state: 'offline', message: 'Unknown camera: cam-01:sub' },
    ],
    [
      'an offline source: the server message wins over a refused subscription',
      {
        status: status('offline', 'camera refused the connection'),
        subscribeError: { code: 'UNAVAILABLE', message: 'x' },
      },
      { state: 'offline', message: 'camera refused the connection' },
    ],
    [
      'no connection',
      { connection: 'connecting' },
      { state: 'offline', message: 'No connection to the ingest service' },
    ],
    [
      'handshake refused',
      { connection: 'refused' },
      { state: 'offline', message: 'Not connected: see the banner above' },
    ],
    ['painting before the first status arrives', { status: undefined }, { state: 'live' }],
  ] as [string, Partial<TileStateInput>, unknown][])('%s', (_n, over, view) => {
    expect(deriveTileView({ ...base, ...over })).toEqual(view);
  });
});
