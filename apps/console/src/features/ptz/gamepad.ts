import { ZERO, type Velocity } from './ptzDriver';

export const DEAD_ZONE = 0.15;

/** One axis with a dead zone: inside it 0, outside it rescaled so the edge of the zone is 0 and full is ±1. */
export function deadZone(x: number, zone = DEAD_ZONE): number {
  const a = Math.abs(x);
  if (!Number.isFinite(x) || a <= zone) return 0;
  return (Math.sign(x) * (Math.min(a, 1) - zone)) / (1 - zone);
}

/** The parts of a Gamepad the mapping reads. */
export interface PadInput {
  axes: readonly number[];
  buttons: readonly { pressed: boolean }[];
}

/**
 * A USB joystick (standard mapping or a plain HID stick): axis 0 pans (right +), axis 1 tilts (the
 * browser reports forward as -1, so it is inverted: forward tilts up), axis 3 (a twist or the right
 * stick's vertical) zooms (forward = in), and buttons 4/5 (shoulders) zoom out / in as well.
 */
export function gamepadVelocity(pad: PadInput | null | undefined, zone = DEAD_ZONE): Velocity {
  if (!pad) return ZERO;
  const axis = (i: number) => deadZone(pad.axes[i] ?? 0, zone);
  const zoomButtons = (pad.buttons[5]?.pressed ? 1 : 0) - (pad.buttons[4]?.pressed ? 1 : 0);
  const zoom = Math.max(-1, Math.min(1, -axis(3) + zoomButtons));
  return { pan: axis(0), tilt: -axis(1) || 0, zoom: zoom || 0 };
}
