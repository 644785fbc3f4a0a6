import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramDetail, SpeciesListDetail, TaxonList } from '@citizen/shared';
import { jpegWithGps } from '../apps/api/test/images.js';
import { launchBrowser, screenshot } from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';
import {
  PHONE,
  accessibilityViolations,
  adminCredentials,
  api,
  apiToken,
  serveMapServices,
  logIn,
  goto,
} from './web.js';

/**
 * Offline field capture: a programme stored for offline use, observations recorded without a
 * connection, kept through a reload and a closed tab, sent once when the connection returns; a
 * refused one corrected and sent again; the app installable.
 */
describe('offline field capture', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-offline-'));
  let services: Awaited<ReturnType<typeof serveMapServices>>;
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  let programme: ProgramDetail;
  let programmeUrl: string;
  let before: number;
  /** A species of the list other than the blackbird: removed from it while the observer is out. */
  let other: { cdNom: number; name: string };

  const count = async () =>
    (await api<ProgramDetail>(platform.url, 'GET', `/api/programs/${programme.id}?lang=en`))
      .observationCount;

  beforeAll(async () => {
    services = await serveMapServices();
    [platform, browser] = await Promise.all([
      startPlatform({
        DATA_DIR: dataDir,
        // A tile server whose terms allow storing its tiles (here a stand-in: no internet in tests).
        MAP_BASE_LAYERS: JSON.stringify([
          {
            id: 'field',
            name: 'Field map',
            type: 'raster',
            tiles: [`${services.url}/tiles/{z}/{x}/{y}.png`],
            maxzoom: 18,
            offlinePacking: true,
          },
        ]),
      }),
      launchBrowser(),
    ]);
    const admin = adminCredentials(platform);
    token = await apiToken(platform.url, admin.login, admin.password);
    programme = await api<ProgramDetail>(platform.url, 'GET', '/api/programs/1?lang=en');
    programmeUrl = `${platform.url}/en/programs/${programme.id}`;
    const taxa = await api<TaxonList>(platform.url, 'GET', `/api/programs/1/taxa?lang=en`);
    const found = taxa.items.find(
      (taxon) => taxon.vernacularName && !/blackbird/i.test(taxon.vernacularName),
    )!;
    other = { cdNom: found.cdNom, name: found.vernacularName! };
    context = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    page = await context.newPage();

    // The observer: logged in (the demo admin is one too).
    await logIn(page, platform.url, admin.login, admin.password);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await services?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is installable: a manifest with its icons, and a service worker controlling the start URL', async () => {
    await page.goto(`${platform.url}/en`);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifestUrl = new URL(href!, page.url());
    const manifest = (await (await fetch(manifestUrl)).json()) as {
      name?: string;
      short_name?: string;
      start_url?: string;
      display?: string;
      icons?: { src: string; sizes: string; type?: string }[];
    };
    expect(manifest.name).toBeTruthy();
    expect(manifest.short_name).toBeTruthy();
    expect(['standalone', 'fullscreen', 'minimal-ui']).toContain(manifest.display);
    const sizes = (manifest.icons ?? []).flatMap((icon) => icon.sizes.split(' '));
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons ?? []) {
      const response = await fetch(new URL(icon.src, manifestUrl));
      expect(response.status, icon.src).toBe(200);
      expect(response.headers.get('content-type'), icon.src).toMatch(/^image\//);
    }

    // The start URL opens under the service worker's control.
    const start = new URL(manifest.start_url ?? '/', manifestUrl);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.goto(start.href);
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null), {
        timeout: 20_000,
      })
      .toMatch(/\/service-worker\.js$/);
    const scope = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration())?.scope,
    );
    expect(start.href.startsWith(scope!)).toBe(true);
  });

  it('stores a programme for offline use, with its size shown first', async () => {
    await page.goto(programmeUrl);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const tilesBefore = services.tileRequests();
    const pack = page.getByRole('region', { name: 'Use offline' });
    await pack.getByRole('button', { name: 'Use offline' }).click();
    await pack.getByLabel('Base map').selectOption({ label: 'Field map' });
    await pack.getByLabel('From zoom').selectOption('12');
    await pack.getByLabel('To zoom').selectOption('16');
    await expect(page.getByText(/\d+ tiles, about [\d.,]+ MB to download\./).count()).resolves.toBe(
      1,
    );
    await page.getByRole('button', { name: 'Download' }).click();
    await page.getByText('Stored: this programme works offline on this device.').waitFor({
      timeout: 60_000,
    });
    await page
      .getByText(/Stored for offline use on .*map zoom 12 to 16, base map Field map\./)
      .waitFor();
    // The park at z12-16 is 27 tiles of the base map, all fetched (and the observations' too).
    expect(services.tileRequests() - tilesBefore).toBeGreaterThanOrEqual(27);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('records observations offline, keeps them through a reload and a closed tab, sends them once back online', async () => {
    before = await count();
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: programme.title }).first().waitFor();
    await page.getByText('You are offline.', { exact: false }).first().waitFor();

    // Two blackbirds and one other species, each with a photo (which places the point).
    const records = [
      { search: 'blackb', option: /Common Blackbird/, photo: { lat: 45.7775, lon: 4.8535 } },
      { search: 'blackb', option: /Common Blackbird/, photo: { lat: 45.779, lon: 4.852 } },
      {
        search: other.name.slice(0, 5),
        option: new RegExp(other.name),
        photo: { lat: 45.7782, lon: 4.8541 },
      },
    ];
    await goto(page, `${programmeUrl}/observe`);
    for (const [index, record] of records.entries()) {
      const species = page.getByRole('combobox', { name: 'Species' });
      await species.fill(record.search);
      await page.getByRole('option', { name: record.option }).first().click();
      await page.locator('input[type=file]').setInputFiles({
        name: `photo-${index}.jpg`,
        mimeType: 'image/jpeg',
        buffer: await jpegWithGps(record.photo),
      });
      await page.getByText('Point placed where the photo was taken.').waitFor();
      await page.getByRole('button', { name: 'Send the observation' }).click();
      await page.getByRole('heading', { name: 'Saved on this device' }).waitFor();
      if (index === 0) await screenshot(page, 'offline-saved-phone');
      if (index < records.length - 1) {
        await page.getByRole('button', { name: 'Record another observation' }).click();
      }
    }
    expect(await accessibilityViolations(page)).toEqual([]);

    // A closed tab and a new one, still offline: the programme page lists them.
    await page.close();
    page = await context.newPage();
    await page.goto(programmeUrl);
    const queue = page.getByRole('region', { name: 'Waiting to be sent' });
    await expect.poll(() => queue.getByRole('listitem').count()).toBe(3);
    await expect(queue.getByRole('img').count()).resolves.toBe(3);
    await page.getByText('3 observations are waiting to be sent.').waitFor();
    await screenshot(page, 'offline-queue-phone');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await count()).toBe(before);

    // While the observer is out, the other species leaves the programme's list.
    const listId = programme.speciesListId!;
    const list = await api<SpeciesListDetail>(
      platform.url,
      'GET',
      `/api/admin/species-lists/${listId}?lang=en`,
      { token },
    );
    await api(platform.url, 'PUT', `/api/admin/species-lists/${listId}?lang=en`, {
      token,
      body: {
        name: list.name,
        taxa: list.taxa
          .filter((taxon) => taxon.cdNom !== other.cdNom)
          .map((taxon) => ({ cdNom: taxon.cdNom })),
      },
    });

    // Keep a copy of the first blackbird, to send it again later with its Idempotency-Key.
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('citizen-offline');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const all = await new Promise<unknown[]>((resolve) => {
        const read = db.transaction('queue').objectStore('queue').index('byCreated').getAll();
        read.onsuccess = () => resolve(read.result);
      });
      (window as unknown as { kept: unknown }).kept = all[0];
      db.close();
    });

    // Back online: sent at once, in order; the refused one stays with its reason.
    await context.setOffline(false);
    await page.getByText('2 observations sent.').waitFor({ timeout: 30_000 });
    expect(await count()).toBe(before + 2);
    await expect.poll(() => queue.getByRole('listitem').count()).toBe(1);
    await queue
      .getByText(`Refused by the server: Taxon ${other.cdNom} is not on this programme`, {
        exact: false,
      })
      .waitFor();
    await screenshot(page, 'offline-refused-phone');

    // The same observation sent again with the same key creates nothing.
    await page.evaluate(async () => {
      const kept = (window as unknown as { kept: unknown }).kept;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('citizen-offline');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve) => {
        const tx = db.transaction('queue', 'readwrite');
        tx.objectStore('queue').put(kept);
        tx.oncomplete = () => resolve();
      });
      db.close();
    });
    await page.reload();
    await page.getByText('1 observation sent.').waitFor({ timeout: 30_000 });
    expect(await count()).toBe(before + 2);

    // The photos arrived: the dashboard shows their thumbnails.
    await page.goto(`${platform.url}/en/dashboard`);
    const thumbs = page.locator('.list li .thumb img');
    await expect.poll(() => thumbs.count()).toBeGreaterThanOrEqual(2);
    for (const img of await thumbs.all()) {
      await expect
        .poll(() => img.evaluate((element: HTMLImageElement) => element.naturalWidth), {
          timeout: 20_000,
        })
        .toBeGreaterThan(0);
    }
  });

  it('corrects a refused observation and sends it again', async () => {
    const queue = page.getByRole('region', { name: 'Waiting to be sent' });
    await queue.getByRole('link', { name: 'Correct' }).click();
    await page.waitForURL('**/observe?queued=*');
    await page.getByText('You are correcting an observation that has not been sent yet.').waitFor();
    const species = page.getByRole('combobox', { name: 'Species' });
    await species.fill('blackb');
    await page
      .getByRole('option', { name: /Common Blackbird/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Save on this device' }).click();
    await page.getByRole('heading', { name: 'Saved on this device' }).waitFor();
    await expect.poll(count).toBe(before + 3);
    await page.goto(`${platform.url}/en/dashboard`);
    await expect(page.getByRole('region', { name: 'Waiting to be sent' }).count()).resolves.toBe(0);
  });
});
