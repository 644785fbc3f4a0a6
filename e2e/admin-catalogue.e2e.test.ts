import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AdminBadgeRules,
  SpeciesListDetail,
  SpeciesLists,
  TaxonDetail,
  TaxonList,
} from '@citizen/shared';
import { jpegWithGps } from '../apps/api/test/images.js';
import { launchBrowser, screenshot } from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';
import {
  DESKTOP,
  adminCredentials,
  api,
  apiToken,
  checkAtBothWidths,
  collectErrors,
  goto,
} from './web.js';

const TAXREF_HEADER = [
  'CD_NOM',
  'CD_REF',
  'RANG',
  'LB_NOM',
  'LB_AUTEUR',
  'REGNE',
  'CLASSE',
  'ORDRE',
  'FAMILLE',
  'NOM_VERN',
  'NOM_VERN_ENG',
  // TAXREF has columns Citizen does not read: this one only makes the file big enough for the
  // upload's progress to show.
  'REMARQUES',
].join('\t');

/** A TAXREF text file with the given rows (cells in TAXREF_HEADER order, the last one padding). */
const taxref = (rows: string[][], padding = 0) =>
  [TAXREF_HEADER, ...rows.map((row) => [...row, 'x'.repeat(padding)].join('\t'))].join('\n') + '\n';

const LEPIDOPTERA = ['Animalia', 'Insecta', 'Lepidoptera'];
const GOOD_ROWS = [
  [
    '9900001',
    '9900001',
    'ES',
    'Zygaena citizenia',
    'Test, 2026',
    ...LEPIDOPTERA,
    'Zygaenidae',
    'Zygène des tests',
    'Test burnet',
  ],
  [
    '9900002',
    '9900002',
    'ES',
    'Zygaena probata',
    'Test, 2026',
    ...LEPIDOPTERA,
    'Zygaenidae',
    'Zygène éprouvée',
    'Proven burnet',
  ],
  [
    '9900003',
    '9900001',
    'ES',
    'Zygaena citizena',
    'Test, 2025',
    ...LEPIDOPTERA,
    'Zygaenidae',
    '',
    '',
  ],
];
/** A good row, then one without its accepted name's id: the whole file is refused. */
const BAD_ROWS = [
  [
    '9900010',
    '9900010',
    'ES',
    'Zygaena refusata',
    'Test, 2026',
    ...LEPIDOPTERA,
    'Zygaenidae',
    'Zygène refusée',
    'Refused burnet',
  ],
  ['9900011', '', 'ES', 'Zygaena orphana', 'Test, 2026', ...LEPIDOPTERA, 'Zygaenidae', '', ''],
];

/** Two neighbourhoods, with the properties an outside data set might use. */
const square = (lon: number, lat: number, properties: object) => ({
  type: 'Feature',
  properties,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lon - 0.01, lat - 0.01],
        [lon + 0.01, lat - 0.01],
        [lon + 0.01, lat + 0.01],
        [lon - 0.01, lat + 0.01],
        [lon - 0.01, lat - 0.01],
      ],
    ],
  },
});
const AREAS = {
  type: 'FeatureCollection',
  features: [
    square(4.85, 45.77, { ref: 'Q-1', label: 'Quartier des Brotteaux', population: 12000 }),
    square(4.83, 45.76, { ref: 'Q-2', label: 'Quartier Saint-Jean', population: 4000 }),
  ],
};

