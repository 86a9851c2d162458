import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingest } from '@cctv/ingest';
import { launchChromium } from '../helpers/chromium';
import { repoRoot } from '../helpers/fleet';
import { createUser, startTestIngest } from '../integration/ingest/harness';
import { SetupPage, SignInPage, UserMenu } from './pages/signInPage';

const consoleDir = join(repoRoot, 'apps/console/dist');
const noCameras = { cameras: [] };

// The real ingest (no cameras needed) serving the built console, driven in Chromium.
describe('signing in to the console', () => {
  let ingest: Ingest;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  /** A fresh browser profile: its own sessionStorage, like another workstation. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    ingest = await startTestIngest(noCameras, { consoleDir, authPolicy: { maxFailures: 3, lockMs: 60_000 } });
    // An administrator exists, so the console offers sign-in rather than first-time set-up.
    await createUser(ingest, 'administrator');
    base = `http://localhost:${ingest.port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await ingest?.stop();
  });

  it('says a wrong password is wrong, then signs in with the right one and shows the wall', async () => {
    const op = await createUser(ingest, 'operator');
    const page = await newPage();
    const signIn = new SignInPage(page);
    await signIn.open(base, { layout: '3x3' });
    await expect.poll(() => signIn.username.evaluate((el) => el === document.activeElement)).toBe(true);
    await signIn.submit(op.username, 'not-the-password');
    await expect.poll(() => signIn.error.textContent()).toMatch(/user name or password is wrong/i);
    expect(await signIn.error.getAttribute('data-code')).toBe('UNAUTHENTICATED');

    await signIn.signIn(op.username, op.password);
    await page.getByTestId('wall').waitFor();
    // The wall's URL options apply once signed in.
    expect(await page.getByTestId('wall').getAttribute('data-layout')).toBe('3x3');
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status')).toBe('connected');
    const menu = new UserMenu(page);
    expect(await menu.button.getAttribute('data-role')).toBe('operator');
    expect(await menu.button.textContent()).toContain('Test operator');
    // An operator has the wall only: no other screens, no user management.
    expect(await page.getByTestId('nav-users').count()).toBe(0);
    expect(await page.getByTestId('nav-audit').count()).toBe(0);

    // A reload keeps the session (sessionStorage); a new browser profile does not.
    await page.reload();
    await page.getByTestId('wall').waitFor();
    const other = await newPage();
    await new SignInPage(other).open(base);
  });

  it('says when an account is locked after repeated failures', async () => {
    const op = await createUser(ingest, 'operator');
    const signIn = new SignInPage(await newPage());
    await signIn.open(base);
    for (let i = 0; i < 3; i++) {
      await signIn.submit(op.username, `wrong-password-${i}`);
      // The form clears the password once the answer is in.
      await expect.poll(() => signIn.password.inputValue()).toBe('');
    }
    await expect.poll(() => signIn.error.getAttribute('data-code')).toBe('RATE_LIMITED');
    expect(await signIn.error.textContent()).toMatch(/try again in \d+ minute/i);
  });

  it('shows an inspector no wall and no user management; a police liaison sees only the shared-incident log', async () => {
    const inspector = await createUser(ingest, 'inspector');
    const page = await newPage();
    const signIn = new SignInPage(page);
    await signIn.open(base, { layout: '2x2', tiles: 'cam-01' });
    await signIn.signIn(inspector.username, inspector.password);
    await page.getByTestId('nav-audit').waitFor();
    expect(await page.getByTestId('nav-inspections').count()).toBe(1);
    expect(await page.getByTestId('nav-wall').count()).toBe(0);
    expect(await page.getByTestId('nav-users').count()).toBe(0);
    expect(await page.getByTestId('wall').count()).toBe(0);
    // The wall's key does nothing for a role without live:view.
    await page.keyboard.press('Alt+KeyW');
    expect(await page.getByTestId('wall').count()).toBe(0);

    const liaison = await createUser(ingest, 'police-liaison');
    const p2 = await newPage();
    const s2 = new SignInPage(p2);
    await s2.open(base);
    await s2.signIn(liaison.username, liaison.password);
    // One screen only, so no navigation bar: the log of incidents shared with the police.
    await p2.getByTestId('view-occurrences').waitFor();
    expect(await p2.locator('[data-testid^="nav-"]').count()).toBe(0);
    expect(await p2.getByTestId('wall').count()).toBe(0);
    expect(await p2.locator('[data-testid^="tile-"]').count()).toBe(0);
  });

  it('signing out everywhere ends the session on another workstation, which says why', async () => {
    const sup = await createUser(ingest, 'supervisor');
    const desk1 = await newPage();
    const desk2 = await newPage();
    for (const p of [desk1, desk2]) {
      const s = new SignInPage(p);
      await s.open(base);
      await s.signIn(sup.username, sup.password);
      await expect.poll(() => p.getByTestId('connection-status').getAttribute('data-status')).toBe('connected');
    }
    await new UserMenu(desk2).signOut(true);

    const ended1 = new SignInPage(desk1).sessionEnded;
    await ended1.waitFor();
    expect(await ended1.textContent()).toMatch(/signed out on every workstation/i);
    expect(await ended1.getAttribute('data-reason')).toBe('signed-out-everywhere');
    await new SignInPage(desk2).sessionEnded.waitFor();
    // The token is gone: a reload does not sign back in.
    await desk1.reload();
    await new SignInPage(desk1).username.waitFor();
    expect(await desk1.getByTestId('user-menu').count()).toBe(0);
  });

  it('signing out shows the sign-in screen and says so', async () => {
    const op = await createUser(ingest, 'operator');
    const page = await newPage();
    const s = new SignInPage(page);
    await s.open(base);
    await s.signIn(op.username, op.password);
    await new UserMenu(page).signOut();
    await expect.poll(() => s.sessionEnded.textContent()).toMatch(/you signed out/i);
  });
  it('lets an administrator manage users and check the audit trail, and an inspector report to a supervisor', async () => {
    const admin = await createUser(ingest, 'administrator');
    const page = await newPage();
    const s = new SignInPage(page);
    await s.open(base);
    await s.signIn(admin.username, admin.password);

    // Users: a field error from the form's own check, then a new partner officer, then disabled.
    await page.keyboard.press('Alt+KeyU');
    await page.getByTestId('view-users').waitFor();
    await page.getByTestId('user-new').click();
    await page.getByTestId('user-username').fill('pat.e2e');
    await page.getByTestId('user-display-name').fill('Pat Partner');
    await page.getByTestId('user-role').selectOption('partner-officer');
    await page.getByTestId('user-password').fill('short');
    await page.getByTestId('user-save').click();
    await expect.poll(() => page.getByTestId('user-password-error').textContent()).toMatch(/12 characters/);
    expect(await page.getByTestId('user-districts-error').textContent()).toMatch(/district/i);
    await page.getByTestId('user-districts').fill('North, East');
    await page.getByTestId('user-password').fill('a long enough passphrase');
    await page.getByTestId('user-save').click();
    const row = page.getByTestId('user-row-pat.e2e');
    await row.waitFor();
    expect(await row.textContent()).toContain('North, East');
    await page.getByTestId('user-toggle-pat.e2e').click();
    await expect.poll(() => row.getAttribute('data-disabled')).toBe('true');

    // Audit: newest first, the chain verifies, the CSV of the filter downloads.
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-table').waitFor();
    await page.getByTestId('audit-action').selectOption('user.created');
    await page.getByTestId('audit-search').click();
    await expect.poll(() => page.getByTestId('audit-row').first().getAttribute('data-action')).toBe('user.created');
    const ids = await page
      .getByTestId('audit-row')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verification').getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('audit-verification').textContent()).toMatch(/chain intact/i);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);

    // Inspections: an inspector records a spot check (and may do nothing else with it)…
    const inspector = await createUser(ingest, 'inspector');
    const ip = await newPage();
    await new SignInPage(ip).open(base);
    await new SignInPage(ip).signIn(inspector.username, inspector.password);
    await ip.getByTestId('nav-inspections').click();
    await ip.getByTestId('inspection-new').click();
    await ip.getByTestId('inspection-checked').fill('Audit trail for last week; visitor log');
    await ip.getByTestId('finding-status-10').selectOption('met');
    await ip.getByTestId('finding-status-9').selectOption('partly-met');
    await ip.getByTestId('finding-notes-9').fill('Visitor log incomplete on Tuesday');
    await ip.getByTestId('inspection-recommendations').fill('Sign every visitor in.');
    await ip.getByTestId('inspection-save').click();
    const report = ip.getByTestId('inspection-1');
    await report.waitFor();
    expect(await report.textContent()).toContain('Visitor log incomplete');
    expect(await ip.locator('[data-testid^="inspection-respond-"]').count()).toBe(0);

    // …and a supervisor responds.
    const sup = await createUser(ingest, 'supervisor');
    const sp = await newPage();
    await new SignInPage(sp).open(base);
    await new SignInPage(sp).signIn(sup.username, sup.password);
    await sp.keyboard.press('Alt+KeyI');
    await sp.getByTestId('inspection-response-1').fill('Agreed; briefing the night shift.');
    await sp.getByTestId('inspection-respond-1').click();
    await expect
      .poll(() => sp.getByTestId('inspection-responses-1').textContent())
      .toContain('briefing the night shift');
    expect(await sp.getByTestId('inspection-new').count()).toBe(0);
  });
});

describe('the first administrator', () => {
  let ingest: Ingest;
  let browser: Browser;

  beforeAll(async () => {
    ingest = await startTestIngest(noCameras, { consoleDir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await ingest?.stop();
  });

  it('is created through the one-time set-up link, which then leaves the address bar', async () => {
    expect(ingest.setupToken).toBeTruthy();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const base = `http://localhost:${ingest.port}`;
    const setup = new SetupPage(page);
    await setup.open(base, ingest.setupToken!);

    // Field-level messages: the console's own check, then the server's.
    await setup.create('chief', 'Chief Administrator', 'a long enough passphrase', 'a different passphrase');
    await expect.poll(() => page.getByTestId('setup-confirm-error').textContent()).toMatch(/not the same/i);
    await setup.create('chief', 'Chief Administrator', 'too short', 'too short');
    await expect.poll(() => page.getByTestId('setup-password-error').textContent()).toMatch(/at least 12 characters/i);

    await setup.create('chief', 'Chief Administrator', 'a long enough passphrase');
    const signIn = new SignInPage(page);
    await signIn.username.waitFor();
    expect(await page.getByTestId('signin-notice').textContent()).toMatch(/chief created/i);
    expect(new URL(page.url()).hash).toBe('');

    await signIn.signIn('chief', 'a long enough passphrase');
    expect(await new UserMenu(page).button.getAttribute('data-role')).toBe('administrator');
    for (const v of ['wall', 'audit', 'users', 'inspections']) await page.getByTestId(`nav-${v}`).waitFor();
  });
});
