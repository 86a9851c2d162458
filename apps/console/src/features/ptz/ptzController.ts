import { combine, driverRelease, driverStep, initialDriver, type DriverOutput, type Velocity } from './ptzDriver';

export interface PtzOutputs {
  move(cameraId: string, v: Velocity): void;
  stop(cameraId: string): void;
  now(): number;
}

/** How often the controller re-evaluates what is held (keep-alives, a deferred change). */
export const TICK_MS = 50;

/**
 * Holds the inputs of every source for one camera and runs the driver: `set` on every input change,
 * `tick` on a timer. `release` (blur, hidden page) and `setCamera` (another tile or camera) stop a
 * moving camera and forget what was held.
 */
export class PtzController {
  private driver = initialDriver;
  private readonly inputs = new Map<string, Velocity>();
  private cameraId: string | null = null;

  constructor(private readonly out: PtzOutputs) {}

  setCamera(cameraId: string | null): void {
    if (cameraId === this.cameraId) return;
    this.release();
    this.cameraId = cameraId;
  }

  set(source: string, v: Velocity): void {
    this.inputs.set(source, v);
    this.tick();
  }

  release(): void {
    this.inputs.clear();
    const r = driverRelease(this.driver);
    this.driver = r.state;
    this.emit(r.out);
  }

  tick(): void {
    if (this.cameraId === null) return;
    const r = driverStep(this.driver, combine([...this.inputs.values()]), this.out.now());
    this.driver = r.state;
    this.emit(r.out);
  }

  private emit(out: DriverOutput): void {
    if (!out || this.cameraId === null) return;
    if (out.type === 'stop') this.out.stop(this.cameraId);
    else this.out.move(this.cameraId, out.velocity);
  }
}
