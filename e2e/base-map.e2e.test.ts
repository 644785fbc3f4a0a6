import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramList, ProgramSummary } from '@citizen/shared';
import { en } from '../apps/web/src/lib/i18n/messages/en.js';
import { fr } from '../apps/web/src/lib/i18n/messages/fr.js';
import { launchBrowser, outsideRequests, screenshot } from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';
import {
  PHONE,
  accessibilityViolations,
  api,
  collectErrors,
  colourDistance,
  dominantColour,
  goto,
  waitForMaps,
} from './web.js';

/** The widths of the issue: a phone, and a laptop's 1280 × 800. */
const WIDTHS = [
  ['phone', PHONE],
  ['desktop', { width: 1280, height: 800 }],
] as const;
const MESSAGES = { fr, en } as const;
type Lang = keyof typeof MESSAGES;

/** The colours the map is drawn in: the OpenStreetMap tile fixture's, and the backdrop's land. */
const OSM_FIXTURE = [0xf4, 0xe4, 0xc1];
const BACKDROP_LAND = [0xee, 0xf1, 0xe8];

/**
 * Issue 13, points 1, 2, 8 (the map's part) and 10: a real base map with its credits, an
 * offline backdrop where tiles fail, counted clusters that expand, control texts in the page's
 * language after a switch, and a programme page that ends at its footer.
 */
