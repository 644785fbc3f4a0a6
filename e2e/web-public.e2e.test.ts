import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservationList, ProgramList, ProgramSummary } from '@citizen/shared';
import { launchBrowser, screenshot } from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';
import {
  DESKTOP,
  adminCredentials,
  api,
  apiToken,
  builtStaticWebApp,
  checkAtBothWidths,
  collectErrors,
  serveMapServices,
  serveStatic,
  waitForMaps,
} from './web.js';

/** What a visitor does without an account, in the server-rendered and the static builds. */
describe('the web app for visitors', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-web-public-'));
  let platform: RunningPlatform;
  let browser: Browser;
  let staticBuild: string;
  let programme: ProgramSummary;

  beforeAll(async () => {
    [platform, browser, staticBuild] = await Promise.all([
      startPlatform({ DATA_DIR: dataDir }),
      launchBrowser(),
      builtStaticWebApp(),
    ]);
    const { items } = await api<ProgramList>(platform.url, 'GET', '/api/programs');
    programme = items.find((p) => p.slug === 'tete-dor')!;
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function newPage(
    options: BrowserContextOptions = {},
  ): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: DESKTOP, locale: 'en-GB', ...options });
    return { page, errors: collectErrors(page) };
  }

  /** "Show on the map" on the list's first observation: its popup, with a link to its page. */
  async function showFirstOnMap(page: Page): Promise<Locator> {
    await page
      .locator('.list-pane li')
      .first()
      .getByRole('button', { name: /Show on the map/ })
      .click();
    return page.locator('.maplibregl-popup').getByRole('link', { name: 'See the observation' });
  }

  /** The number the map reports having drawn, once it is idle. */
  async function renderedOnMap(page: Page): Promise<number> {
    await waitForMaps(page);
    return Number(
      await page.locator('[data-rendered-observations]').getAttribute('data-rendered-observations'),
    );
  }

  it('browses from the home page to a programme, its map and an observation', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${platform.url}/en`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Citizen');
    await page.getByRole('link', { name: programme.title }).click();
    await page.waitForURL(`**/en/programs/${programme.id}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      programme.title,
    );

    // Every observation is on the map (clustered), and the list shows the first page.
    expect(await renderedOnMap(page)).toBe(programme.observationCount);
    const rows = page.locator('.list-pane li');
    expect(await rows.count()).toBe(30);
    await screenshot(page, 'web-programme-browse-desktop');

    // "Show on the map" opens the observation's popup, which links to its page.
    const firstName = (await rows.first().locator('h3 a').textContent())!.trim();
    await (await showFirstOnMap(page)).click();
    await page.waitForURL('**/en/observations/*');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(firstName);
    await waitForMaps(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens an observation’s popup from the list for a visitor who prefers reduced motion', async () => {
    // MapLibre then jumps instead of flying: the move has ended before flyTo returns.
    const { page, errors } = await newPage({ reducedMotion: 'reduce' });
    await page.goto(`${platform.url}/en/programs/${programme.id}`);
    await waitForMaps(page);
    await (await showFirstOnMap(page)).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters the map and the list alike', async () => {
    const all = await api<ObservationList>(
      platform.url,
      'GET',
      `/api/observations?program=${programme.id}&limit=200&lang=en`,
    );
    const taxon = all.items[0]!.taxon;
    const matching = await api<ObservationList>(
      platform.url,
      'GET',
      `/api/observations?program=${programme.id}&taxon=${taxon.cdRef}&limit=200&lang=en`,
    );

    const { page, errors } = await newPage();
    await page.goto(`${platform.url}/en/programs/${programme.id}`);
    await waitForMaps(page);
    await page.getByLabel('Species').selectOption(String(taxon.cdRef));
    await page.waitForURL(`**/en/programs/${programme.id}?taxon=${taxon.cdRef}`);
    await expect.poll(() => renderedOnMap(page)).toBe(matching.items.length);
    const names = await page.locator('.list-pane li h3 a').allTextContents();
    expect(names.length).toBe(Math.min(30, matching.items.length));
    expect(new Set(names.map((name) => name.trim()))).toEqual(new Set([taxon.name]));

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(`**/en/programs/${programme.id}`);
    await expect.poll(() => renderedOnMap(page)).toBe(programme.observationCount);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches language, with the lang attribute, hreflang links and Accept-Language', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${platform.url}/en/programs/${programme.id}`);
    await expect(page.getByRole('link', { name: 'Add an observation' }).count()).resolves.toBe(1);
    await page.getByRole('link', { name: 'Français' }).click();
    await page.waitForURL(`**/fr/programs/${programme.id}`);
    await page.getByRole('link', { name: 'Ajouter une observation' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.getByRole('link', { name: 'Deutsch' }).click();
    await page.waitForURL(`**/de/programs/${programme.id}`);
    await page.getByRole('link', { name: 'Beobachtung melden' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(errors).toEqual([]);
    await page.close();

    const home = await fetch(`${platform.url}/`, {
      redirect: 'manual',
      headers: { 'accept-language': 'de-CH, en;q=0.8' },
    });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/de');
    const old = await fetch(`${platform.url}/programs/${programme.id}`, {
      redirect: 'manual',
      headers: { 'accept-language': 'es' },
    });
    expect(old.headers.get('location')).toBe(`/fr/programs/${programme.id}`);
  });

  it('renders titles, descriptions, Open Graph, hreflang, a sitemap and robots.txt', async () => {
    const page = await (await fetch(`${platform.url}/fr/programs/${programme.id}`)).text();
    const html = page.slice(0, page.indexOf('</head>'));
    expect(html).toMatch(/<html lang="fr">/);
    expect(html).toContain(`<title>${programme.title} · Citizen</title>`);
    expect(html).toMatch(/<meta name="description" content="Comptez les oiseaux/);
    expect(html).toContain(
      `<meta property="og:url" content="${platform.url}/fr/programs/${programme.id}"`,
    );
    expect(html).toContain('<meta property="og:locale" content="fr_FR"');
    for (const lang of ['fr', 'en', 'de']) {
      expect(html).toContain(
        `<link rel="alternate" hreflang="${lang}" href="${platform.url}/${lang}/programs/${programme.id}"`,
      );
    }
    const sitemap = await (await fetch(`${platform.url}/sitemap.xml`)).text();
    expect(sitemap).toContain(`<loc>${platform.url}/de/programs/${programme.id}</loc>`);
    // The web app manifest, in the page's language (the API serves it: apps/api/src/web-manifest).
    expect(html).toContain('<link rel="manifest" href="/api/web-manifest/fr"');
    const robots = await (await fetch(`${platform.url}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: ${platform.url}/sitemap.xml`);
    expect(robots).toContain('Disallow: /fr/dashboard');
  });

  it('leaves out the header, footer and account links in an iframe (?embed=1)', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${platform.url}/en/programs/${programme.id}?embed=1`);
    await waitForMaps(page);
    expect(await page.locator('header.site-header, footer.site-footer').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Log in' }).count()).toBe(0);
    expect(await page.locator('.list-pane li h3 a').first().getAttribute('target')).toBe('_blank');
    await screenshot(page, 'web-programme-embedded-desktop');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows an operator’s change of texts and colours on the next page, without a rebuild', async () => {
    const { login, password } = adminCredentials(platform);
    const token = await apiToken(platform.url, login, password);
    await api(platform.url, 'PATCH', '/api/admin/settings', {
      token,
      body: {
        texts: { 'home.intro': { en: 'Welcome, <strong>birdwatchers</strong> of Lyon!' } },
        colours: { primary: '#7c2d12', accent: '#b45309' },
      },
    });
    const { page, errors } = await newPage();
    await page.goto(`${platform.url}/en`);
    await page.getByText('Welcome, birdwatchers of Lyon!').waitFor();
    expect(await page.locator('.app').getAttribute('style')).toContain('--color-primary: #7c2d12');
    await screenshot(page, 'web-home-customised-desktop');

    // A page of their own, in the menu.
    await api(platform.url, 'PUT', '/api/admin/pages/how-to-take-part', {
      token,
      body: {
        title: { en: 'How to take part', fr: 'Comment participer' },
        body: { en: '<p>Look, note, <em>share</em>.</p>', fr: '<p>Regardez, notez, partagez.</p>' },
        inMenu: true,
        position: 1,
      },
    });
    await page.goto(`${platform.url}/en`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'How to take part' })
      .click();
    await page.waitForURL('**/en/pages/how-to-take-part');
    await page.getByText('Look, note, share.').waitFor();
    await page.getByRole('link', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Comment participer', level: 1 }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
    await api(platform.url, 'PATCH', '/api/admin/settings', {
      token,
      body: { texts: { 'home.intro': {} }, colours: { primary: '#1f6f43', accent: '#b45309' } },
    });
  });

  it('switches base maps and searches places, from the settings', async () => {
    const services = await serveMapServices();
    const { login, password } = adminCredentials(platform);
    const token = await apiToken(platform.url, login, password);
    const map = { center: [4.85, 45.77], zoom: 12, minPlacementZoom: 14 };
    await api(platform.url, 'PATCH', '/api/admin/settings', {
      token,
      body: {
        map: {
          ...map,
          baseLayers: [
            {
              id: 'local',
              name: 'Local tiles',
              type: 'raster',
              tiles: [`${services.url}/tiles/{z}/{x}/{y}.png`],
              attribution: 'Test tiles',
            },
          ],
        },
        geocoderUrl: `${services.url}/search`,
      },
    });
    try {
      const { page, errors } = await newPage();
      await page.goto(`${platform.url}/en/programs/${programme.id}`);
      expect(await renderedOnMap(page)).toBe(programme.observationCount);
      expect(services.tileRequests()).toBeGreaterThan(0);

      // The plain map instead: the observations stay drawn.
      await page.getByRole('button', { name: 'Base map' }).click();
      await page.getByRole('radio', { name: 'Plain' }).check();
      await expect.poll(() => renderedOnMap(page)).toBe(programme.observationCount);

      await page.getByRole('searchbox', { name: 'Search for a place' }).fill('Lac du parc');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByRole('button', { name: 'Lac du parc de la Tête d’Or, Lyon' }).click();
      await expect(page.getByRole('button', { name: /Lac du parc/ }).count()).resolves.toBe(0);
      expect(services.searches()).toEqual(['Lac du parc']);
      await screenshot(page, 'web-programme-base-map-desktop');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await api(platform.url, 'PATCH', '/api/admin/settings', {
        token,
        body: { map: { ...map, baseLayers: [] }, geocoderUrl: null },
      });
      await services.close();
    }
  });

  it('lets a visitor record an observation without an account, with a name and an e-mail', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${platform.url}/de/programs/${programme.id}/observe`);
    await waitForMaps(page);
    await page.getByText('Sie sind nicht angemeldet.').waitFor();
    const species = page.getByRole('combobox', { name: 'Art' });
    await species.fill('kohlm');
    await page.getByRole('option', { name: /Kohlmeise/ }).click();
    await page.getByLabel('Breitengrad').fill('45,7772');
    await page.getByLabel('Längengrad').fill('4,8541');
    await page.getByRole('button', { name: 'An diesen Koordinaten setzen' }).click();
    await page.getByText('Punkt an diesen Koordinaten gesetzt.').waitFor();
    await page.getByLabel('Ihr Name').fill('Ulrike');
    await page.getByLabel('Ihre E-Mail-Adresse').fill('ulrike@example.org');
    await page.getByRole('button', { name: 'Beobachtung senden' }).click();
    await page.getByRole('heading', { name: 'Vielen Dank!' }).waitFor();
    const href = await page
      .getByRole('link', { name: 'Ihre Beobachtung ansehen' })
      .getAttribute('href');
    const saved = await api<{ observer: string | null; taxon: { name: string } }>(
      platform.url,
      'GET',
      `/api/observations/${href!.split('/').pop()}?lang=de`,
    );
    expect(saved).toMatchObject({ observer: 'Ulrike', taxon: { name: 'Kohlmeise' } });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('blurs a species as soon as an admin flags it: its page, the list and the CSV and GeoJSON exports', async () => {
    const { login, password } = adminCredentials(platform);
    const token = await apiToken(platform.url, login, password);
    const listed = () =>
      api<ObservationList>(
        platform.url,
        'GET',
        `/api/observations?program=${programme.id}&limit=200&lang=en`,
      );
    const target = (await listed()).items.find((o) => !o.blurred)!;
    const cdRef = target.taxon.cdRef;
    const { page, errors } = await newPage();
    await page.goto(`${platform.url}/en/observations/${target.id}`);
    await waitForMaps(page);
    expect(await page.getByText(/exact place is hidden/).count()).toBe(0);

    await api(platform.url, 'PUT', `/api/admin/sensitivity/taxa/${cdRef}`, {
      token,
      body: { level: 2 },
    });
    try {
      const sameTaxon = (await listed()).items.filter((o) => o.taxon.cdRef === cdRef);
      expect(sameTaxon.length).toBeGreaterThan(0);
      expect(sameTaxon.every((o) => o.blurred)).toBe(true);
      const moved = sameTaxon.find((o) => o.id === target.id)!;
      expect(moved.location.coordinates).not.toEqual(target.location.coordinates);
      // The page says so, with the half-diagonal of the 5 km cell the point now stands for.
      expect(moved.coordinateUncertaintyM).toBeGreaterThan(2500);
      await page.reload();
      await waitForMaps(page);
      await expect(page.getByText(/exact place is hidden/).textContent()).resolves.toContain(
        `${moved.coordinateUncertaintyM!.toLocaleString('en-GB')} m`,
      );

      const geojson = (await (
        await fetch(`${platform.url}/api/programs/${programme.id}/export.geojson`)
      ).json()) as {
        features: {
          id: string;
          geometry: { coordinates: number[] };
          properties: { blurred: boolean };
        }[];
      };
      const feature = geojson.features.find((f) => f.id === target.id)!;
      expect(feature.properties.blurred).toBe(true);
      expect(feature.geometry.coordinates).toEqual(moved.location.coordinates);
      const csv = await (
        await fetch(`${platform.url}/api/programs/${programme.id}/export.csv`)
      ).text();
      const row = csv.split('\n').find((line) => line.includes(target.id))!;
      expect(row).toContain(String(moved.location.coordinates[1]));
      expect(row).not.toContain(String(target.location.coordinates[1]));
      expect(errors).toEqual([]);
    } finally {
      await api(platform.url, 'PUT', `/api/admin/sensitivity/taxa/${cdRef}`, {
        token,
        body: { level: 0 },
      });
      await page.close();
    }
  });

  it('passes axe-core on every public page, at phone and desktop widths', async () => {
    const { items } = await api<ObservationList>(
      platform.url,
      'GET',
      `/api/observations?program=${programme.id}&limit=1`,
    );
    const { page, errors } = await newPage();
    const pages: [string, string][] = [
      ['home', '/en'],
      ['programme', `/en/programs/${programme.id}`],
      ['observation', `/en/observations/${items[0]!.id}`],
      ['about', '/fr/about'],
      ['login', '/en/login'],
      ['register', '/de/register'],
      ['forgot-password', '/en/forgot-password'],
      ['not-found', '/en/no-such-page'],
    ];
    const violations: string[] = [];
    const manifests: string[] = [];
    for (const [name, pagePath] of pages) {
      violations.push(
        ...(await checkAtBothWidths(page, name, () => page.goto(platform.url + pagePath))),
      );
      manifests.push(
        `${pagePath} ${await page.locator('link[rel="manifest"]').getAttribute('href')}`,
      );
    }
    // Every page links the manifest of its language, which the browser reads without a complaint.
    expect(manifests).toEqual(
      pages.map(([, pagePath]) => `${pagePath} /api/web-manifest/${pagePath.slice(1, 3)}`),
    );
    const cdp = await page.context().newCDPSession(page);
    const read = await cdp.send('Page.getAppManifest');
    expect(read.errors).toEqual([]);
    expect(JSON.parse(read.data!)).toMatchObject({ display: 'standalone', start_url: '/en/' });
    await cdp.detach();
    // The programme's photo view and the phone menu, opened.
    await page.setViewportSize(DESKTOP);
    await page.goto(`${platform.url}/en/programs/${programme.id}`);
    await page.getByRole('button', { name: 'Photos' }).click();
    // The demo's photos: a picture of each observation's group, through the media pipeline.
    await page.locator('.gallery li img').first().waitFor();
    violations.push(...(await checkAtBothWidths(page, 'programme-photos', async () => {})));
    expect(violations).toEqual([]);
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
    await page.close();
  });

  it('works the same from the static build served next to the API', async () => {
    const server = await serveStatic(staticBuild, platform.url);
    try {
      const { page, errors } = await newPage();
      await page.goto(`${server.url}/`);
      await page.waitForURL(`${server.url}/en`);
      await page.getByRole('link', { name: programme.title }).click();
      await page.waitForURL(`**/en/programs/${programme.id}`);
      // Earlier tests added observations: the count as it is now.
      const now = await api<ProgramSummary>(platform.url, 'GET', `/api/programs/${programme.id}`);
      expect(await renderedOnMap(page)).toBe(now.observationCount);
      const first = page.locator('.list-pane li h3 a').first();
      const name = (await first.textContent())!.trim();
      await first.click();
      await page.waitForURL('**/en/observations/*');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(name);
      // A deep link straight into the app, as after a reload.
      await page.goto(`${server.url}/de/programs/${programme.id}`);
      await page.getByRole('link', { name: 'Beobachtung melden' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
      // The static build links the manifest the API serves, from the page's language.
      const manifest = await page.locator('link[rel="manifest"]').getAttribute('href');
      expect(manifest).toBe('/api/web-manifest/de');
      const served = await fetch(server.url + manifest);
      expect(served.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
      expect(((await served.json()) as { start_url: string }).start_url).toBe('/de/');
      await screenshot(page, 'web-static-programme-desktop');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.close();
    }
  });
});
