import { useEffect } from 'react';
import { applyKeyCommand, keyCommand } from '../features/wall/keyboard';
import { useConsoleStoreApi } from '../store/StoreContext';
import { Banner } from './Banner';
import { CameraList } from './CameraList';
import { HelpOverlay } from './HelpOverlay';
import { Toolbar } from './Toolbar';
import { Wall } from './Wall';

/** Keys typed into a text field or a button's own activation keys are not wall shortcuts. */
function ownsKeys(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return target.tagName === 'BUTTON' && (key === 'Enter' || key === ' ');
}

export function App({ decoderMissing = false }: { decoderMissing?: boolean }) {
  const store = useConsoleStoreApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || ownsKeys(e.target, e.key)) return;
      const s = store.getState();
      const cmd = keyCommand(e, { callUp: s.callUp, helpOpen: s.helpOpen });
      if (!cmd) return;
      e.preventDefault();
      applyKeyCommand(cmd, s);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  return (
    <div className="app">
      <Toolbar />
      <Banner decoderMissing={decoderMissing} />
      <main className="main">
        <Wall />
        <CameraList />
      </main>
      <HelpOverlay />
    </div>
  );
}
