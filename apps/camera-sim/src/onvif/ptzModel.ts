/**
 * The PTZ mechanics of a virtual camera, in ONVIF's generic spaces: pan and tilt from -1 to 1,
 * zoom from 0 (wide) to 1. Pure: time comes in as an argument, so moves are table-tested.
 * A continuous move runs until Stop, until its timeout, or (when the camera is told to ignore
 * timeouts, as some real cameras do) only until Stop.
 */

export interface PtzPosition {
  pan: number;
  tilt: number;
  zoom: number;
}

export interface PtzVelocity {
  pan: number;
  tilt: number;
  zoom: number;
}

/** Generic-space units per second at velocity 1. */
export const FULL_SPEED = { pan: 0.5, tilt: 0.5, zoom: 0.25 };
/** Used when a ContinuousMove has no Timeout (the camera's DefaultPTZTimeout). */
export const DEFAULT_MOVE_TIMEOUT_MS = 10_000;
export const HOME: PtzPosition = { pan: 0, tilt: 0, zoom: 0 };

export class PtzModel {
  private pos: PtzPosition = { ...HOME };
  private vel: PtzVelocity = { pan: 0, tilt: 0, zoom: 0 };
  private since = 0;
  private until = 0;

  constructor(now: number) {
    this.since = now;
  }

  position(now: number): PtzPosition {
    this.advance(now);
    return { ...this.pos };
  }

  moving(now: number): boolean {
    this.advance(now);
    return this.vel.pan !== 0 || this.vel.tilt !== 0 || this.vel.zoom !== 0;
  }

  continuous(now: number, velocity: PtzVelocity, timeoutMs: number | null, ignoreTimeout: boolean): void {
    this.advance(now);
    this.vel = {
      pan: clamp(velocity.pan, -1, 1),
      tilt: clamp(velocity.tilt, -1, 1),
      zoom: clamp(velocity.zoom, -1, 1),
    };
    this.until = ignoreTimeout ? Number.POSITIVE_INFINITY : now + (timeoutMs ?? DEFAULT_MOVE_TIMEOUT_MS);
  }

  stop(now: number, panTilt = true, zoom = true): void {
    this.advance(now);
    if (panTilt) this.vel = { ...this.vel, pan: 0, tilt: 0 };
    if (zoom) this.vel = { ...this.vel, zoom: 0 };
  }

  absolute(now: number, to: Partial<PtzPosition>): void {
    this.stop(now);
    this.pos = limit({ ...this.pos, ...to });
  }

  relative(now: number, by: Partial<PtzPosition>): void {
    this.stop(now);
    this.pos = limit({
      pan: this.pos.pan + (by.pan ?? 0),
      tilt: this.pos.tilt + (by.tilt ?? 0),
      zoom: this.pos.zoom + (by.zoom ?? 0),
    });
  }

  private advance(now: number): void {
    const end = Math.min(now, this.until);
    const dt = Math.max(0, end - this.since) / 1000;
    if (dt > 0) {
      this.pos = limit({
        pan: this.pos.pan + this.vel.pan * FULL_SPEED.pan * dt,
        tilt: this.pos.tilt + this.vel.tilt * FULL_SPEED.tilt * dt,
        zoom: this.pos.zoom + this.vel.zoom * FULL_SPEED.zoom * dt,
      });
    }
    this.since = now;
    if (now >= this.until) this.vel = { pan: 0, tilt: 0, zoom: 0 };
  }
}

export function limit(p: PtzPosition): PtzPosition {
  return { pan: clamp(p.pan, -1, 1), tilt: clamp(p.tilt, -1, 1), zoom: clamp(p.zoom, 0, 1) };
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : 0;
}

/** Maps the generic zoom (0..1) onto the picture's magnification (1x..8x). */
export function sceneZoom(zoom: number): number {
  return 1 + clamp(zoom, 0, 1) * 7;
}
