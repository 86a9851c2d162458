import type { Page } from 'playwright-core';

/** What the console reports about each tile (window.__cctv.telemetry()). */
export interface TileTelemetry {
  tile: number;
  streamId: string | null;
  painted: number;
  decodedStrips: number;
  latencyMs: number[];
  firstPaintAt?: number;
  subscribedAt?: number;
}

/** The video wall, as an operator sees it. */
export class WallPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, params: Record<string, string> = {}): Promise<void> {
    const q = new URLSearchParams(params).toString();
    await this.page.goto(`${baseUrl}/${q ? `?${q}` : ''}`);
    await this.page.getByTestId('tile-0').waitFor();
  }

  /** Waits for the wall of a page already open and signed in. */
  async ready(): Promise<void> {
    await this.page.getByTestId('tile-0').waitFor();
  }

  tile(i: number) {
    return this.page.getByTestId(`tile-${i}`);
  }

  async tileCount(): Promise<number> {
    return this.page.locator('[data-testid^="tile-"]').count();
  }

  async tileState(i: number): Promise<string | null> {
    return this.tile(i).getAttribute('data-state');
  }

  async telemetry(): Promise<TileTelemetry[]> {
    return this.page.evaluate(() =>
      (window as unknown as { __cctv: { telemetry(): TileTelemetry[] } }).__cctv.telemetry(),
    );
  }

  /** Waits until every listed tile has painted `frames` frames whose capture-time strip decoded. */
  async waitForPaintedStrips(tiles: number[], frames: number, timeoutMs = 60_000): Promise<TileTelemetry[]> {
    await this.page.waitForFunction(
      ({ tiles, frames }) => {
        const t = (window as unknown as { __cctv: { telemetry(): TileTelemetry[] } }).__cctv.telemetry();
        return tiles.every((i) => {
          const x = t.find((e) => e.tile === i);
          return x !== undefined && x.decodedStrips >= frames;
        });
      },
      { tiles, frames },
      { timeout: timeoutMs, polling: 250 },
    );
    return this.telemetry();
  }
}