/** What an administrator does with the catalogue: species lists, taxonomy, areas, badges. */
describe('the back office catalogue', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-admin-catalogue-'));
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let token: string;
  let listId: number;
  const violations: string[] = [];
  const get = <T>(apiPath: string) => api<T>(platform.url, 'GET', apiPath, { token });

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      // Loading the demo into the embedded database is slow on a busy machine.
      startPlatform({ DATA_DIR: dataDir, BADGES_ENABLED: 'true' }, 240_000),
      launchBrowser(),
    ]);
    const admin = adminCredentials(platform);
    token = await apiToken(platform.url, admin.login, admin.password);
    context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    page = await context.newPage();
    errors = collectErrors(page);

    await goto(page, `${platform.url}/en/login?redirect=/en/admin/species-lists`);
    await page.getByLabel('E-mail address or username').fill(admin.login);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/en/admin/species-lists');
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a species list, adds two taxa by search and gives one a picture', async () => {
    const created = page.getByRole('region', { name: 'New list' });
    await created.getByLabel('Name').fill('Garden thrushes');
    await created.getByLabel('Description').fill('Thrushes seen in gardens');
    await created.getByRole('button', { name: 'Create the list' }).click();
    await page.waitForURL(/\/en\/admin\/species-lists\/\d+$/);
    listId = Number(page.url().split('/').pop());
    await page.getByRole('heading', { level: 1, name: 'Garden thrushes' }).waitFor();

    const search = page.getByRole('combobox', { name: 'Search the taxonomy' });
    for (const [typed, name] of [
      ['blackb', 'Common Blackbird'],
      ['song thr', 'Song Thrush'],
    ] as const) {
      await search.fill(typed);
      await page.getByRole('option', { name: new RegExp(name) }).click();
      await page.getByRole('button', { name: 'Add to the list' }).click();
      await page.getByText(`${name} was added to the list.`).waitFor();
    }
    await page.getByRole('rowheader', { name: /Song Thrush/ }).waitFor();

    const photo = await jpegWithGps({ width: 800, height: 600 });
    await page
      .getByLabel('Upload a picture of Common Blackbird')
      .setInputFiles({ name: 'blackbird.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByText('The picture of Common Blackbird is saved.').waitFor();
    const picture = page.getByRole('img', { name: 'Picture of Common Blackbird' });
    await picture.waitFor();
    expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await screenshot(page, 'admin-species-list-desktop');

    const list = await get<SpeciesListDetail>(`/api/admin/species-lists/${listId}?lang=en`);
    expect(list).toMatchObject({
      name: 'Garden thrushes',
      description: 'Thrushes seen in gardens',
    });
    expect(list.taxa.map((t) => [t.cdNom, t.vernacularName])).toEqual([
      [4117, 'Common Blackbird'],
      [4129, 'Song Thrush'],
    ]);
    expect(list.taxa[0]!.pictureMediaId).toMatch(/^[0-9a-f-]{36}$/);
    expect(list.taxa[1]!.pictureMediaId).toBeNull();
    const thumb = await fetch(`${platform.url}${list.taxa[0]!.thumbnailUrl}`);
    expect(thumb.status).toBe(200);

    violations.push(
      ...(await checkAtBothWidths(page, 'admin-species-list', () =>
        goto(page, `${platform.url}/en/admin/species-lists/${listId}`),
      )),
    );
  });

  it('explains why a list that programmes use cannot be deleted', async () => {
    const lists = await get<SpeciesLists>('/api/admin/species-lists');
    const demo = lists.items.find((l) => l.name === 'Demo species')!;
    expect(demo.programCount).toBeGreaterThan(0);
    await goto(page, `${platform.url}/en/admin/species-lists/${demo.id}`);
    await page.getByText(/programmes use this list: give them another list/).waitFor();
    await page.getByRole('button', { name: 'Delete the list' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete the list' }).click();
    await page
      .getByText(/The species list "Demo species" is used by the programme\(s\) \S/)
      .waitFor();
    expect((await get<SpeciesLists>('/api/admin/species-lists')).items).toHaveLength(2);

    violations.push(
      ...(await checkAtBothWidths(page, 'admin-species-lists', () =>
        goto(page, `${platform.url}/en/admin/species-lists`),
      )),
    );
  });

  it('imports a TAXREF file with progress and a report; a file with a bad line changes nothing', async () => {
    await goto(page, `${platform.url}/en/admin/taxonomy`);
    await page.getByText('At most 2 GB.', { exact: false }).waitFor();

    // A slow connection, so that the upload's progress shows.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 150_000,
    });
    await page.getByLabel('TAXREF file').setInputFiles({
      name: 'TAXREFv18.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(taxref(GOOD_ROWS, 150_000)),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('progressbar', { name: 'Sending TAXREFv18.txt' }).waitFor();
    await page.getByText(/% sent/).waitFor();
    await screenshot(page, 'admin-taxonomy-progress-desktop');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await page.getByRole('heading', { name: 'Import done' }).waitFor({ timeout: 60_000 });
    const counts = page.locator('.counts');
    await expect(counts.getByText('Added').locator('..').locator('dd').textContent()).resolves.toBe(
      '3',
    );
    const imported = await get<TaxonDetail>('/api/taxa/9900001?lang=en');
    expect(imported).toMatchObject({
      scientificName: 'Zygaena citizenia',
      vernacularName: 'Test burnet',
      taxrefVersion: '18.0',
      classification: { family: 'Zygaenidae' },
    });
    expect(imported.synonyms.map((s) => s.cdNom)).toEqual([9900003]);

    await page.getByLabel('TAXREF file').setInputFiles({
      name: 'TAXREFv18.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(taxref(BAD_ROWS)),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'The file was refused' }).waitFor();
    await page.getByText('It has 1 bad line; nothing was imported.', { exact: false }).waitFor();
    const row = page.getByRole('row', { name: /CD_REF .* is not a positive integer/ });
    await expect(row.getByRole('cell').first().textContent()).resolves.toBe('3');
    await screenshot(page, 'admin-taxonomy-rejected-desktop');
    const search = await get<TaxonList>('/api/taxa/search?q=refused%20burnet&lang=en');
    expect(search.items.map((t) => t.cdNom)).not.toContain(9900010);
    await expect(fetch(`${platform.url}/api/taxa/9900010`).then((r) => r.status)).resolves.toBe(
      404,
    );

    violations.push(
      ...(await checkAtBothWidths(page, 'admin-taxonomy', () =>
        goto(page, `${platform.url}/en/admin/taxonomy`),
      )),
    );
  });

  it('imports areas from a GeoJSON file, choosing the properties of their codes and names', async () => {
    await goto(page, `${platform.url}/en/admin/areas`);
    await page.getByText('No area has been imported yet.').waitFor();
    await page.getByLabel('Kind', { exact: true }).fill('neighbourhood');
    await page.getByLabel('GeoJSON file').setInputFiles({
      name: 'neighbourhoods.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(AREAS)),
    });
    await page.getByText('The file has 2 features.', { exact: false }).waitFor();
    await page.getByLabel('Property holding the code').selectOption('ref');
    await page.getByLabel('Property holding the name').selectOption('label');
    await page.getByRole('button', { name: 'Import the areas' }).click();
    await page.getByText('neighbourhood: 2 added, 0 updated.').waitFor();
    await page.getByRole('row', { name: /neighbourhood 2/ }).waitFor();
    await screenshot(page, 'admin-areas-desktop');

    const areas = await api<{ items: { code: string; name: string }[] }>(
      platform.url,
      'GET',
      '/api/areas?kind=neighbourhood',
    );
    expect(areas.items.map((a) => [a.code, a.name]).sort()).toEqual([
      ['Q-1', 'Quartier des Brotteaux'],
      ['Q-2', 'Quartier Saint-Jean'],
    ]);

    violations.push(
      ...(await checkAtBothWidths(page, 'admin-areas', () =>
        goto(page, `${platform.url}/en/admin/areas`),
      )),
    );
  });

  it('creates a taxonomic badge rule and recomputes every badge', async () => {
    await goto(page, `${platform.url}/en/admin/badges`);
    await page.getByText('Badges are on.', { exact: false }).waitFor();
    await page.getByLabel('Kind of rule').selectOption('taxon_species');
    await page.getByLabel('Threshold').fill('2');
    await page.getByLabel('Level').fill('2');
    await page.getByLabel('Rank').selectOption('family');
    await page.getByLabel('Name of the group').fill('Turdidae');
    const names = page.getByRole('group', { name: 'Name of the badge' });
    await names.getByLabel('English').fill('Thrush expert');
    await names.getByLabel('Français').fill('Expert des grives');
    await page.getByLabel('Upload a picture (JPEG, PNG, WebP or AVIF)').setInputFiles({
      name: 'thrush-badge.jpg',
      mimeType: 'image/jpeg',
      buffer: await jpegWithGps({ width: 300, height: 300 }),
    });
    await page.getByRole('button', { name: 'Create the rule' }).click();
    await page.getByText('The badge “Thrush expert” is created.').waitFor();
    await page.getByRole('rowheader', { name: 'Thrush expert' }).waitFor();
    await page.getByText('2 species of the family Turdidae').waitFor();

    await page.getByRole('button', { name: 'Recompute all' }).click();
    await page.getByText('Badges held').waitFor();
    await screenshot(page, 'admin-badges-desktop');

    const rules = await get<AdminBadgeRules>('/api/admin/badges/rules');
    expect(rules.enabled).toBe(true);
    expect(rules.items).toEqual([
      expect.objectContaining({
        kind: 'taxon_species',
        taxonRank: 'family',
        taxonName: 'Turdidae',
        threshold: 2,
        level: 2,
        programId: null,
        name: { en: 'Thrush expert', fr: 'Expert des grives' },
        active: true,
      }),
    ]);
    const picture = rules.items[0]!.pictureUrl!;
    expect(picture).toBe(`/api/media/${rules.items[0]!.pictureMediaId}/display`);
    expect((await fetch(`${platform.url}${picture}`)).status).toBe(200);

    violations.push(
      ...(await checkAtBothWidths(page, 'admin-badges', () =>
        goto(page, `${platform.url}/en/admin/badges`),
      )),
    );
  });

  it('shows no error and no accessibility violation on the way', () => {
    // Chromium logs every answer that is not a success; these two were the point of their tests.
    const expected = [
      /status of 409 .*\/api\/admin\/species-lists\/\d+\)$/,
      /status of 422 .*\/api\/admin\/taxonomy\/import\)$/,
    ];
    const refused = errors.filter((e) => expected.some((pattern) => pattern.test(e)));
    expect(refused).toHaveLength(2);
    expect(errors.filter((e) => !refused.includes(e))).toEqual([]);
    expect(violations).toEqual([]);
  });
});
