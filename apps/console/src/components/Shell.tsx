import { useEffect } from 'react';
import { selectPermissions } from '../features/auth/authSlice';
import { selectView } from '../features/nav/navSlice';
import { viewForKey } from '../features/nav/navigation';
import { applyRecordsCommand } from '../features/records/applyRecordsCommand';
import { recordsKeyCommand } from '../features/records/recordsKeys';
import { applyKeyCommand, keyCommand } from '../features/wall/keyboard';
import { useConsoleStore, useConsoleStoreApi } from '../store/StoreContext';
import { ExpiryWarning } from './auth/ExpiryWarning';
import { AlarmList } from './AlarmList';
import { Banner } from './Banner';
import { CameraList } from './CameraList';
import { HelpOverlay } from './HelpOverlay';
import { Toolbar } from './Toolbar';
import { AuditView } from './views/AuditView';
import { CamerasView } from './views/CamerasView';
import { InspectionsView } from './views/InspectionsView';
import { NoViews } from './views/NoViews';
import { PtzPanel } from './ptz/PtzPanel';
import { OccurrenceLogView } from './records/OccurrenceLogView';
import { RequestsView } from './records/RequestsView';
import { ShiftView } from './records/ShiftView';
import { UsersView } from './views/UsersView';
import { Wall } from './Wall';

/** Keys typed into a text field or a button's own activation keys are not shortcuts. */
function ownsKeys(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return target.tagName === 'BUTTON' && (key === 'Enter' || key === ' ');
}

/** The signed-in console: toolbar, the view the user's role allows, and the keyboard. */
export function Shell({ decoderMissing }: { decoderMissing: boolean }) {
  const store = useConsoleStoreApi();
  const view = useConsoleStore(selectView);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const s = store.getState();
      // Alt+letter switches views from anywhere, even a text field.
      const next = viewForKey(e, selectPermissions(s));
      if (next) {
        e.preventDefault();
        s.setView(next);
        return;
      }
      const records = recordsKeyCommand(e, {
        view: selectView(s),
        inField: ownsKeys(e.target, e.key),
        permissions: selectPermissions(s),
      });
      if (records && !s.helpOpen) {
        e.preventDefault();
        applyRecordsCommand(records, s);
        return;
      }
      if (ownsKeys(e.target, e.key)) return;
      if (selectView(s) !== 'wall') {
        if (e.key === '?' || (e.key === 'Escape' && s.helpOpen)) {
          e.preventDefault();
          s.setHelpOpen(!s.helpOpen);
        }
        return;
      }
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
      <ExpiryWarning />
      <Banner decoderMissing={decoderMissing && view === 'wall'} />
      {view === 'wall' && (
        <main className="main">
          <Wall />
          <div className="side">
            <CameraList />
            <PtzPanel />
            <AlarmList />
          </div>
        </main>
      )}
      {view === 'occurrences' && <OccurrenceLogView />}
      {view === 'requests' && <RequestsView />}
      {view === 'shifts' && <ShiftView />}
      {view === 'audit' && <AuditView />}
      {view === 'users' && <UsersView />}
      {view === 'inspections' && <InspectionsView />}
      {view === 'cameras' && <CamerasView />}
      {view === null && <NoViews />}
      <HelpOverlay />
    </div>
  );
}
