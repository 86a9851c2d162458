import type { Permission } from '@cctv/protocol';
import type { View } from '../nav/navigation';

/** What a records shortcut asks for. */
export type RecordsCommand =
  | { type: 'newIncident' }
  | { type: 'newFromTile' }
  | { type: 'narrative' }
  | { type: 'edit'; field: 'cameras' | 'outcome' }
  | { type: 'search' };

export interface RecordsKeyInput {
  key: string;
  code: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
}

export interface RecordsKeyContext {
  view: View | null;
  /** Focus is in a text field (plain letters are typing, not shortcuts). */
  inField: boolean;
  permissions: readonly Permission[];
}

/**
 * The records shortcuts. `Alt`+letter works from anywhere, even a text field, so an operator typing a
 * narrative can open the next incident; plain letters only when focus is not in a field.
 * (`KeyboardEvent.code`, so they work on every keyboard layout.)
 */
export function recordsKeyCommand(k: RecordsKeyInput, ctx: RecordsKeyContext): RecordsCommand | null {
  if (k.ctrlKey || k.metaKey) return null;
  const may = (p: Permission) => ctx.permissions.includes(p);
  if (k.altKey && !k.shiftKey) {
    switch (k.code) {
      case 'KeyN':
        return may('records:create') ? { type: 'newIncident' } : null;
      case 'KeyL':
        return may('records:edit') || may('records:comment') ? { type: 'narrative' } : null;
      case 'KeyC':
        return may('records:edit') ? { type: 'edit', field: 'cameras' } : null;
      case 'KeyE':
        return may('records:edit') ? { type: 'edit', field: 'outcome' } : null;
      default:
        return null;
    }
  }
  if (k.altKey || ctx.inField) return null;
  if ((k.key === 'n' || k.key === 'N') && may('records:create')) return { type: 'newIncident' };
  if ((k.key === 'i' || k.key === 'I') && ctx.view === 'wall' && may('records:create')) return { type: 'newFromTile' };
  if (k.key === '/' && ctx.view === 'occurrences') return { type: 'search' };
  return null;
}

const ROWS: [keys: string, what: string, needs: Permission[]][] = [
  ['Alt+N or N', 'New incident (start time now, source proactive)', ['records:create']],
  [
    'I (on the wall)',
    'New incident from the selected tile: its camera, the time and a snapshot',
    ['records:create', 'live:view'],
  ],
  ['Enter', 'Save the incident form · add the narrative line', ['records:create']],
  ['Esc', 'Close the form (what you typed is kept as a draft)', ['records:create']],
  ['Alt+L', 'Add a narrative line to the selected incident', ['records:edit']],
  ['Alt+L', 'Comment on the selected incident', ['records:comment']],
  ['Alt+C', 'Link a camera to the selected incident', ['records:edit']],
  ['Alt+E', 'Set the outcome (and end time) of the selected incident', ['records:edit']],
  ['↑ ↓ PgUp PgDn Home End', 'Move through the occurrence log', ['records:viewShared']],
  ['/', 'Search the occurrence log', ['records:viewShared']],
];

/** Help rows for what this user may do. */
export function recordsShortcuts(permissions: readonly Permission[]): [string, string][] {
  return ROWS.filter(([, , needs]) => needs.every((p) => permissions.includes(p))).map(([k, w]) => [k, w]);
}
