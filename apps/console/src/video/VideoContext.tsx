import { createContext, useContext, useSyncExternalStore } from 'react';
import type { TileFigures } from '../telemetry/telemetry';
import type { TileVideoStatus } from './wallEngine';

/** The video engine as components see it: attach a canvas, read a tile's status and figures. */
export interface VideoView {
  attachCanvas(tile: number, canvas: HTMLCanvasElement | null): void;
  status(tile: number): TileVideoStatus;
  onStatus(tile: number, listener: () => void): () => void;
  figures(tile: number): TileFigures;
}

const idle: TileVideoStatus = { hasPicture: false, error: null };

export const noVideo: VideoView = {
  attachCanvas: () => undefined,
  status: () => idle,
  onStatus: () => () => undefined,
  figures: () => ({ fps: 0, bitrateKbps: 0, latencyMs: null }),
};

export const VideoContext = createContext<VideoView>(noVideo);

export function useVideo(): VideoView {
  return useContext(VideoContext);
}

/** Re-renders only when this tile's video status changes (first picture, an error), never per frame. */
export function useTileVideoStatus(tile: number): TileVideoStatus {
  const video = useVideo();
  return useSyncExternalStore(
    (cb) => video.onStatus(tile, cb),
    () => video.status(tile),
  );
}
