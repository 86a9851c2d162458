import type { ConsoleState } from '../../store/createStore';
import { LAYOUTS, type Direction, type Layout } from './layouts';

/** What a key press asks the wall to do. */
export type KeyCommand =
  | { type: 'layout'; layout: Layout }
  | { type: 'move'; dir: Direction }
  | { type: 'maximise' }
  | { type: 'escape' }
  | { type: 'overlay' }
  | { type: 'help' }
  | { type: 'clear' }
  | { type: 'cycle'; step: 1 | -1 }
  | { type: 'callUp'; digits: string | null }
  | { type: 'callUpCommit' };

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
const CALL_UP_MAX_DIGITS = 3;

/** The shortcut table, shown by the `?` overlay (kept next to the mapping so they cannot drift apart). */
export const SHORTCUTS: [keys: string, what: string][] = [
  ['1 2 3 4', 'Layout 1×1, 2×2, 3×3, 4×4'],
  ['← ↑ → ↓', 'Select a tile'],
  ['Enter or F', 'Maximise the selected tile (main stream) / restore'],
  ['Esc', 'Restore the wall, close a dialog, cancel a call-up'],
  ['G, number, Enter', 'Call up camera by its number onto the selected tile'],
  ['[ ]', 'Previous / next camera on the selected tile'],
  ['Delete', 'Clear the selected tile'],
  ['O', 'Statistics overlay (fps, bitrate, latency)'],
  ['?', 'This help (every screen)'],
];

/** Maps a key press to a command; null leaves the key to the browser (focus moves, Ctrl+R, …). */
export function keyCommand(k: KeyInput, ctx: { callUp: string | null; helpOpen: boolean }): KeyCommand | null {
  if (k.ctrlKey || k.altKey || k.metaKey) return null;
  if (ctx.helpOpen) return k.key === 'Escape' || k.key === '?' ? { type: 'help' } : null;
  if (ctx.callUp !== null) {
    if (/^[0-9]$/.test(k.key)) {
      return ctx.callUp.length < CALL_UP_MAX_DIGITS ? { type: 'callUp', digits: ctx.callUp + k.key } : null;
    }
    if (k.key === 'Backspace') return { type: 'callUp', digits: ctx.callUp.slice(0, -1) };
    if (k.key === 'Enter') return { type: 'callUpCommit' };
    if (k.key === 'Escape') return { type: 'callUp', digits: null };
    return null;
  }
  const arrow = ARROWS[k.key];
  if (arrow) return { type: 'move', dir: arrow };
  if (/^[1-4]$/.test(k.key)) return { type: 'layout', layout: LAYOUTS[Number(k.key) - 1]! };
  switch (k.key) {
    case 'Enter':
    case 'f':
    case 'F':
      return { type: 'maximise' };
    case 'Escape':
      return { type: 'escape' };
    case 'o':
    case 'O':
      return { type: 'overlay' };
    case '?':
      return { type: 'help' };
    case 'Delete':
      return { type: 'clear' };
    case '[':
      return { type: 'cycle', step: -1 };
    case ']':
      return { type: 'cycle', step: 1 };
    case 'g':
    case 'G':
      return { type: 'callUp', digits: '' };
    default:
      return null;
  }
}

/** The camera `step` places away from `current` in the list order (wrapping). */
export function cycleCamera(order: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (order.length === 0) return null;
  const i = current === null ? -1 : order.indexOf(current);
  if (i === -1) return step === 1 ? order[0]! : order[order.length - 1]!;
  return order[(i + step + order.length) % order.length]!;
}

/** Runs a command against the store's actions. */
export function applyKeyCommand(cmd: KeyCommand, s: ConsoleState): void {
  switch (cmd.type) {
    case 'layout':
      return s.setLayout(cmd.layout);
    case 'move':
      return s.moveSelection(cmd.dir);
    case 'maximise':
      return s.toggleMaximise();
    case 'escape':
      return s.restore();
    case 'overlay':
      return s.toggleOverlay();
    case 'help':
      return s.setHelpOpen(!s.helpOpen);
    case 'clear':
      return s.assignCamera(s.selected, null);
    case 'cycle': {
      const next = cycleCamera(s.cameraOrder, s.tiles[s.selected] ?? null, cmd.step);
      if (next) s.assignToSelected(next);
      return;
    }
    case 'callUp':
      return s.setCallUp(cmd.digits);
    case 'callUpCommit': {
      const n = Number(s.callUp);
      const camera = Number.isInteger(n) && n > 0 ? s.cameraOrder[n - 1] : undefined;
      if (camera) s.assignToSelected(camera);
      return s.setCallUp(null);
    }
  }
}
