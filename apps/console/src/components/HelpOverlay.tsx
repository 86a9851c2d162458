import { useEffect, useRef } from 'react';
import { selectPermissions } from '../features/auth/authSlice';
import { viewShortcuts } from '../features/nav/navigation';
import { recordsShortcuts } from '../features/records/recordsKeys';
import { PTZ_SHORTCUTS } from '../features/ptz/ptzKeys';
import { SHORTCUTS } from '../features/wall/keyboard';
import { useConsoleStore } from '../store/StoreContext';

export function HelpOverlay() {
  const open = useConsoleStore((s) => s.helpOpen);
  const setOpen = useConsoleStore((s) => s.setHelpOpen);
  const permissions = useConsoleStore(selectPermissions);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  const wall = permissions.includes('live:view');
  const rows = [
    ...viewShortcuts(permissions),
    ...recordsShortcuts(permissions),
    ...(wall ? SHORTCUTS : [['?', 'This help'] as [string, string]]),
    ...(wall && permissions.includes('ptz:control') ? PTZ_SHORTCUTS : []),
  ];
  return (
    <div className="help-backdrop" onClick={() => setOpen(false)}>
      <div
        className="help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        data-testid="help"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="help-title">Keyboard shortcuts</h2>
        <table>
          <tbody>
            {rows.map(([keys, what]) => (
              <tr key={`${keys} ${what}`}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {wall && <p>Drag a camera from the list onto a tile; drag a tile onto another to swap them.</p>}
        <button ref={closeRef} type="button" className="btn" onClick={() => setOpen(false)}>
          Close (Esc)
        </button>
      </div>
    </div>
  );
}
