import { useShallow } from 'zustand/react/shallow';
import { LAYOUTS } from '../features/wall/layouts';
import { useConsoleStore } from '../store/StoreContext';

const CONNECTION_LABEL = {
  connecting: 'Connecting…',
  connected: 'Connected',
  disconnected: 'Disconnected',
  refused: 'Refused',
} as const;

export function Toolbar() {
  const s = useConsoleStore(
    useShallow((s) => ({
      layout: s.layout,
      overlay: s.overlay,
      connection: s.connection.status,
      callUp: s.callUp,
      selected: s.selected,
      setLayout: s.setLayout,
      toggleOverlay: s.toggleOverlay,
      setHelpOpen: s.setHelpOpen,
    })),
  );
  return (
    <header className="toolbar">
      <h1 className="toolbar__title">CCTV wall</h1>
      <div role="group" aria-label="Layout" className="toolbar__group">
        {LAYOUTS.map((l, i) => (
          <button
            key={l}
            type="button"
            className="btn"
            aria-pressed={s.layout === l}
            data-testid={`layout-${l}`}
            title={`Layout ${l.replace('x', '×')} (key ${i + 1})`}
            onClick={() => s.setLayout(l)}
          >
            {l.replace('x', '×')}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="btn"
        aria-pressed={s.overlay}
        data-testid="overlay-toggle"
        onClick={s.toggleOverlay}
        title="Statistics overlay (O)"
      >
        Stats
      </button>
      <button
        type="button"
        className="btn"
        data-testid="help-button"
        onClick={() => s.setHelpOpen(true)}
        title="Keyboard shortcuts (?)"
      >
        ?
      </button>
      {s.callUp !== null && (
        <output className="callup" data-testid="call-up" aria-live="assertive">
          Camera → tile {s.selected + 1}: <strong>{s.callUp || '_'}</strong>
        </output>
      )}
      <span
        className={`conn conn--${s.connection}`}
        data-testid="connection-status"
        data-status={s.connection}
        role="status"
      >
        {CONNECTION_LABEL[s.connection]}
      </span>
    </header>
  );
}
