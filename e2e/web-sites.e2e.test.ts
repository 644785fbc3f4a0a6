import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramDetail, ProgramList, SiteDetail } from '@citizen/shared';
import { jpegWithGps } from '../apps/api/test/images.js';
import { launchBrowser, screenshot } from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';
import { registerObserver, setUpPondProgramme } from './sites-steps.js';
import {
  DESKTOP,
  PHONE,
  adminCredentials,
  api,
  apiToken,
  checkAtBothWidths,
  collectErrors,
  waitForMaps,
} from './web.js';

const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const longDate = (iso: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );

/** A site protocol, as an observer meets it: a site, its visits and their species, the map. */
describe('the web app for site protocols', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-web-sites-'));
  const password = 'a-pond-full-of-newts';
  const firstVisit = daysAgo(10);
  const secondVisit = daysAgo(3);
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let token: string;
  let programme: ProgramDetail;
  let siteId: number;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform(
        { DATA_DIR: dataDir, BADGES_ENABLED: 'true', REQUIRE_EMAIL_CONFIRMATION: 'false' },
        // A first start loads the demo: slow on a busy machine.
        240_000,
      ),
      launchBrowser(),
    ]);
    const admin = adminCredentials(platform);
    token = await apiToken(platform.url, admin.login, admin.password);
    programme = await setUpPondProgramme(platform.url, token);
    await registerObserver(platform.url, 'lea', password);
    context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    page = await context.newPage();
    errors = collectErrors(page);
    await page.goto(`${platform.url}/en/login`);
    await page.getByLabel('E-mail address or username').fill('lea');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/en/dashboard');
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The sites the programme's map has drawn, once it is idle. */
  async function drawnSites(): Promise<number[]> {
    await waitForMaps(page);
    const ids = await page
      .locator('[data-rendered-site-ids]')
      .getAttribute('data-rendered-site-ids');
    return (ids ?? '').split(',').filter(Boolean).map(Number);
  }

  it('creates a site from the programme page: type, name, point in the area, photo and form', async () => {
    await page.goto(`${platform.url}/en/programs/${programme.id}`);
    await waitForMaps(page);
    await page.getByText('No site yet: be the first to add one!').waitFor();
    await page.getByRole('link', { name: 'Add a site' }).click();
    await page.waitForURL(`**/en/programs/${programme.id}/sites/new`);
    await waitForMaps(page);

    // One type only: it is the answer.
    await page.getByText('Pond', { exact: true }).waitFor();
    await page.getByLabel('Name of the site').fill('Pond of the rose garden');
    // Outside the area first: refused, with a reason.
    await page.getByLabel('Latitude').fill('48.85');
    await page.getByLabel('Longitude').fill('2.35');
    await page.getByRole('button', { name: 'Place at these coordinates' }).click();
    await page.getByText('This point is outside the programme’s area.').waitFor();
    await page.getByLabel('Latitude').fill('45.776');
    await page.getByLabel('Longitude').fill('4.8505');
    await page.getByRole('button', { name: 'Place at these coordinates' }).click();
    await page.getByText('Point placed at these coordinates.').waitFor();

    await page.locator('input[type=file]').setInputFiles({
      name: 'pond.jpg',
      mimeType: 'image/jpeg',
      buffer: await jpegWithGps({ lat: 45.776, lon: 4.8505 }),
    });
    await page.getByText('pond.jpg added.').waitFor();

    // The site form, with the browser's checks first: the surface is required.
    await page.getByRole('button', { name: 'Create the site' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: /Surface/ })
      .waitFor();
    await page.getByLabel('Surface (m²)').fill('120');
    await page.getByLabel('Fish').check();
    await page.getByLabel('reeds').check();
    await screenshot(page, 'web-site-new-desktop');
    await page.getByRole('button', { name: 'Create the site' }).click();
    await page.waitForURL(/\/en\/sites\/\d+$/);
    siteId = Number(page.url().split('/').pop());

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Pond of the rose garden',
    );
    await expect(page.locator('.facts dl.answers').innerText()).resolves.toMatch(
      /Surface \(m²\)\s+120\s+Fish\s+Yes\s+Vegetation\s+reeds/,
    );
    await page.getByRole('button', { name: /Pond of the rose garden, photo 1/ }).waitFor();
    await page.getByText('Nobody has visited this site yet.').waitFor();
    const site = await api<SiteDetail>(platform.url, 'GET', `/api/sites/${siteId}`);
    expect(site.customData).toEqual({ surface: 120, fish: true, vegetation: ['reeds'] });
    expect(site.location.coordinates).toEqual([4.8505, 45.776]);
    expect(site.photos).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('adds a visit in two steps with a species, and is told of the badge it earned', async () => {
    await page.getByRole('link', { name: 'Add a visit' }).click();
    await page.waitForURL(`**/en/sites/${siteId}/visits/new`);
    await page.getByLabel('Date').fill(firstVisit);
    await page.getByLabel('Time').fill('09:30');

    // Step 1 of 2: the water level is required before going on.
    await page.getByRole('heading', { name: 'Step 1 of 2: Water' }).waitFor();
    await expect(page.getByLabel('Egg masses').isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Next' }).click();
    await page
      .getByRole('alert')
      .getByText(/Water level/)
      .waitFor();
    await page.getByLabel('normal', { exact: true }).check();
    await page.getByLabel('Temperature').fill('14.5');
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 2 of 2, then the species, photos and comment.
    await page.getByRole('heading', { name: 'Step 2 of 2: Amphibians' }).waitFor();
    await expect(page.getByLabel('normal', { exact: true }).isVisible()).resolves.toBe(false);
    await page.getByLabel('Egg masses').fill('3');
    await page.getByLabel('Notes').fill('Tadpoles everywhere');
    const species = page.getByRole('combobox', { name: 'Species' });
    await species.fill('mallard');
    await page.getByRole('option', { name: /Mallard/ }).waitFor();
    await species.press('ArrowDown');
    await species.press('Enter');
    await page.getByLabel('Number of individuals').fill('2');
    await page.getByRole('button', { name: 'Add this species' }).click();
    await page.getByText('Mallard added to the list.').waitFor();
    await screenshot(page, 'web-visit-new-desktop');
    await page.getByRole('button', { name: 'Record the visit' }).click();

    await page.waitForURL(`**/en/sites/${siteId}`);
    // Announced once, on the site's page.
    const toast = page.getByRole('status').filter({ hasText: 'You have earned a new badge!' });
    await toast.getByText('First visit').waitFor();
    await screenshot(page, 'web-site-badge-desktop');
    await toast.getByRole('button', { name: 'Close' }).click();
    await page.reload();
    await page.getByRole('heading', { name: longDate(firstVisit) + ' · 09:30' }).waitFor();
    await expect(page.getByText('You have earned a new badge!').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it('adds a second visit without species', async () => {
    await page.getByRole('link', { name: 'Add a visit' }).click();
    await page.waitForURL(`**/en/sites/${siteId}/visits/new`);
    await page.getByLabel('Date').fill(secondVisit);
    await page.getByLabel('low', { exact: true }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Egg masses').fill('0');
    await page.getByLabel('Anything worth knowing about this visit').fill('Water is going down.');
    await page.getByRole('button', { name: 'Record the visit' }).click();
    await page.waitForURL(`**/en/sites/${siteId}`);
    expect(errors).toEqual([]);
  });

  it('shows both visits in order on the site page, with their answers and species', async () => {
    await page.goto(`${platform.url}/en/sites/${siteId}`);
    await waitForMaps(page);
    const visits = page.locator('.visit-list > li');
    await expect(visits.locator('h3').allTextContents()).resolves.toEqual([
      `${longDate(firstVisit)} · 09:30`,
      longDate(secondVisit),
    ]);
    const first = visits.nth(0);
    await expect(first.locator('dl.answers').innerText()).resolves.toMatch(
      /Water level\s+normal\s+Temperature\s+14.5\s+Egg masses\s+3\s+Notes\s+Tadpoles everywhere/,
    );
    await expect(first.locator('.species').innerText()).resolves.toMatch(
      /Mallard[\s\S]*2 individuals/,
    );
    await expect(first.getByText('Visited by Léa').count()).resolves.toBe(1);
    const second = visits.nth(1);
    await expect(second.getByText('No species recorded during this visit.').count()).resolves.toBe(
      1,
    );
    await expect(second.getByText('Water is going down.').count()).resolves.toBe(1);
    await expect(page.locator('.facts').innerText()).resolves.toContain('2 visits');

    // The species is an observation of the programme, on the day of the visit, at the site.
    await first.getByRole('link', { name: 'Mallard' }).click();
    await page.waitForURL('**/en/observations/*');
    await expect(page.locator('.facts').innerText()).resolves.toContain(longDate(firstVisit));
    await screenshot(page, 'web-visit-observation-desktop');
    expect(errors).toEqual([]);
  });

  it('shows the site on the programme’s map and list, with its latest visit, and filters them', async () => {
    await page.goto(`${platform.url}/en/programs/${programme.id}`);
    await expect.poll(drawnSites).toEqual([siteId]);
    const item = page.locator('.sites li').filter({ hasText: 'Pond of the rose garden' });
    await expect(item.innerText()).resolves.toContain(
      `last visit ${new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${secondVisit}T00:00:00Z`))}`,
    );
    // The popup of the list's "show on the map": name, type, latest visit, link.
    await item.getByRole('button', { name: /Show on the map/ }).click();
    const popup = page.locator('.site-popup');
    await popup.getByRole('link', { name: 'See the site' }).waitFor();
    await expect(popup.innerText()).resolves.toMatch(/Pond of the rose garden\s+Pond\s+last visit/);
    await screenshot(page, 'web-site-programme-desktop');

    // Mine: the same site (Léa created it).
    await page.getByLabel('Only my sites').check();
    await page.waitForURL(/mine=1/);
    await expect.poll(drawnSites).toEqual([siteId]);
    await expect(page.locator('.sites li').count()).resolves.toBe(1);

    // The leaderboard ranks Léa by visits.
    await page.getByLabel('Rank by').selectOption('visits');
    await expect.poll(() => page.locator('.leaderboard tbody').innerText()).toMatch(/1\s+Léa\s+2/);
    expect(errors).toEqual([]);
  });

  it('keeps the visit when a species fails, and sends only that one again', async () => {
    await page.goto(`${platform.url}/en/sites/${siteId}/visits/new`);
    await page.getByLabel('Date').fill(secondVisit);
    await page.getByLabel('high', { exact: true }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    const species = page.getByRole('combobox', { name: 'Species' });
    await species.fill('moorhen');
    await page.getByRole('option', { name: /Moorhen/ }).waitFor();
    await species.press('ArrowDown');
    await species.press('Enter');
    await page.getByRole('button', { name: 'Add this species' }).click();

    // The network fails for the species, once.
    await page.route('**/api/observations', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 500,
            contentType: 'application/json',
            body: JSON.stringify({
              statusCode: 500,
              error: 'Internal Server Error',
              code: 'server.internal',
              params: {},
              message: 'The server stumbled.',
            }),
          })
        : route.continue(),
    );
    await page.getByRole('button', { name: 'Record the visit' }).click();
    const summary = page.getByRole('alert');
    await summary.getByText('The visit is recorded, but one species could not be.').waitFor();
    // Said from its code, in the page's language (here the English catalogue's own text).
    await summary
      .getByRole('link', { name: /Eurasian Moorhen: Something went wrong on our side/ })
      .waitFor();
    await expect(page.getByLabel('Date').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'web-visit-partial-desktop');
    await page.unroute('**/api/observations');
    // The one console error is the failure the test made.
    expect(errors).toEqual([expect.stringContaining('500')]);
    errors.length = 0;

    await page.getByRole('button', { name: 'Send the missing species again' }).click();
    await page.waitForURL(`**/en/sites/${siteId}`);
    const site = await api<SiteDetail>(platform.url, 'GET', `/api/sites/${siteId}?lang=en`);
    expect(site.visits).toHaveLength(3);
    expect(site.visits.map((visit) => visit.observations.map((o) => o.name))).toEqual([
      ['Mallard'],
      [],
      ['Eurasian Moorhen'],
    ]);

    // Deleted again from the site's page.
    const third = page.locator('.visit-list > li').nth(2);
    await third.getByRole('button', { name: /^Delete/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.locator('.visit-list > li').count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('changes a visit from its edit page', async () => {
    const visits = page.locator('.visit-list > li');
    await visits.nth(1).getByRole('link', { name: /^Edit/ }).click();
    await page.waitForURL('**/en/visits/*/edit');
    await page.getByLabel('dry', { exact: true }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.waitForURL(`**/en/sites/${siteId}`);
    await expect(visits.nth(1).locator('dl.answers').innerText()).resolves.toMatch(
      /Water level\s+dry/,
    );
    expect(errors).toEqual([]);
  });

  it('lists my sites and visits in the dashboard, and my badge on my badge page', async () => {
    await page.goto(`${platform.url}/en/dashboard`);
    await expect(page.locator('.my-sites').innerText()).resolves.toContain(
      'Pond of the rose garden',
    );
    await expect(page.locator('.my-visits li').count()).resolves.toBe(2);
    await page.getByRole('link', { name: 'My badge page, as others see it' }).click();
    await page.waitForURL('**/en/users/lea/badges');
    await page.getByRole('heading', { name: 'First visit' }).waitFor();
    await page.getByRole('link', { name: 'Every badge' }).click();
    await page.waitForURL('**/en/badges');
    await page.getByText('Make 1 site visit').waitFor();
    expect(errors).toEqual([]);
  });

  it('leaves the leaderboards from the account page', async () => {
    await page.goto(`${platform.url}/en/account`);
    await page.getByLabel('Show me on the programmes’ leaderboards').uncheck();
    await page
      .getByRole('region', { name: 'Leaderboards' })
      .getByRole('button', { name: 'Save' })
      .click();
    await page.getByText('Saved.').waitFor();
    await page.goto(`${platform.url}/en/programs/${programme.id}`);
    await page.getByText('Nobody is ranked yet.').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows the demo’s site programme with its sites on the map', async () => {
    const { items } = await api<ProgramList>(platform.url, 'GET', '/api/programs');
    const demo = items.find((item) => item.slug === 'mares-tete-dor')!;
    expect(demo.kind).toBe('sites');
    await page.goto(`${platform.url}/fr/programs/${demo.id}`);
    await expect.poll(async () => (await drawnSites()).length).toBe(5);
    await page.getByRole('link', { name: 'Mare de la roseraie' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('shows a site type’s required questions, in the page’s language, before any submit (phone)', async () => {
    const { items } = await api<ProgramList>(platform.url, 'GET', '/api/programs');
    const demo = items.find((item) => item.slug === 'mares-tete-dor')!;
    await page.setViewportSize(PHONE);
    try {
      await page.goto(`${platform.url}/fr/programs/${demo.id}/sites/new`);
      await waitForMaps(page);
      const form = page.locator('form.site-form');
      const types = page.getByRole('group', { name: 'Type de site' });
      // Two types (a pond, a nest box): their questions come with the choice of one.
      await types.getByLabel(/Nichoir/).check();
      const height = form.getByRole('spinbutton', { name: 'Hauteur (m)', exact: true });
      await height.waitFor();
      await expect(height.evaluate((input: HTMLInputElement) => input.required)).resolves.toBe(
        true,
      );
      // Only the optional questions say so, in French.
      await form.getByRole('group', { name: 'Trou d’envol (facultatif)' }).waitFor();
      await types.getByLabel(/Mare/).check();
      const surface = form.getByRole('spinbutton', { name: 'Surface (m²)', exact: true });
      await surface.waitFor();
      await expect(surface.evaluate((input: HTMLInputElement) => input.required)).resolves.toBe(
        true,
      );
      await form
        .getByRole('spinbutton', { name: 'Profondeur maximale (m) (facultatif)', exact: true })
        .waitFor();
      await form.getByRole('group', { name: 'Végétation (facultatif)', exact: true }).waitFor();
      await expect(height.count()).resolves.toBe(0);
      // Right after the type: before the place and the photos, met on the way down to them.
      const comesBefore = (selector: string) =>
        surface.evaluate(
          (input, selector) =>
            Boolean(
              input.compareDocumentPosition(document.querySelector(selector)!) &
              Node.DOCUMENT_POSITION_FOLLOWING,
            ),
          selector,
        );
      await expect(comesBefore('[data-map-state]')).resolves.toBe(true);
      await expect(comesBefore('input[type=file]')).resolves.toBe(true);
      // Nothing has been sent: no error yet, and the page speaks French.
      await expect(form.getByRole('alert').count()).resolves.toBe(0);
      await screenshot(page, 'web-site-new-required-fr-phone');

      // Sent as it is: each problem once, in French, in the page's order.
      await page.getByRole('button', { name: 'Créer le site' }).click();
      const summary = form.getByRole('alert');
      await summary.waitFor();
      const links = summary.getByRole('link');
      await expect(links.allInnerTexts()).resolves.toEqual([
        'Donnez un nom au site.',
        'Surface (m²): est obligatoire',
        expect.stringMatching(/^Placez le site sur la carte/),
      ]);
    } finally {
      await page.setViewportSize(DESKTOP);
    }
    expect(errors).toEqual([]);
  });

  it.each([
    ['the programme and site pages', ['site-programme', 'site', 'site-fr', 'badges']],
    ['the forms', ['site-new', 'site-edit', 'visit-new', 'visit-edit']],
    ['the personal pages', ['dashboard-sites', 'user-badges']],
  ])(
    'passes axe-core on %s, at phone and desktop widths',
    async (_name, names) => {
      const visit = (await api<SiteDetail>(platform.url, 'GET', `/api/sites/${siteId}`)).visits[0]!;
      const paths: Record<string, string> = {
        'site-programme': `/en/programs/${programme.id}`,
        'site-new': `/en/programs/${programme.id}/sites/new`,
        site: `/en/sites/${siteId}`,
        'site-edit': `/en/sites/${siteId}/edit`,
        'visit-new': `/en/sites/${siteId}/visits/new`,
        'visit-edit': `/en/visits/${visit.id}/edit`,
        'dashboard-sites': '/en/dashboard',
        'user-badges': '/en/users/lea/badges',
        badges: '/en/badges',
        'site-fr': `/fr/sites/${siteId}`,
      };
      const violations: string[] = [];
      for (const name of names) {
        violations.push(
          ...(await checkAtBothWidths(page, name, () => page.goto(platform.url + paths[name]))),
        );
      }
      await page.setViewportSize(DESKTOP);
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
    },
    300_000,
  );
});
