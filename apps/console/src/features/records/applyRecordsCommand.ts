import type { ConsoleState } from '../../store/createStore';
import type { RecordsCommand } from './recordsKeys';

/** Runs a records shortcut against the store's actions. */
export function applyRecordsCommand(cmd: RecordsCommand, s: ConsoleState): void {
  switch (cmd.type) {
    case 'newIncident':
      return s.openNewIncident();
    case 'newFromTile': {
      const camera = s.tiles[s.selected] ?? undefined;
      const district = camera ? s.cameras[camera]?.district : undefined;
      return s.openNewIncident(camera ? { camera, district, snapshot: true } : undefined);
    }
    case 'narrative':
      if (s.occurrences.selectedId === null) return s.openIncidentEdit('narrative');
      return s.focusRecords('narrative');
    case 'edit':
      return s.openIncidentEdit(cmd.field);
    case 'search':
      return s.focusRecords('search');
  }
}
