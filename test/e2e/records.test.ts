import { join } from 'node:path';
import type { Browser, BrowserContext, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import type { CreateIncidentRequest } from '@cctv/protocol';
import { ask } from '../helpers/client';
import { launchChromium } from '../helpers/chromium';
import { repoRoot } from '../helpers/fleet';
import { connectWith, createUser, sessionAs, startTestIngest } from '../integration/ingest/harness';
import { OccurrenceLogPage } from './pages/occurrenceLogPage';
import { SignInPage } from './pages/signInPage';

const consoleDir = join(repoRoot, 'apps/console/dist');

// The real ingest (no cameras needed: incidents name camera ids) serving the built console in Chromium.
describe('the control room records in the console', () => {
  let ingest: Ingest;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const closers: (() => void)[] = [];

  /** A fresh browser profile (its own sessionStorage: another desk), signed in as a new user of `role`. */
  async function deskAs(role: 'operator' | 'police-liaison', setup?: (c: BrowserContext) => Promise<void>) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    contexts.push(context);
    await setup?.(context);
    const page = await context.newPage();
    const user = await createUser(ingest, role);
    const signIn = new SignInPage(page);
    await signIn.open(base);
    await signIn.signIn(user.username, user.password);
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status')).toBe('connected');
    return { page, context, log: new OccurrenceLogPage(page) };
  }

  /** A typed socket client signed in as a new operator (another console creating records). */
  async function operatorClient() {
    const session = await sessionAs(ingest, 'operator');
    const client = await connectWith(ingest, session.token);
    closers.push(() => client.close());
    return async (req: CreateIncidentRequest) => {
      const r = await ask(client.control, 'incident:create', req);
      if (!r.ok) throw new Error(`incident:create failed: ${r.error.message}`);
      return r.data;
    };
  }

  const incident = (location: string, sharedWithPolice: boolean): CreateIncidentRequest => ({
    startedAt: Date.now(),
    district: 'Central',
    location,
    source: 'proactive',
    category: 'Anti-social behaviour',
    sharedWithPolice,
  });

  beforeAll(async () => {
    ingest = await startTestIngest({ cameras: [] }, { consoleDir });
    // An administrator exists, so the console offers sign-in rather than first-time set-up.
    await createUser(ingest, 'administrator');
    base = `http://localhost:${ingest.port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const close of closers) close();
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await ingest?.stop();
  });

  it('logs an incident from the keyboard alone, and another operator sees it live', async () => {
    const other = await deskAs('operator');
    await other.log.open();
    const { page, log } = await deskAs('operator');

    // Alt+N from the wall: the form opens with the category focused, start time now, source proactive.
    await page.keyboard.press('Alt+N');
    await log.form.waitFor();
    await expect.poll(() => log.focusedTestId()).toBe('incident-category');
    expect(await page.getByTestId('incident-source').inputValue()).toBe('proactive');
    expect(await page.getByTestId('incident-started').inputValue()).not.toBe('');

    // Type-ahead: "theft" + Tab takes "Theft / shoplifting" and moves on to the location.
    await page.keyboard.type('theft');
    await page.keyboard.press('Tab');
    expect(await page.getByTestId('incident-category').inputValue()).toBe('Theft / shoplifting');
    await expect.poll(() => log.focusedTestId()).toBe('incident-location');
    await page.keyboard.type('Market Square, outside the bank');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Northgate');
    await page.keyboard.press('Enter');

    await expect.poll(() => log.notice.textContent()).toMatch(/Incident \d{4}\/\d{6} logged/);
    const ref = await log.detail.getAttribute('data-ref');
    expect(ref).toMatch(/^\d{4}\/\d{6}$/);
    await log.row(ref!).waitFor();
    expect(await log.detailField('location').textContent()).toBe('Market Square, outside the bank');
    // The other operator's list shows it without a reload.
    await other.log.row(ref!).waitFor();

    // Alt+L: a narrative line on the selected incident, Enter adds it.
    await page.keyboard.press('Alt+L');
    await expect.poll(() => log.focusedTestId()).toBe('narrative-input');
    await page.keyboard.type('Two males left towards the station on foot.');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => log.narrative('operator').allTextContents())
      .toEqual([expect.stringContaining('Two males left towards the station on foot.')]);

    // Alt+E: the outcome, chosen by typing; Tab to the end time (filled in with now), Enter saves.
    await page.keyboard.press('Alt+E');
    await expect.poll(() => log.focusedTestId()).toBe('incident-outcome');
    await page.keyboard.type('Arrest');
    expect(await page.getByTestId('incident-outcome').inputValue()).toBe('arrest');
    await page.keyboard.press('Tab');
    expect(await page.getByTestId('incident-ended').inputValue()).not.toBe('');
    await page.keyboard.press('Enter');
    await expect.poll(() => log.detailField('outcome').textContent()).toBe('Arrest');
    await expect.poll(() => log.row(ref!).getAttribute('data-status')).toBe('closed');
    await expect.poll(() => other.log.row(ref!).getAttribute('data-status')).toBe('closed');
  });

  it('shows the police liaison only shared incidents, live, and carries their comments to the operator', async () => {
    const liaison = await deskAs('police-liaison');
    // The liaison officer has one screen: the shared incidents. No wall, no other records.
    await liaison.log.view.waitFor();
    expect(await liaison.page.getByTestId('nav-wall').count()).toBe(0);
    expect(await liaison.page.getByTestId('nav-requests').count()).toBe(0);
    expect(await liaison.page.getByTestId('nav-shifts').count()).toBe(0);
    expect(await liaison.page.getByTestId('incident-new').count()).toBe(0);

    const create = await operatorClient();
    const hidden = await create(incident('Bus station, stand 4', false));
    const shared = await create(incident('Railway bridge', true));
    // Both went out in this order, so once the shared one is shown the unshared one would be too.
    await liaison.log.row(shared.ref).waitFor();
    expect(await liaison.log.row(hidden.ref).count()).toBe(0);

    const operator = await deskAs('operator');
    await operator.log.open();
    await operator.log.row(shared.ref).click();
    await operator.log.detail.waitFor();

    await liaison.log.row(shared.ref).click();
    await liaison.page.getByTestId('comment-input').fill('PC 1234 attending, ETA 5 minutes.');
    await liaison.page.getByTestId('comment-input').press('Enter');
    await expect
      .poll(() => liaison.log.narrative('police-comment').allTextContents())
      .toEqual([expect.stringContaining('PC 1234 attending')]);
    // The operator's open incident shows the comment, marked as a police comment, without a reload.
    await expect
      .poll(() => operator.log.narrative('police-comment').allTextContents())
      .toEqual([expect.stringContaining('PC 1234 attending')]);
  });

  it('catches up after the connection drops: what was logged meanwhile appears once, without a reload', async () => {
    let offline = false;
    const routes: WebSocketRoute[] = [];
    // The page's WebSocket goes through Playwright, so "offline" really cuts it (setOffline alone
    // leaves open WebSockets alone); while offline, reconnection attempts are refused.
    const desk = await deskAs('operator', (context) =>
      context.routeWebSocket(/\/socket\.io\//, (ws) => {
        if (offline) return ws.close();
        ws.connectToServer();
        routes.push(ws);
      }),
    );
    await desk.log.open();
    const create = await operatorClient();
    const before = await create(incident('Library steps', false));
    await desk.log.row(before.ref).waitFor();

    offline = true;
    await desk.context.setOffline(true);
    for (const ws of routes.splice(0)) await ws.close();
    await expect
      .poll(() => desk.page.getByTestId('connection-status').getAttribute('data-status'))
      .not.toBe('connected');

    const missed = [await create(incident('Car park level 2', false)), await create(incident('Park gates', true))];
    offline = false;
    await desk.context.setOffline(false);
    await expect
      .poll(() => desk.page.getByTestId('connection-status').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('connected');
    for (const i of missed) await desk.log.row(i.ref).waitFor();
    const refs = await desk.log.refs();
    // Newest first, each once.
    expect(refs.slice(0, 3)).toEqual([missed[1]!.ref, missed[0]!.ref, before.ref]);
    expect(new Set(refs).size).toBe(refs.length);
  });
});
