import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramDetail } from '@citizen/shared';
import { launchBrowser, screenshot } from './browser.js';
import {
  PARK_POINTS,
  logInAsAdmin,
  observationCount,
  recordBlackbirds,
  storeProgramme,
} from './offline-steps.js';
import { freePort, startPlatform, type RunningPlatform } from './platform.js';
import { PHONE, api } from './web.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The next version of the web app: a copy of the build under another version name (what a new
 * build changes for the service worker: its script, and the version the pages read). Beside it,
 * links to the packages its server code imports.
 */
function nextVersionOf(build: string, into: string): { dir: string; version: string } {
  const dir = path.join(into, 'web');
  cpSync(build, dir, { recursive: true });
  const versionFile = path.join(dir, 'client/_app/version.json');
  const { version } = JSON.parse(readFileSync(versionFile, 'utf8')) as { version: string };
  const next = `${version}-next`;
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, entry);
    if (!/\.(js|json|html)$/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    if (!text.includes(version)) continue;
    writeFileSync(file, text.replaceAll(version, next));
    // The server would send the old precompressed copies.
    rmSync(`${file}.br`, { force: true });
    rmSync(`${file}.gz`, { force: true });
  }
  const link = (target: string, at: string) => {
    if (existsSync(target) && !existsSync(at)) symlinkSync(target, at);
  };
  link(path.join(ROOT, 'node_modules'), path.join(into, 'node_modules'));
  link(path.join(ROOT, 'apps/web/node_modules'), path.join(dir, 'node_modules'));
  return { dir, version: next };
}

/**
 * Issue 14, updates: observations wait on the device, a new version of the site is deployed;
 * the page announces it, applies it (even offline, from what the new version stored while it
 * installed) and the queue is still there, then sent once.
 */
describe('offline: a new version of the app keeps the queue', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-offline-update-'));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'citizen-offline-next-'));
  const build = process.env.WEB_BUILD_DIR ?? path.join(ROOT, 'apps/web/build-node');
  let next: { dir: string; version: string };
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let url: string;
  let programmeUrl: string;
  let port: number;
  let before: number;
  let title: string;

  /** The platform on a fixed address (a restart keeps the origin, and so the device's data). */
  const start = (webBuild: string) =>
    startPlatform({
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: url,
      WEB_BUILD_DIR: webBuild,
    });

  beforeAll(async () => {
    next = nextVersionOf(build, scratch);
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    [platform, browser] = await Promise.all([start(build), launchBrowser()]);
    programmeUrl = `${url}/en/programs/1`;
    title = (await api<ProgramDetail>(url, 'GET', '/api/programs/1?lang=en')).title;
    context = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    page = await context.newPage();
    await logInAsAdmin(page, url, platform);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('announces a new version while observations wait, applies it offline, keeps and sends them', async () => {
    await storeProgramme(page, programmeUrl);
    before = await observationCount(url, 1);
    await context.setOffline(true);
    await recordBlackbirds(page, programmeUrl, PARK_POINTS);
    await page.goto(programmeUrl);
    await page.getByText('2 observations are waiting to be sent.').waitFor();

    // The new version is deployed meanwhile; the server does not take observations yet.
    await platform.stop();
    platform = await start(next.dir);
    const unavailable = (route: Route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ code: 'server.unavailable', message: 'Restarting' }),
          })
        : route.fallback();
    await context.route('**/api/observations', unavailable);
    // One file changed under its old name (a real build renames it): not from the HTTP cache.
    await (await context.newCDPSession(page)).send('Network.clearBrowserCache');
    await context.setOffline(false);

    // Back online, the page checks for a new version and announces it.
    await page.reload();
    await page.getByText('A new version of the site is available.').waitFor();
    await page.getByText('Your observations waiting to be sent stay on this device.').waitFor();
    await screenshot(page, 'offline-update-phone');

    // Applied without a connection: the new version's pages were stored while it installed.
    await context.setOffline(true);
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Update now' }).click();
    await reloaded;
    await page.getByRole('heading', { name: title }).first().waitFor();
    await expect
      .poll(() => page.evaluate(() => caches.keys()))
      .toContain(`citizen-shell-${next.version}`);
    expect(await page.getByText('A new version of the site is available.').count()).toBe(0);
    const queue = page.getByRole('region', { name: 'Waiting to be sent' });
    await expect.poll(() => queue.getByRole('listitem').count()).toBe(2);
    expect(await observationCount(url, 1)).toBe(before);

    // Online again, the server takes them (tried again after the 503s): each arrives once.
    await context.unroute('**/api/observations', unavailable);
    await context.setOffline(false);
    await page.getByText('2 observations sent.').waitFor({ timeout: 30_000 });
    expect(await observationCount(url, 1)).toBe(before + 2);
  });
});
