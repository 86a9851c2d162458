import { useMemo, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { StreamState } from '@cctv/protocol';
import { groupCameras, treeOrder } from '../features/cameras/cameraTree';
import { selectCameraOrder } from '../features/cameras/camerasSlice';
import { useConsoleStore } from '../store/StoreContext';
import { DRAG_CAMERA } from './Tile';

function CameraItem({ id, number, active }: { id: string; number: number; active: boolean }) {
  const { camera, state, message, onWall, ptz } = useConsoleStore(
    useShallow((s) => {
      const camera = s.cameras[id];
      const stream = s.streams[`${id}:sub`] ?? s.streams[`${id}:main`];
      return {
        camera,
        state: stream?.state,
        message: stream?.message,
        onWall: s.tiles.includes(id),
        ptz: s.registry[id]?.ptz ?? false,
      };
    }),
  );
  const assign = useConsoleStore((s) => s.assignToSelected);
  const label: StreamState | 'unknown' = state ?? 'unknown';
  return (
    <li
      id={`camera-option-${id}`}
      role="option"
      aria-selected={active}
      className={`camera${active ? ' camera--active' : ''}`}
      data-testid={`camera-${id}`}
      data-state={label}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_CAMERA, id);
        e.dataTransfer.effectAllowed = 'copy';
      }}
      onClick={() => assign(id)}
      title={message}
    >
      <span className="camera__num">{number}</span>
      <span className="camera__name">
        {camera?.name ?? id}
        {ptz && (
          <span className="camera__site" aria-label="pan, tilt, zoom">
            PTZ
          </span>
        )}
      </span>
      {onWall && (
        <span className="camera__onwall" aria-label="on the wall">
          ▣
        </span>
      )}
      <span className={`badge badge--${label}`}>{label}</span>
    </li>
  );
}

/**
 * The cameras as a tree: district (partner), then site, then the cameras in the ingest's order. The
 * operator's camera number stays the camera's position in the ingest's list. District and site come
 * from the registry (`camera:registry`), or the camera list until it has arrived.
 */
export function CameraList() {
  const cameraOrder = useConsoleStore(selectCameraOrder);
  const { registry, cameras } = useConsoleStore(useShallow((s) => ({ registry: s.registry, cameras: s.cameras })));
  const tree = useMemo(
    () => groupCameras(cameraOrder, (id) => registry[id] ?? cameras[id]),
    [cameraOrder, registry, cameras],
  );
  const order = useMemo(() => treeOrder(tree), [tree]);
  const number = useMemo(() => new Map(cameraOrder.map((id, i) => [id, i + 1])), [cameraOrder]);
  const assign = useConsoleStore((s) => s.assignToSelected);
  const [active, setActive] = useState(0);
  const activeId = order[Math.min(active, order.length - 1)];

  const onKeyDown = (e: KeyboardEvent) => {
    // The list owns its keys while focused; the wall's shortcuts apply elsewhere.
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      setActive((a) => Math.max(0, Math.min(order.length - 1, a + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(order.length - 1);
    else if ((e.key === 'Enter' || e.key === ' ') && activeId) assign(activeId);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <nav className="cameras" aria-label="Cameras">
      <h2 className="cameras__title">Cameras ({order.length})</h2>
      {order.length === 0 ? (
        <p className="cameras__empty">No cameras yet.</p>
      ) : (
        <ul
          role="listbox"
          aria-label="Cameras: Enter puts the camera on the selected tile"
          aria-activedescendant={activeId ? `camera-option-${activeId}` : undefined}
          tabIndex={0}
          className="cameras__list"
          data-testid="camera-list"
          onKeyDown={onKeyDown}
        >
          {tree.map((d) => (
            <li key={d.district} role="presentation" className="camera-group">
              <div className="camera-group__district" role="presentation" data-testid={`district-${d.district}`}>
                {d.district}
              </div>
              {d.sites.map((site) => (
                <ul
                  key={site.site}
                  role="group"
                  aria-label={`${d.district}, ${site.site}`}
                  className="camera-group__site"
                >
                  <li role="presentation" className="camera-group__sitename">
                    {site.site}
                  </li>
                  {site.ids.map((id) => (
                    <CameraItem key={id} id={id} number={number.get(id) ?? 0} active={id === activeId} />
                  ))}
                </ul>
              ))}
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
