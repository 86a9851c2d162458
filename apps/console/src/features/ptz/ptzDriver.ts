/**
 * The PTZ driver: turns what the operator holds (keys, on-screen joystick, USB joystick) into the
 * `ptz:move` / `ptz:stop` sequence the server expects. Pure: time is passed in.
 *
 * - a new velocity is sent at once (but moves are at least MIN_MOVE_INTERVAL_MS apart: the server
 *   allows 10 moves/s per user and camera);
 * - the same velocity is re-sent every KEEPALIVE_MS while held (the server stops a camera after 1 s
 *   without a move);
 * - release (all zero) sends one stop at once (stops are never rate-limited);
 * - velocities are quantised, so joystick jitter is not a "new" velocity.
 */

export interface Velocity {
  pan: number;
  tilt: number;
  zoom: number;
}

export const ZERO: Velocity = { pan: 0, tilt: 0, zoom: 0 };
export const KEEPALIVE_MS = 400;
export const MIN_MOVE_INTERVAL_MS = 110;
const STEP = 0.05;

export interface DriverState {
  /** The velocity of the last move sent; null when stopped (or never moved). */
  sent: Velocity | null;
  /** When the last move was sent (ms); -Infinity before the first. */
  movedAt: number;
}

export type DriverOutput = { type: 'move'; velocity: Velocity } | { type: 'stop' } | null;

export const initialDriver: DriverState = { sent: null, movedAt: Number.NEGATIVE_INFINITY };

const clamp = (x: number) => Math.max(-1, Math.min(1, x));
const quant = (x: number) => {
  const q = Math.round(clamp(x) / STEP) * STEP;
  return Object.is(q, -0) ? 0 : Number(q.toFixed(2));
};

/** Clamps to -1..1 and rounds to the driver's step. */
export function quantise(v: Velocity): Velocity {
  return { pan: quant(v.pan), tilt: quant(v.tilt), zoom: quant(v.zoom) };
}

export const isZero = (v: Velocity): boolean => v.pan === 0 && v.tilt === 0 && v.zoom === 0;
const same = (a: Velocity, b: Velocity) => a.pan === b.pan && a.tilt === b.tilt && a.zoom === b.zoom;

/** Adds the inputs of every source (keyboard, on-screen joystick, gamepad), clamped. */
export function combine(inputs: readonly Velocity[]): Velocity {
  const sum = inputs.reduce((a, v) => ({ pan: a.pan + v.pan, tilt: a.tilt + v.tilt, zoom: a.zoom + v.zoom }), ZERO);
  return { pan: clamp(sum.pan), tilt: clamp(sum.tilt), zoom: clamp(sum.zoom) };
}

/** What to send now, given what is held (`wanted`): call on every input change and on a timer tick. */
export function driverStep(
  state: DriverState,
  wanted: Velocity,
  now: number,
): { state: DriverState; out: DriverOutput } {
  const v = quantise(wanted);
  if (isZero(v)) {
    if (state.sent === null) return { state, out: null };
    return { state: { ...state, sent: null }, out: { type: 'stop' } };
  }
  const since = now - state.movedAt;
  const due = state.sent !== null && same(state.sent, v) ? since >= KEEPALIVE_MS : since >= MIN_MOVE_INTERVAL_MS;
  if (!due) return { state, out: null };
  return { state: { sent: v, movedAt: now }, out: { type: 'move', velocity: v } };
}

/** Blur, hidden page, another tile or camera: a stop if anything is moving. */
export function driverRelease(state: DriverState): { state: DriverState; out: DriverOutput } {
  return state.sent === null ? { state, out: null } : { state: { ...state, sent: null }, out: { type: 'stop' } };
}
