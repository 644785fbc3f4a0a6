import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservationDetail, ProgramDetail, SpeciesListDetail } from '@citizen/shared';
import { launchBrowser, screenshot } from './browser.js';
import { freePort, startPlatform, type RunningPlatform } from './platform.js';
import {
  accessibilityViolations,
  logIn,
  adminCredentials,
  api,
  apiToken,
  collectErrors,
  waitForMaps,
} from './web.js';

const WIDTHS = [
  ['phone', { width: 360, height: 740 }],
  ['desktop', { width: 1280, height: 800 }],
] as const;
const LANGS = ['fr', 'en'] as const;
const BLACKBIRD = 4117;
const GREAT_TIT = 3764;
const GOSHAWK = 2891;
const IN_PARK: [number, number] = [4.853, 45.778];

/**
 * Issue 13, points 3 to 5: downloads on the programme page and in the back office, the embed's
 * "Add an observation" link in a partner's frame without storage, species pages, and species
 * not in the list from the observe form to the validator's screen.
 */
describe('downloads, embeds, species pages and species not in the list', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-species-exports-'));
  let platform: RunningPlatform;
  let browser: Browser;
  let token: string;
  let admin: { login: string; password: string };
  let programme: ProgramDetail;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform({ DATA_DIR: dataDir }),
      launchBrowser(),
    ]);
    admin = adminCredentials(platform);
    token = await apiToken(platform.url, admin.login, admin.password);
    programme = await api<ProgramDetail>(platform.url, 'GET', '/api/programs/1?lang=en');
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function newPage(
    context?: BrowserContext,
  ): Promise<{ page: Page; errors: string[]; violations: string[] }> {
    const page = await (context ?? browser).newPage({ locale: 'en-GB' });
    return { page, errors: collectErrors(page), violations: [] };
  }

  /** Every width: opens the page, waits for its maps, screenshots it and runs axe. */
  async function atBothWidths(
    page: Page,
    name: string,
    violations: string[],
    open: () => Promise<unknown>,
  ) {
    for (const [width, viewport] of WIDTHS) {
      await page.setViewportSize(viewport);
      await open();
      await waitForMaps(page);
      await screenshot(page, `${name}-${width}`);
      violations.push(
        ...(await accessibilityViolations(page)).map((v) => `${name} ${width}: ${v}`),
      );
    }
  }

  it('offers the filtered observations to download with their licence, in French and English', async () => {
    const { page, errors, violations } = await newPage();
    const texts = {
      fr: {
        title: 'Télécharger les données',
        csv: 'CSV (tableur)',
        licence: 'Attribution (CC BY)',
      },
      en: { title: 'Download the data', csv: 'CSV (spreadsheet)', licence: 'Attribution (CC BY)' },
    };
    for (const lang of LANGS) {
      await atBothWidths(page, `exports-programme-${lang}`, violations, async () => {
        await page.goto(`${platform.url}/${lang}/programs/${programme.id}?taxon=${BLACKBIRD}`, {
          waitUntil: 'networkidle',
        });
        await page.getByText(texts[lang].title).click();
        await page.getByRole('link', { name: texts[lang].csv }).waitFor();
      });
      const licence = page.getByRole('link', { name: texts[lang].licence });
      expect(await licence.getAttribute('href')).toBe(
        'https://creativecommons.org/licenses/by/4.0/',
      );
      const href = await page.getByRole('link', { name: texts[lang].csv }).getAttribute('href');
      expect(href).toBe(`/api/programs/${programme.id}/export.csv?taxon=${BLACKBIRD}&lang=${lang}`);
      // The file holds the filtered observations only.
      const csv = await page.request.get(`${platform.url}${href}`);
      expect(csv.status()).toBe(200);
      const rows = (await csv.text()).trim().split('\r\n').slice(1);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.split(',')[4] === String(BLACKBIRD))).toBe(true);
      for (const format of ['export.geojson', 'export.dwca.zip']) {
        expect(await page.locator(`a[href*="${format}?taxon=${BLACKBIRD}"]`).count()).toBe(1);
      }
    }
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gives the back office every filter of the exports', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const { page, errors, violations } = await newPage(context);
    await logIn(page, platform.url, admin.login, admin.password);
    for (const lang of LANGS) {
      await atBothWidths(page, `exports-admin-${lang}`, violations, async () => {
        await page.goto(`${platform.url}/${lang}/admin/programs/${programme.id}`, {
          waitUntil: 'networkidle',
        });
      });
    }
    await page.goto(`${platform.url}/en/admin/programs/${programme.id}`, {
      waitUntil: 'networkidle',
    });
    const exportsSection = page.getByRole('region', { name: 'Exports' });
    await exportsSection.getByLabel('Validation').selectOption('pending');
    await exportsSection.getByLabel('Photos').selectOption('false');
    const link = exportsSection.getByRole('link', { name: 'GeoJSON (maps, GIS)' });
    const href = (await link.getAttribute('href'))!;
    expect(href).toContain('status=pending');
    expect(href).toContain('hasPhoto=false');
    const geojson = (await (await page.request.get(`${platform.url}${href}`)).json()) as {
      features: { properties: { validationStatus: string; photos: string[] } }[];
    };
    expect(geojson.features.length).toBeGreaterThan(0);
    expect(
      geojson.features.every(
        (f) => f.properties.validationStatus === 'pending' && f.properties.photos.length === 0,
      ),
    ).toBe(true);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('adds an observation from a partner’s frame whose storage is blocked, in a new tab', async () => {
    // The partner's site: another origin (localhost, where the platform is 127.0.0.1).
    const port = await freePort();
    const partner: Server = createServer((request, response) => {
      const lang = request.url === '/fr' ? 'fr' : 'en';
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><html lang="${lang}"><title>Partner</title><main><h1>Park</h1>` +
          `<iframe title="Observations" style="width: 100%; height: 600px" ` +
          `src="${platform.url}/${lang}/programs/${programme.id}?embed=1"></iframe></main></html>`,
      );
    });
    await new Promise<void>((resolve) => partner.listen(port, resolve));
    const context = await browser.newContext({ locale: 'en-GB' });
    // Third-party storage blocked: the framed pages' local storage throws, as in such browsers.
    await context.addInitScript(() => {
      if (window === window.top) return;
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    const { page, errors } = await newPage(context);
    const labels = { fr: 'Ajouter une observation', en: 'Add an observation' };
    try {
      for (const lang of LANGS) {
        for (const [width, viewport] of WIDTHS) {
          await page.setViewportSize(viewport);
          await page.goto(`http://localhost:${port}/${lang}`);
          const frame = page.frameLocator('iframe');
          const add = frame.getByRole('link', { name: new RegExp(labels[lang]) });
          await add.waitFor();
          expect(await add.getAttribute('target')).toBe('_blank');
          await screenshot(page, `embed-partner-${lang}-${width}`);
        }
      }
      const frame = page.frameLocator('iframe');
      const [observe] = await Promise.all([
        context.waitForEvent('page'),
        frame.getByRole('link', { name: /Add an observation/ }).click(),
      ]);
      await observe.waitForURL(`**/en/programs/${programme.id}/observe`);
      await observe.getByRole('heading', { level: 1 }).waitFor();
      expect(await accessibilityViolations(observe)).toEqual([]);
      // No service worker is registered in an embed (a third-party frame may not have one).
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await new Promise((resolve) => partner.close(resolve));
    }
  });

  it('shows a species page linked from an observation, in the page’s language', async () => {
    const { page, errors, violations } = await newPage();
    const names = { fr: 'Merle noir', en: 'Common Blackbird' };
    const link = { fr: 'Fiche de l’espèce', en: 'About this species' };
    const months = { fr: 'Observations par mois', en: 'Observations by month' };
    const { features } = await api<{ features: { id: string }[] }>(
      platform.url,
      'GET',
      `/api/programs/${programme.id}/observations?taxon=${BLACKBIRD}&limit=1`,
    );
    for (const lang of LANGS) {
      await page.goto(`${platform.url}/${lang}/observations/${features[0]!.id}`);
      await page.getByRole('link', { name: link[lang] }).click();
      await page.waitForURL(`**/${lang}/species/${BLACKBIRD}`);
      await atBothWidths(page, `species-${lang}`, violations, async () => {
        await page.goto(`${platform.url}/${lang}/species/${BLACKBIRD}`);
      });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(names[lang]);
      // The month-by-month chart, readable as a table.
      const table = page.getByRole('table', { name: months[lang] });
      expect(await table.locator('tbody tr').count()).toBe(12);
      expect(await page.getByRole('link', { name: programme.title }).count()).toBeGreaterThan(0);
      expect(await page.locator('[data-map-state="idle"]').count()).toBe(1);
    }
    // From the list of a programme too.
    await page.goto(`${platform.url}/en/programs/${programme.id}?taxon=${BLACKBIRD}`);
    await page
      .locator('.list-pane')
      .getByRole('link', { name: /About this species/ })
      .first()
      .click();
    await page.waitForURL(`**/en/species/${BLACKBIRD}`);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('records a species not in the list, flagged on the validator’s screen', async () => {
    const list = await api<SpeciesListDetail>(platform.url, 'POST', '/api/admin/species-lists', {
      token,
      body: { name: 'Two garden birds', taxa: [{ cdNom: BLACKBIRD }, { cdNom: GREAT_TIT }] },
    });
    await api(platform.url, 'PATCH', `/api/admin/programs/${programme.id}`, {
      token,
      body: { speciesListId: list.id, allowOffList: true },
    });
    const context = await browser.newContext({ locale: 'en-GB' });
    const { page, errors, violations } = await newPage(context);
    await logIn(page, platform.url, admin.login, admin.password);

    // The back office shows the setting.
    await page.goto(`${platform.url}/en/admin/programs/${programme.id}`, {
      waitUntil: 'networkidle',
    });
    expect(await page.getByLabel('Accept species not in the list').isChecked()).toBe(true);

    const open = { fr: 'Espèce absente de la liste ?', en: 'Species not in the list?' };
    const search = { fr: 'Chercher parmi toutes les espèces', en: 'Search all species' };
    for (const lang of LANGS) {
      await atBothWidths(page, `off-list-${lang}`, violations, async () => {
        await page.goto(`${platform.url}/${lang}/programs/${programme.id}/observe`, {
          waitUntil: 'networkidle',
        });
        await page.getByRole('button', { name: open[lang] }).click();
        await page.getByRole('combobox', { name: search[lang] }).waitFor();
      });
    }

    const combobox = page.getByRole('combobox', { name: 'Search all species' });
    await combobox.fill('Goshawk');
    await page.getByRole('option', { name: /Northern Goshawk/ }).waitFor();
    await combobox.press('ArrowDown');
    await combobox.press('Enter');
    await page.getByText('Chosen: Northern Goshawk').first().waitFor();
    await page.getByLabel('Latitude').fill(IN_PARK[1].toFixed(5));
    await page.getByLabel('Longitude').fill(IN_PARK[0].toFixed(5));
    await page.getByRole('button', { name: 'Place at these coordinates' }).click();
    await page.getByText('Point placed at these coordinates.').waitFor();
    await page.getByRole('button', { name: 'Send the observation' }).click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    const href = await page
      .getByRole('link', { name: 'See your observation' })
      .getAttribute('href');
    const id = href!.split('/').pop()!;

    const flags = {
      fr: 'Absente de la liste d’espèces du programme',
      en: 'Not on the programme’s species list',
    };
    for (const lang of LANGS) {
      await atBothWidths(page, `off-list-validator-${lang}`, violations, async () => {
        await page.goto(`${platform.url}/${lang}/validation/${id}`, { waitUntil: 'networkidle' });
        await page.getByText(flags[lang]).waitFor();
      });
    }
    const saved = await api<ObservationDetail>(platform.url, 'GET', `/api/observations/${id}`, {
      token,
    });
    expect(saved.taxon.cdNom).toBe(GOSHAWK);
    expect(saved.offList).toBe(true);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
