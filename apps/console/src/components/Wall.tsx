import { useShallow } from 'zustand/react/shallow';
import { gridSize, tileCount } from '../features/wall/layouts';
import { useConsoleStore } from '../store/StoreContext';
import { Tile } from './Tile';

export function Wall() {
  const { layout, maximised } = useConsoleStore(useShallow((s) => ({ layout: s.layout, maximised: s.maximised })));
  const n = maximised === null ? gridSize(layout) : 1;
  // All tiles of the layout stay mounted while one is maximised, so its canvas (and picture) survive.
  return (
    <section
      className="wall"
      aria-label="Video wall"
      style={{ '--grid': n } as React.CSSProperties}
      data-testid="wall"
      data-layout={layout}
    >
      {Array.from({ length: tileCount(layout) }, (_, i) => (
        <Tile key={i} index={i} hidden={maximised !== null && maximised !== i} />
      ))}
    </section>
  );
}