describe('the programme map: base map, clusters, language and layout', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-base-map-'));
  let platform: RunningPlatform;
  let browser: Browser;
  let programme: ProgramSummary;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform({ DATA_DIR: dataDir }),
      launchBrowser(),
    ]);
    const { items } = await api<ProgramList>(platform.url, 'GET', '/api/programs');
    programme = items.find((p) => p.slug === 'tete-dor')!;
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Opens the programme page and, on a phone, its map tab; waits for the map. */
  async function openProgrammeMap(page: Page, lang: Lang) {
    // Once hydrated: before, the map's pane can show for a moment, then hide as the list is chosen.
    await goto(page, `${platform.url}/${lang}/programs/${programme.id}`);
    await showMap(page, lang);
  }

  /** On a phone the list, the map and the photos are tabs: the map's is chosen. */
  async function showMap(page: Page, lang: Lang) {
    const tab = page.getByRole('button', {
      name: String(MESSAGES[lang]['program.view.map']),
      exact: true,
    });
    const map = page.locator('.map-container');
    for (let tries = 0; tries < 30 && !(await map.isVisible()); tries++) {
      await tab.click();
      await page.waitForTimeout(500);
    }
    await page.locator('.map-container[data-map-state="idle"]').waitFor({ timeout: 60_000 });
    await waitForMaps(page);
  }

  for (const lang of ['fr', 'en'] as const) {
    const t = MESSAGES[lang];
    for (const [width, viewport] of WIDTHS) {
      it(`${lang}, ${width}: OpenStreetMap with its credits, counted clusters that expand, a page that ends at its footer`, async () => {
        const page = await browser.newPage({ viewport });
        const errors = collectErrors(page);
        await openProgrammeMap(page, lang);

        // Point 1: OpenStreetMap's tiles, drawn, with the credit its policy asks for.
        const osmTiles = outsideRequests(page.context()).filter((url) =>
          url.startsWith('https://tile.openstreetmap.org/'),
        );
        expect(osmTiles.length).toBeGreaterThan(0);
        const credits = page.locator('.maplibregl-ctrl-attrib-inner');
        await expect(credits.textContent()).resolves.toContain('© OpenStreetMap contributors');
        await expect(
          credits.getByRole('link', { name: '© OpenStreetMap contributors' }).getAttribute('href'),
        ).resolves.toBe('https://www.openstreetmap.org/copyright');
        const colour = await dominantColour(page.locator('.map-container'));
        expect(colourDistance(colour, OSM_FIXTURE)).toBeLessThan(
          colourDistance(colour, BACKDROP_LAND),
        );

        // Point 2: every observation is counted on the map, nearby ones in numbered clusters.
        const map = page.locator('[data-rendered-observations]');
        expect(Number(await map.getAttribute('data-rendered-observations'))).toBe(
          programme.observationCount,
        );
        const labels = page.locator('.cluster-count');
        expect(await labels.count()).toBeGreaterThan(0);
        const counts = await labels.evaluateAll((all) => all.map((l) => Number(l.textContent)));
        expect(counts.every((count) => count > 1)).toBe(true);
        await screenshot(page, `base-map-${lang}-${width}`);
        expect(await accessibilityViolations(page)).toEqual([]);

        // Point 10: nothing below the footer.
        const { documentHeight, footerBottom } = await page.evaluate(() => ({
          documentHeight: document.documentElement.scrollHeight,
          footerBottom:
            document.querySelector('footer')!.getBoundingClientRect().bottom + window.scrollY,
        }));
        expect(documentHeight).toBeLessThanOrEqual(Math.ceil(footerBottom) + 1);

        // A click on a cluster zooms in until it comes apart: the scale bar changes (its
        // distance, or its length for the same round distance).
        const scaleOf = () =>
          page.evaluate(() => {
            const scale = document.querySelector<HTMLElement>('.maplibregl-ctrl-scale');
            return `${scale?.textContent} ${scale?.style.width}`;
          });
        const before = await scaleOf();
        const biggest = labels.nth(counts.indexOf(Math.max(...counts)));
        await biggest.scrollIntoViewIfNeeded();
        const box = (await biggest.boundingBox())!;
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.waitForFunction((previous) => {
          const scale = document.querySelector<HTMLElement>('.maplibregl-ctrl-scale');
          return `${scale?.textContent} ${scale?.style.width}` !== previous;
        }, before);
        await waitForMaps(page);
        expect(errors).toEqual([]);
        await page.close();
      });

      it(`${lang}, ${width}: the offline backdrop where tiles fail, and other base maps to choose`, async () => {
        // No service worker: the tiles it fetched for the page would not meet this page's route
        // (Playwright routes a service worker's requests by the context's routes only).
        const page = await browser.newPage({ viewport, serviceWorkers: 'block' });
        const errors = collectErrors(page);
        await page.route('https://tile.openstreetmap.org/**', (route) => route.abort('failed'));
        await openProgrammeMap(page, lang);

        // The map is ready, not in error, and drawn: land where OpenStreetMap would be.
        await expect
          .poll(
            async () => {
              const colour = await dominantColour(page.locator('.map-container'));
              return (
                colourDistance(colour, BACKDROP_LAND) < colourDistance(colour, OSM_FIXTURE) ||
                colour
              );
            },
            { timeout: 15_000 },
          )
          .toBe(true);
        await screenshot(page, `base-map-offline-${lang}-${width}`);

        // The base map control, in the page's language, offers the other free base maps.
        await page.getByRole('button', { name: String(t['map.baseLayers']) }).click();
        const choices = page.getByRole('group', { name: String(t['map.baseLayers']) });
        await expect(choices.getByRole('radio').count()).resolves.toBe(4);
        await choices.getByRole('radio', { name: 'OpenTopoMap' }).check();
        await page.waitForFunction(() =>
          document
            .querySelector('.maplibregl-ctrl-attrib-inner')
            ?.textContent?.includes('OpenTopoMap'),
        );
        // The map's state may still read idle from before the switch: wait for the new tiles.
        await expect
          .poll(() =>
            outsideRequests(page.context()).some((url) =>
              /^https:\/\/[abc]\.tile\.opentopomap\.org\//.test(url),
            ),
          )
          .toBe(true);
        await waitForMaps(page);
        expect(await accessibilityViolations(page)).toEqual([]);
        // The only errors are the refused tiles', which the backdrop stands in for.
        expect(errors.filter((error) => !/Failed to load resource/.test(error))).toEqual([]);
        await page.close();
      });
    }
  }

  for (const [from, to] of [
    ['fr', 'en'],
    ['en', 'fr'],
  ] as const) {
    for (const [width, viewport] of WIDTHS) {
      it(`${width}: the map's controls speak ${to} after a switch from ${from}`, async () => {
        const page = await browser.newPage({ viewport });
        const errors = collectErrors(page);
        await openProgrammeMap(page, from);
        const texts = async () =>
          page
            .locator('.maplibregl-ctrl button')
            .evaluateAll((buttons) =>
              buttons.map((b) => b.getAttribute('aria-label') ?? b.getAttribute('title')),
            );
        const expected = (lang: Lang) =>
          expect.arrayContaining([
            MESSAGES[lang]['map.ctrl.zoomIn'],
            MESSAGES[lang]['map.ctrl.zoomOut'],
            MESSAGES[lang]['map.baseLayers'],
            MESSAGES[lang]['map.ctrl.locate'],
            MESSAGES[lang]['map.ctrl.fullscreenEnter'],
          ]);
        expect(await texts()).toEqual(expected(from));

        const link = page.locator(`a[hreflang="${to}"]`).first();
        if (!(await link.isVisible())) {
          await page.getByRole('button', { name: String(MESSAGES[from]['nav.menu']) }).click();
        }
        await link.click();
        // A client-side navigation: the page stays, its texts change.
        await page.waitForURL(`**/${to}/programs/${programme.id}`);
        await page.waitForFunction((lang) => document.documentElement.lang === lang, to);
        await showMap(page, to);
        const after = await texts();
        expect(after).toEqual(expected(to));
        // Nothing is left in the first language (the two catalogues differ on every one).
        expect(after.some((text) => text === MESSAGES[from]['map.ctrl.zoomIn'])).toBe(false);
        await screenshot(page, `base-map-switched-${to}-${width}`);
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }
});
