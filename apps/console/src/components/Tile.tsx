import { useCallback, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { preferredStreamId, selectCamera, selectStreamStatus } from '../features/cameras/camerasSlice';
import { selectConnection } from '../features/connection/connectionSlice';
import { deriveTileView, type TileState } from '../features/wall/tileState';
import { useConsoleStore } from '../store/StoreContext';
import { useTileVideoStatus, useVideo } from '../video/VideoContext';
import { TileOverlay } from './TileOverlay';

export const DRAG_CAMERA = 'application/x-cctv-camera';
export const DRAG_TILE = 'application/x-cctv-tile';

const STATE_LABEL: Record<TileState, string> = {
  empty: 'Empty',
  connecting: 'Connecting',
  live: 'Live',
  stalled: 'Stalled',
  offline: 'Offline',
};

export function Tile({ index, hidden }: { index: number; hidden: boolean }) {
  const video = useVideo();
  const { cameraId, selected, maximised, overlay } = useConsoleStore(
    useShallow((s) => ({
      cameraId: s.tiles[index] ?? null,
      selected: s.selected === index,
      maximised: s.maximised === index,
      overlay: s.overlay,
    })),
  );
  const camera = useConsoleStore(selectCamera(cameraId));
  const streamId = cameraId ? preferredStreamId(camera, cameraId, maximised) : null;
  const status = useConsoleStore(selectStreamStatus(streamId));
  const connection = useConsoleStore(selectConnection).status;
  const actions = useConsoleStore(
    useShallow((s) => ({
      selectTile: s.selectTile,
      toggleMaximise: s.toggleMaximise,
      assignCamera: s.assignCamera,
      swapTiles: s.swapTiles,
    })),
  );
  const videoStatus = useTileVideoStatus(index);
  const view = deriveTileView({
    cameraId,
    connection,
    status,
    hasPicture: videoStatus.hasPicture,
    subscribeError: videoStatus.error,
  });
  const [dropping, setDropping] = useState(false);
  const canvasRef = useCallback((c: HTMLCanvasElement | null) => video.attachCanvas(index, c), [video, index]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDropping(false);
    const cam = e.dataTransfer.getData(DRAG_CAMERA);
    const from = e.dataTransfer.getData(DRAG_TILE);
    if (cam) actions.assignCamera(index, cam);
    else if (from !== '') actions.swapTiles(Number(from), index);
    actions.selectTile(index);
  };

  const name = camera?.name ?? cameraId ?? `Tile ${index + 1}`;
  return (
    <div
      className={`tile${selected ? ' tile--selected' : ''}${dropping ? ' tile--drop' : ''}${maximised ? ' tile--max' : ''}`}
      hidden={hidden}
      role="group"
      aria-label={`Tile ${index + 1}: ${cameraId ? `${name}, ${STATE_LABEL[view.state]}` : 'empty'}`}
      aria-current={selected ? 'true' : undefined}
      data-testid={`tile-${index}`}
      data-state={view.state}
      data-camera={cameraId ?? ''}
      data-stream={streamId ?? ''}
      tabIndex={-1}
      draggable={cameraId !== null}
      onClick={() => actions.selectTile(index)}
      onDoubleClick={() => actions.toggleMaximise(index)}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TILE, String(index));
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      <canvas
        ref={canvasRef}
        className={`tile__video${videoStatus.hasPicture ? '' : ' tile__video--blank'}`}
        aria-hidden="true"
      />
      <div className="tile__bar">
        <span className="tile__num">{index + 1}</span>
        <span className="tile__name">{cameraId ? name : 'No camera'}</span>
        {cameraId && (
          <span className={`badge badge--${view.state}`} data-testid={`tilestate-${index}`}>
            {STATE_LABEL[view.state]}
          </span>
        )}
      </div>
      {view.state !== 'live' && (
        <div
          className={`tile__message tile__message--${view.state}`}
          role={view.state === 'offline' ? 'alert' : undefined}
        >
          {view.state === 'empty' ? 'Select and pick a camera, or drop one here' : view.message}
        </div>
      )}
      {overlay && (view.state === 'live' || view.state === 'stalled') && (
        <TileOverlay index={index} streamId={streamId} />
      )}
    </div>
  );
}
