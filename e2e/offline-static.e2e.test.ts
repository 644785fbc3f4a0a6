import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramDetail } from '@citizen/shared';
import { launchBrowser, screenshot } from './browser.js';
import {
  PARK_POINTS,
  observationCount,
  recordBlackbirds,
  storeProgramme,
} from './offline-steps.js';
import { startPlatform, type RunningPlatform } from './platform.js';
import { PHONE, api, builtStaticWebApp, serveStatic } from './web.js';

/**
 * Issue 14 with the static build (adapter-static, served as files next to the API): a visitor
 * stores the programme, opens it again without a connection, records an observation that
 * waits through a reload, and it is sent once back online.
 */
describe('offline with the static build', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-offline-static-'));
  let platform: RunningPlatform;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    let staticBuild: string;
    [platform, browser, staticBuild] = await Promise.all([
      startPlatform({ DATA_DIR: dataDir }),
      launchBrowser(),
      builtStaticWebApp(),
    ]);
    server = await serveStatic(staticBuild, platform.url);
    context = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens a stored programme offline, keeps an observation and sends it once online', async () => {
    const programmeUrl = `${server.url}/en/programs/1`;
    const { title } = await api<ProgramDetail>(platform.url, 'GET', '/api/programs/1?lang=en');
    await storeProgramme(page, programmeUrl);
    const before = await observationCount(platform.url, 1);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: title }).first().waitFor();
    await page.getByText('You are offline.', { exact: false }).first().waitFor();
    await recordBlackbirds(page, programmeUrl, PARK_POINTS.slice(0, 1));

    // A reload offline: the single page from the service worker, the queue from IndexedDB.
    await page.goto(programmeUrl);
    await page.getByText('1 observation is waiting to be sent.').waitFor();
    await screenshot(page, 'offline-static-phone');
    expect(await observationCount(platform.url, 1)).toBe(before);

    await context.setOffline(false);
    await page.getByText('1 observation sent.').waitFor({ timeout: 30_000 });
    expect(await observationCount(platform.url, 1)).toBe(before + 1);
  });
});
