import type { Page } from 'playwright-core';

const ARROWS = { left: 'ArrowLeft', right: 'ArrowRight', up: 'ArrowUp', down: 'ArrowDown' } as const;

/** The PTZ panel of the selected tile's camera, and the keyboard that steers it. */
export class PtzPanel {
  constructor(readonly page: Page) {}

  get panel() {
    return this.page.getByTestId('ptz-panel');
  }
  get lock() {
    return this.page.getByTestId('ptz-lock');
  }

  /** Waits until the panel steers `cameraId`. */
  async ready(cameraId: string): Promise<void> {
    await this.page.locator(`[data-testid="ptz-panel"][data-camera="${cameraId}"]`).waitFor();
  }

  /** Presses and holds Shift + an arrow (pan/tilt while held). */
  async hold(dir: keyof typeof ARROWS): Promise<void> {
    await this.page.keyboard.down('Shift');
    await this.page.keyboard.down(ARROWS[dir]);
  }

  async release(dir: keyof typeof ARROWS): Promise<void> {
    await this.page.keyboard.up(ARROWS[dir]);
    await this.page.keyboard.up('Shift');
  }
}
