import type { Velocity } from './ptzDriver';

/** A PTZ key being held. */
export type PtzKey = 'left' | 'right' | 'up' | 'down' | 'in' | 'out';

export interface PtzKeyEvent {
  key: string;
  code: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/** Speed of the keyboard's moves (the joystick gives proportional speed). */
export const KEY_SPEED = 0.5;

const SHIFT_ARROWS: Record<string, PtzKey> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};
const ZOOM_CODES: Record<string, PtzKey> = { Equal: 'in', NumpadAdd: 'in', Minus: 'out', NumpadSubtract: 'out' };

/** Shown by the `?` overlay on the wall. */
export const PTZ_SHORTCUTS: [keys: string, what: string][] = [
  ['Shift + ← ↑ → ↓', 'PTZ: pan / tilt the selected tile’s camera while held'],
  ['+ −', 'PTZ: zoom in / out while held'],
];

/** The PTZ key a keydown starts holding (physical key, so the keyup matches whatever Shift does). */
export function ptzKeyDown(e: PtzKeyEvent): PtzKey | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (e.shiftKey && SHIFT_ARROWS[e.key]) return SHIFT_ARROWS[e.key]!;
  if (e.key === '+' || e.key === '-' || e.key === '=') return ZOOM_CODES[e.code] ?? (e.key === '-' ? 'out' : 'in');
  if (e.code === 'NumpadAdd' || e.code === 'NumpadSubtract') return ZOOM_CODES[e.code]!;
  return null;
}

/** The PTZ key a keyup releases (arrows release with or without Shift still down). */
export function ptzKeyUp(e: PtzKeyEvent): PtzKey | null {
  return SHIFT_ARROWS[e.key] ?? ZOOM_CODES[e.code] ?? (e.key === '+' ? 'in' : e.key === '-' ? 'out' : null);
}

/** The velocity the held keys ask for. */
export function keysVelocity(held: ReadonlySet<PtzKey>, speed = KEY_SPEED): Velocity {
  const axis = (plus: PtzKey, minus: PtzKey) => ((held.has(plus) ? 1 : 0) - (held.has(minus) ? 1 : 0)) * speed || 0;
  return { pan: axis('right', 'left'), tilt: axis('up', 'down'), zoom: axis('in', 'out') };
}
