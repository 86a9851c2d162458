import { useShallow } from 'zustand/react/shallow';
import { selectPermissions } from '../features/auth/authSlice';
import { selectView } from '../features/nav/navSlice';
import { availableViews, VIEW_SPECS } from '../features/nav/navigation';
import { LAYOUTS } from '../features/wall/layouts';
import { useConsoleStore } from '../store/StoreContext';
import { UserMenu } from './auth/UserMenu';

const CONNECTION_LABEL = {
  connecting: 'Connecting…',
  connected: 'Connected',
  disconnected: 'Disconnected',
  refused: 'Refused',
} as const;

function WallControls() {
  const s = useConsoleStore(
    useShallow((s) => ({
      layout: s.layout,
      overlay: s.overlay,
      callUp: s.callUp,
      selected: s.selected,
      setLayout: s.setLayout,
      toggleOverlay: s.toggleOverlay,
    })),
  );
  return (
    <>
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
      {s.callUp !== null && (
        <output className="callup" data-testid="call-up" aria-live="assertive">
          Camera → tile {s.selected + 1}: <strong>{s.callUp || '_'}</strong>
        </output>
      )}
    </>
  );
}

/** The views this user may open; what they may not do is not shown at all. */
function ViewTabs() {
  const permissions = useConsoleStore(selectPermissions);
  const view = useConsoleStore(selectView);
  const setView = useConsoleStore((s) => s.setView);
  const views = availableViews(permissions);
  if (views.length < 2) return null;
  return (
    <nav aria-label="Screens" className="toolbar__group">
      {views.map((v) => (
        <button
          key={v}
          type="button"
          className="btn tab"
          aria-current={view === v ? 'page' : undefined}
          data-testid={`nav-${v}`}
          title={`${VIEW_SPECS[v].label} (Alt+${VIEW_SPECS[v].key})`}
          onClick={() => setView(v)}
        >
          {VIEW_SPECS[v].label}
        </button>
      ))}
    </nav>
  );
}

export function Toolbar() {
  const s = useConsoleStore(
    useShallow((s) => ({ view: selectView(s), connection: s.connection.status, setHelpOpen: s.setHelpOpen })),
  );
  return (
    <header className="toolbar">
      <h1 className="toolbar__title">{s.view ? `CCTV ${VIEW_SPECS[s.view].label.toLowerCase()}` : 'CCTV console'}</h1>
      <ViewTabs />
      {s.view === 'wall' && <WallControls />}
      <button
        type="button"
        className="btn"
        data-testid="help-button"
        onClick={() => s.setHelpOpen(true)}
        title="Keyboard shortcuts (?)"
      >
        ?
      </button>
      <span
        className={`conn conn--${s.connection}`}
        data-testid="connection-status"
        data-status={s.connection}
        role="status"
      >
        {CONNECTION_LABEL[s.connection]}
      </span>
      <UserMenu />
    </header>
  );
}
