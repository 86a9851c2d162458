import type { ConsoleState } from '../../store/createStore';
import type { WantedTile } from '../../video/wallEngine';
import { preferredStreamId } from '../cameras/camerasSlice';
import { MAX_TILES, tileCount } from './layouts';

type WallView = Pick<ConsoleState, 'layout' | 'tiles' | 'maximised' | 'cameras' | 'camerasKnown'>;

/**
 * Which stream each tile position should receive and whether it is on screen. Tiles outside the
 * layout are unsubscribed; tiles hidden behind a maximised tile stay subscribed (restoring is then
 * instant) but are not painted. Nothing is subscribed before the camera list has arrived: only then
 * is it known whether a camera has a sub-stream.
 */
export function wantedStreams(s: WallView): WantedTile[] {
  const count = tileCount(s.layout);
  return Array.from({ length: MAX_TILES }, (_, i) => {
    const cameraId = i < count && s.camerasKnown ? (s.tiles[i] ?? null) : null;
    const maximised = s.maximised === i;
    return {
      streamId: cameraId ? preferredStreamId(s.cameras[cameraId], cameraId, maximised) : null,
      visible: i < count && (s.maximised === null || maximised),
    };
  });
}

export function sameWanted(a: readonly WantedTile[], b: readonly WantedTile[]): boolean {
  return a.length === b.length && a.every((w, i) => w.streamId === b[i]!.streamId && w.visible === b[i]!.visible);
}
