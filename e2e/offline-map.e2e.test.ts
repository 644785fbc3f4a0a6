import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramDetail } from '@citizen/shared';
import { launchBrowser, screenshot } from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';
import {
  PHONE,
  accessibilityViolations,
  adminCredentials,
  api,
  colourShare,
  logIn,
  serveMapServices,
} from './web.js';

/** The stand-in tile server's colour, far from the backdrop's land and water. */
const TILE = { r: 214, g: 120, b: 96 };
const STORED_NOTE = 'Map stored for offline use: zoom 12 to 16, inside the frame.';

/**
 * Polled (a busy machine can catch the canvas between two frames): the stored tiles drawn, over
 * at least `share` of the map (the rest is the backdrop around the stored frame, the frame, the
 * clusters).
 */
async function expectStoredTilesDrawn(map: Locator, share = 0.6) {
  await expect
    .poll(() => colourShare(map, [TILE.r, TILE.g, TILE.b]), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(share);
}

/**
 * Issue 14, "the map shows what is cached": offline, the programme map and the location picker
 * draw the stored base-map tiles (the stored layer, even when the site lists another first;
 * beyond the stored zooms, the last stored level enlarged) and say which area and zooms are
 * stored.
 */
describe('offline: the maps draw the stored tiles and show what is stored', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-offline-map-'));
  let services: Awaited<ReturnType<typeof serveMapServices>>;
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let programmeUrl: string;

  beforeAll(async () => {
    services = await serveMapServices(TILE);
    [platform, browser] = await Promise.all([
      startPlatform({
        DATA_DIR: dataDir,
        // The first base map may not be stored; the second one's terms allow it.
        MAP_BASE_LAYERS: JSON.stringify([
          {
            id: 'street',
            name: 'Street map',
            type: 'raster',
            tiles: [`${services.url}/tiles/street/{z}/{x}/{y}.png`],
            maxzoom: 19,
          },
          {
            id: 'field',
            name: 'Field map',
            type: 'raster',
            tiles: [`${services.url}/tiles/field/{z}/{x}/{y}.png`],
            maxzoom: 18,
            offlinePacking: true,
          },
        ]),
      }),
      launchBrowser(),
    ]);
    const programme = await api<ProgramDetail>(platform.url, 'GET', '/api/programs/1?lang=en');
    programmeUrl = `${platform.url}/en/programs/${programme.id}`;
    context = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    page = await context.newPage();
    const admin = adminCredentials(platform);
    await logIn(page, platform.url, admin.login, admin.password);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await services?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** On a phone the list and the map are tabs: the map's is chosen, once the page is hydrated. */
  async function showProgrammeMap(): Promise<Locator> {
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    const map = page.locator('.map-container');
    const tab = page.getByRole('button', { name: 'Map', exact: true });
    for (let tries = 0; tries < 30 && !(await map.isVisible()); tries++) {
      await tab.click();
      await page.waitForTimeout(500);
    }
    await page.locator('.map-container[data-map-state="idle"]').waitFor();
    return map;
  }

  it('stores the programme with the field map, zoom 12 to 16', async () => {
    await page.goto(programmeUrl);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const pack = page.getByRole('region', { name: 'Use offline' });
    await pack.getByRole('button', { name: 'Use offline' }).click();
    await pack.getByLabel('Base map').selectOption({ label: 'Field map' });
    await pack.getByLabel('From zoom').selectOption('12');
    await pack.getByLabel('To zoom').selectOption('16');
    await page.getByRole('button', { name: 'Download' }).click();
    await page.getByText('Stored: this programme works offline on this device.').waitFor();
  });

  it('offline, the programme map draws the stored tiles and says what is stored', async () => {
    await context.setOffline(true);
    const tilesBefore = services.tileRequests();
    await page.reload();
    await page.getByText('You are offline.', { exact: false }).first().waitFor();
    const map = await showProgrammeMap();
    await expectStoredTilesDrawn(map);
    await page.getByText(STORED_NOTE).waitFor();
    await screenshot(page, 'offline-map-phone');

    // Past the stored zooms, the last stored level, enlarged, rather than the backdrop.
    for (let zoom = 0; zoom < 3; zoom++) {
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await page.waitForTimeout(400);
    }
    await page.locator('.map-container[data-map-state="idle"]').waitFor();
    await expectStoredTilesDrawn(map);
    // Further out than the stored zooms the map does not go (there is nothing stored there).
    const zoomOut = page.getByRole('button', { name: 'Zoom out' });
    for (let tries = 0; tries < 12 && !(await zoomOut.isDisabled()); tries++) {
      // The previous zoom may reach the limit meanwhile and disable the button: no wait then.
      await zoomOut.click({ timeout: 3_000 }).catch(() => {});
      await page.waitForTimeout(400);
    }
    expect(await zoomOut.isDisabled()).toBe(true);
    await page.locator('.map-container[data-map-state="idle"]').waitFor();
    // At zoom 12 the stored frame fills about half of a phone's map.
    await expectStoredTilesDrawn(map, 0.3);

    // Nothing came from the tile server: every tile drawn was the stored one.
    expect(services.tileRequests()).toBe(tilesBefore);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('offline, the location picker draws the stored tiles too', async () => {
    await page.goto(`${programmeUrl}/observe`);
    const picker = page.getByRole('region', { name: 'Map to place the observation' });
    await page.locator('.picker-map[data-map-state="idle"]').waitFor();
    await expectStoredTilesDrawn(picker);
    await page.getByText(STORED_NOTE).waitFor();
    await screenshot(page, 'offline-picker-phone');
    await context.setOffline(false);
  });

  it('online, the map says nothing about the stored area', async () => {
    await page.goto(programmeUrl);
    await showProgrammeMap();
    await expect(page.getByText(STORED_NOTE).count()).resolves.toBe(0);
  });
});
