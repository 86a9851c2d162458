import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import { launchChromium } from '../helpers/chromium';
import { ingestConfigFor, repoRoot, startSimFleet, type SimFleet } from '../helpers/fleet';
import { createUser, startTestIngest } from '../integration/ingest/harness';
import { SignInPage } from './pages/signInPage';
import { WallPage } from './pages/wallPage';

// Real camera-sim → real ingest (ffmpeg) → the built console in Chromium, decoding with WebCodecs.
describe('the video wall in Chromium', () => {
  let fleet: SimFleet;
  let ingest: Ingest;
  let browser: Browser;
  let page: Page;
  let base: string;
  let operator: { username: string; password: string };

  beforeAll(async () => {
    fleet = await startSimFleet([
      '--cameras',
      '4',
      '--main',
      '640x360',
      '--sub',
      '320x180',
      '--fps',
      '25',
      '--gop',
      '25',
      '--user',
      'op',
      '--password',
      'e2e-pass',
    ]);
    const config = ingestConfigFor(fleet.cameras);
    config.cameras.push({
      id: 'cam-dead',
      name: 'Dead camera',
      streams: { main: { url: 'rtsp://127.0.0.1:1/main', transport: 'tcp', transcode: false } },
    });
    ingest = await startTestIngest(config, { consoleDir: join(repoRoot, 'apps/console/dist') });
    // An administrator exists, so the console offers sign-in rather than first-time set-up.
    await createUser(ingest, 'administrator');
    // localhost, not 127.0.0.1: the page must be a secure context for WebCodecs.
    base = `http://localhost:${ingest.port}`;
    browser = await launchChromium();
    operator = await createUser(ingest, 'operator');
  });
  afterAll(async () => {
    await browser?.close();
    await ingest?.stop();
    await fleet?.stop();
  });

  it('fills a 2×2 wall, and every tile paints frames whose capture-time strip decodes', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Sign in on the wall's own URL: its layout, tiles and overlay apply once signed in. The session
    // then lasts for this tab (sessionStorage), so the later tests open the wall directly.
    const params = { layout: '2x2', tiles: 'cam-01,cam-02,cam-03,cam-04', overlay: '1' };
    await new SignInPage(page).open(base, params);
    await new SignInPage(page).signIn(operator.username, operator.password);
    const wall = new WallPage(page);
    await wall.ready();
    expect(await wall.tileCount()).toBe(4);
    const telemetry = await wall.waitForPaintedStrips([0, 1, 2, 3], 25);
    for (let i = 0; i < 4; i++) {
      const t = telemetry.find((x) => x.tile === i)!;
      expect(t.streamId).toBe(`cam-0${i + 1}:sub`);
      expect(t.latencyMs.length).toBeGreaterThan(0);
      // A sane glass-to-glass figure on one machine: positive and under two seconds.
      for (const l of t.latencyMs) {
        expect(l).toBeGreaterThan(0);
        expect(l).toBeLessThan(2000);
      }
      expect(await wall.tileState(i)).toBe('live');
    }
    await expect.poll(() => wall.tile(0).textContent()).toContain(fleet.cameras[0]!.name);
    await page.screenshot({ path: join(repoRoot, '.var/e2e-wall-2x2.png') }).catch(() => undefined);
  });

  it('shows a dead camera as offline with a message an operator can act on', async () => {
    const wall = new WallPage(page);
    await wall.open(base, { layout: '1x1', tiles: 'cam-dead' });
    await expect.poll(() => wall.tileState(0), { timeout: 20_000 }).toBe('offline');
    await expect.poll(() => wall.tile(0).textContent()).toMatch(/refused the connection/i);
  });

  it('switches layouts from the keyboard', async () => {
    const wall = new WallPage(page);
    await wall.open(base, { layout: '2x2', tiles: 'cam-01,cam-02,cam-03,cam-04' });
    await page.keyboard.press('3');
    await expect.poll(() => wall.tileCount()).toBe(9);
    await page.keyboard.press('4');
    await expect.poll(() => wall.tileCount()).toBe(16);
    await page.keyboard.press('1');
    await expect.poll(() => wall.tileCount()).toBe(1);
  });
});
