import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineFr } from '../apps/web/src/lib/i18n/messages/offline.fr.js';
import { launchBrowser, screenshot } from './browser.js';
import {
  PARK_POINTS,
  logInAsAdmin,
  observationCount,
  recordBlackbirds,
  storeProgramme,
} from './offline-steps.js';
import { startPlatform, type RunningPlatform } from './platform.js';
import { PHONE, accessibilityViolations, adminCredentials, api, apiToken } from './web.js';

/**
 * Issue 14, session expiry while offline: the observer's session ends while observations wait
 * on the device; back online, sending asks them to log in again (the queue stays, the message in
 * the page's language), and once they have, the queue goes on, each observation created once.
 */
describe('offline: the session ends while observations wait', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-offline-session-'));
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let programmeUrl: string;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform({ DATA_DIR: dataDir }),
      launchBrowser(),
    ]);
    programmeUrl = `${platform.url}/en/programs/1`;
    context = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    page = await context.newPage();
    await logInAsAdmin(page, platform.url, platform);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Ends every session of the demo admin's account (the browser's too), as on another device. */
  async function endSessions() {
    const admin = adminCredentials(platform);
    const token = await apiToken(platform.url, admin.login, admin.password);
    await api(platform.url, 'POST', '/api/auth/logout-all', { token });
  }

  it('asks to log in again, keeps the queue, then sends it once logged in', async () => {
    await storeProgramme(page, programmeUrl);
    const before = await observationCount(platform.url, 1);
    await context.setOffline(true);
    await recordBlackbirds(page, programmeUrl, PARK_POINTS);
    await page.goto(programmeUrl);
    await page.getByText('2 observations are waiting to be sent.').waitFor();
    await endSessions();

    // Back online: nothing is sent under no account, and the bar says why, with a way out.
    await context.setOffline(false);
    await page
      .getByText('Your session has ended: log in again to send your observations.')
      .waitFor({ timeout: 30_000 });
    const queue = page.getByRole('region', { name: 'Waiting to be sent' });
    await expect.poll(() => queue.getByRole('listitem').count()).toBe(2);
    expect(await observationCount(platform.url, 1)).toBe(before);
    await screenshot(page, 'offline-login-again-phone');
    expect(await accessibilityViolations(page)).toEqual([]);

    // The same in the page's language.
    await page.goto(`${platform.url}/fr/programs/1`);
    await page.getByText(String(offlineFr['offline.loginAgain'])).waitFor({ timeout: 30_000 });
    await page.goto(programmeUrl);

    // Logged in again from the bar's link: back on the programme, the queue goes on.
    const bar = page.getByRole('status').filter({ hasText: 'Your session has ended' });
    await bar.getByRole('link', { name: 'Log in' }).click();
    const admin = adminCredentials(platform);
    await page.getByLabel('E-mail address or username').fill(admin.login);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/en/programs/1');
    await page.getByText('2 observations sent.').waitFor({ timeout: 30_000 });
    expect(await observationCount(platform.url, 1)).toBe(before + 2);
    await expect.poll(() => queue.count()).toBe(0);

    // Sending again (a reload, the button) creates nothing more.
    await page.reload();
    await page.getByRole('heading', { name: 'Use offline' }).waitFor();
    expect(await observationCount(platform.url, 1)).toBe(before + 2);
  });
});
