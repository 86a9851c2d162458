import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import type { OnvifDevice } from '../../apps/ingest/src/onvif/index';
import { launchChromium } from '../helpers/chromium';
import { repoRoot } from '../helpers/fleet';
import { waitFor } from '../helpers/waitFor';
import { directDevice, onboard, startOnvifFleet, type OnvifFleet } from '../integration/cameras/helpers';
import { createUser, startTestIngest } from '../integration/ingest/harness';
import { PtzPanel } from './pages/ptzPanel';
import { SignInPage } from './pages/signInPage';

// A simulated ONVIF camera onboarded through `camera:add`, the built console in Chromium, an operator
// steering it from the keyboard.
describe('PTZ from the console', () => {
  let fleet: OnvifFleet;
  let ingest: Ingest;
  let browser: Browser;
  let page: Page;
  let direct: OnvifDevice;
  let cameraId: string;
  let operator: { username: string; password: string };
  let base: string;

  beforeAll(async () => {
    fleet = await startOnvifFleet(1);
    ingest = await startTestIngest([], {
      consoleDir: join(repoRoot, 'apps/console/dist'),
      cameras: { onvifTimeoutMs: 3000 },
    });
    await createUser(ingest, 'administrator');
    operator = await createUser(ingest, 'operator');
    cameraId = (await onboard(ingest, fleet.sim[0]!, 'Market PTZ')).id;
    direct = await directDevice(fleet.sim[0]!);
    // A camera that ignores the move timeout keeps turning until it is told to stop, as real ones do:
    // only the console's stop (or the server's dead-man) ends the move.
    await fleet.onvifFault(fleet.sim[0]!.id, 'ignorePtzTimeout');
    base = `http://localhost:${ingest.port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await direct?.close();
    await ingest?.stop();
    await fleet?.stop();
  });

  it('an operator holds Shift+→ on the tile: the camera pans for as long as the key is held, and stops on release', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const signIn = new SignInPage(page);
    await signIn.open(base, { layout: '1x1', tiles: cameraId });
    await signIn.signIn(operator.username, operator.password);
    const ptz = new PtzPanel(page);
    await ptz.ready(cameraId);
    await expect.poll(() => ptz.lock.textContent()).toBe('Free to steer');
    const before = await direct.getPtzStatus('main');
    expect(before.moving).toBe(false);

    await ptz.hold('right');
    const pressedAt = Date.now();
    await waitFor('the camera to pan right', async () => (await direct.getPtzStatus('main')).pan > before.pan + 0.01);
    await expect.poll(() => ptz.lock.textContent()).toBe('You are steering');
    await page.screenshot({ path: join(repoRoot, '.var/e2e-ptz.png') }).catch(() => undefined);
    // Held past the server's 1 s dead-man period: the console's keep-alives keep it moving.
    await waitFor(
      'the camera still moving 1.5 s after the press',
      async () => Date.now() - pressedAt > 1500 && (await direct.getPtzStatus('main')).moving,
    );
    expect((await direct.getPtzStatus('main')).moving).toBe(true);

    await ptz.release('right');
    const released = await waitFor('the camera to stop', async () => {
      const s = await direct.getPtzStatus('main');
      return !s.moving && s;
    });
    expect(released.pan).toBeGreaterThan(before.pan + 0.01);
    // The move session ended with the operator's stop (not the dead-man), after keep-alive re-sends.
    const session = await waitFor('the move session in the audit trail', () =>
      ingest.audit
        .search({ action: 'ptz.control', cameraId, limit: 10 })
        .find((e) => e.details.op === 'move' && e.details.stoppedBy !== undefined),
    );
    expect(session).toMatchObject({ username: operator.username, details: { stoppedBy: 'operator' } });
    expect(session.details.moves).toBeGreaterThanOrEqual(4);
    expect(session.details.moves).toBeLessThanOrEqual(Math.ceil((Date.now() - pressedAt) / 100));
  });
});
