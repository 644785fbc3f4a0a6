import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminProgram, AuthSession, ObservationDetail } from '@citizen/shared';
import { startSmtpSink, type SmtpSink } from '../apps/api/test/smtp-sink.js';
import {
  createProgrammeByDrawing,
  dragAreaCorner,
  formPreview,
  publishProgramme,
  recordObservation,
  type LonLat,
} from './admin-steps.js';
import { adminProgramsEn } from '../apps/web/src/lib/i18n/messages/admin-programs.en.js';
import { adminProgramsFr } from '../apps/web/src/lib/i18n/messages/admin-programs.fr.js';
import { en as commonEn } from '../apps/web/src/lib/i18n/messages/en.js';
import { fr as commonFr } from '../apps/web/src/lib/i18n/messages/fr.js';
import { launchBrowser, screenshot } from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';
import {
  DESKTOP,
  accessibilityViolations,
  adminCredentials,
  api,
  apiToken,
  checkAtBothWidths,
  collectErrors,
  logIn,
  waitForMaps,
  goto,
} from './web.js';

const en = { ...commonEn, ...adminProgramsEn };
const fr = { ...commonFr, ...adminProgramsFr };

/** The programme's area: a quadrilateral in the middle of the map, as fractions of its box. */
const CORNERS: [number, number][] = [
  [0.35, 0.3],
  [0.65, 0.32],
  [0.62, 0.7],
  [0.38, 0.66],
];

/**
 * An administrator builds a programme in the back office; an observer takes part in it; a
 * validator re-identifies the observation, and the observer learns it on the site and by mail.
 */
describe('the back office’s programme editor', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-admin-programs-'));
  let platform: RunningPlatform;
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page; errors: string[] };
  let adminToken: string;
  let programmeId: number;
  let drawn: LonLat[];
  let sink: SmtpSink;
  let observation: string;
  let observer: { page: Page; errors: string[] };
  const comment = 'The speckled breast says song thrush, not blackbird.';

  beforeAll(async () => {
    sink = await startSmtpSink();
    [platform, browser] = await Promise.all([
      startPlatform(
        {
          DATA_DIR: dataDir,
          SMTP_URL: sink.url,
          REQUIRE_EMAIL_CONFIRMATION: 'false',
          BADGES_ENABLED: 'true',
        },
        // The first start loads the demo: slow on a busy machine.
        170_000,
      ),
      launchBrowser(),
    ]);
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    const page = await context.newPage();
    admin = { context, page, errors: collectErrors(page) };
    const credentials = adminCredentials(platform);
    adminToken = await apiToken(platform.url, credentials.login, credentials.password);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await sink?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a programme by drawing its area and building a two-field form, then publishes it', async () => {
    const { page, errors } = admin;
    const credentials = adminCredentials(platform);
    await logIn(page, platform.url, credentials.login, credentials.password);

    const created = await createProgrammeByDrawing(page, platform.url, {
      title: 'Hedgehogs of the valley',
      shortDescription: 'Where do hedgehogs nest?',
      speciesList: 'Demo species (78 species)',
      registrationRequired: true,
      corners: CORNERS,
      fields: [
        { kind: 'Choice', title: 'Behaviour', options: ['Feeding', 'Nesting'], required: true },
        { kind: 'Number', title: 'Nest height (m)', minimum: 0, maximum: 30 },
      ],
    }).catch(async (error: unknown) => {
      await screenshot(page, 'admin-programme-new-failed');
      throw error;
    });
    programmeId = created.id;
    drawn = created.corners;

    // Created unpublished, on its own editor page; the public cannot see it yet.
    await page.getByText('Not published').first().waitFor();
    expect((await fetch(`${platform.url}/api/programs/${programmeId}`)).status).toBe(404);

    // The live preview renders both fields as observers get them.
    const preview = formPreview(page);
    await preview.getByRole('radio', { name: 'Feeding' }).waitFor();
    await expect(preview.getByRole('radio').count()).resolves.toBe(2);
    await expect(
      preview.getByRole('spinbutton', { name: 'Nest height (m)' }).getAttribute('max'),
    ).resolves.toBe('30');
    await screenshot(page, 'admin-programme-editor-desktop');

    await publishProgramme(page);
    const saved = await api<AdminProgram>(
      platform.url,
      'GET',
      `/api/admin/programs/${programmeId}`,
      {
        token: adminToken,
      },
    );
    expect(saved).toMatchObject({
      title: 'Hedgehogs of the valley',
      slug: 'hedgehogs-of-the-valley',
      isActive: true,
      registrationRequired: true,
      speciesListId: expect.any(Number),
    });

    // The area is what was drawn: one polygon through the clicked corners (within a few pixels).
    expect(saved.area.type).toBe('MultiPolygon');
    const polygons = saved.area.coordinates as number[][][][];
    expect(polygons).toHaveLength(1);
    const ring = polygons[0]![0]!;
    expect(ring).toHaveLength(CORNERS.length + 1);
    const [west, south, east, north] = saved.bbox;
    const lons = drawn.map(([lon]) => lon);
    const lats = drawn.map(([, lat]) => lat);
    const tolerance = (east - west) / 50;
    expect(Math.abs(west - Math.min(...lons))).toBeLessThan(tolerance);
    expect(Math.abs(east - Math.max(...lons))).toBeLessThan(tolerance);
    expect(Math.abs(south - Math.min(...lats))).toBeLessThan(tolerance);
    expect(Math.abs(north - Math.max(...lats))).toBeLessThan(tolerance);
    for (const corner of drawn) {
      const nearest = Math.min(
        ...ring.map(([lon, lat]) => Math.hypot(lon! - corner[0], lat! - corner[1])),
      );
      expect(nearest).toBeLessThan(tolerance);
    }

    // The form as stored: a choice and a number, in the order built.
    expect(saved.form?.jsonSchema).toMatchObject({
      required: ['behaviour'],
      properties: {
        behaviour: {
          type: 'string',
          enum: ['feeding', 'nesting'],
          enumNames: ['Feeding', 'Nesting'],
        },
        nestHeightM: { type: 'number', minimum: 0, maximum: 30, title: 'Nest height (m)' },
      },
    });
    expect(saved.form?.uiSchema?.['ui:order']).toEqual(['behaviour', 'nestHeightM']);

    // Its part in badges.
    await page.getByLabel('Observations and visits of this programme count towards badges').check();
    await page.getByRole('button', { name: 'Save the badge settings' }).click();
    await page.getByText('Badge settings saved.').waitFor();
    await expect(
      api(platform.url, 'GET', `/api/admin/programs/${programmeId}/badge-settings`, {
        token: adminToken,
      }),
    ).resolves.toEqual({ badgesEnabled: true, leaderboardEnabled: false });

    // Listed with its status.
    await goto(page, `${platform.url}/en/admin/programs`);
    const row = page.getByRole('row', { name: /Hedgehogs of the valley/ });
    await expect(row.getByText('Published').count()).resolves.toBe(1);
    expect(errors).toEqual([]);
  });

  it('shows the two fields to an observer, who records an observation inside the drawn area', async () => {
    await api(platform.url, 'POST', '/api/auth/register', {
      body: {
        username: 'hedgehog-fan',
        email: 'hedgehog-fan@example.org',
        password: 'a-long-and-spiky-secret',
        acceptTerms: true,
        locale: 'en',
      },
    });
    const session = await api<AuthSession>(platform.url, 'POST', '/api/auth/login', {
      body: { login: 'hedgehog-fan', password: 'a-long-and-spiky-secret' },
    });
    // The observer wants to hear about their observations.
    await api(platform.url, 'PATCH', '/api/auth/me', {
      token: session.accessToken!,
      body: { notifications: true },
    });
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    observer = { page, errors };
    await logIn(page, platform.url, 'hedgehog-fan', 'a-long-and-spiky-secret');

    await goto(page, `${platform.url}/en/programs/${programmeId}`);
    await page.getByRole('heading', { name: 'Hedgehogs of the valley', level: 1 }).waitFor();

    // The middle of the drawn quadrilateral.
    const inside: LonLat = [
      drawn.reduce((sum, [lon]) => sum + lon, 0) / drawn.length,
      drawn.reduce((sum, [, lat]) => sum + lat, 0) / drawn.length,
    ];
    const id = await recordObservation(page, platform.url, programmeId, {
      species: { search: 'blackb', name: /Chosen: Common Blackbird/ },
      option: /Common Blackbird/,
      point: inside,
      answer: async (form) => {
        await form.getByRole('group', { name: 'Behaviour' }).waitFor();
        await form.getByLabel('Nest height (m)').waitFor();
        await form.getByRole('radio', { name: 'Nesting' }).check();
        await form.getByLabel('Nest height (m)').fill('1.5');
      },
    }).catch(async (error: unknown) => {
      await screenshot(page, 'admin-programme-observe-failed');
      throw error;
    });

    const saved = await api<ObservationDetail>(
      platform.url,
      'GET',
      `/api/observations/${id}?lang=en`,
    );
    expect(saved.customData).toEqual({ behaviour: 'nesting', nestHeightM: 1.5 });
    expect(saved.location.coordinates[0]).toBeCloseTo(inside[0], 4);
    expect(saved.location.coordinates[1]).toBeCloseTo(inside[1], 4);
    expect(errors).toEqual([]);
    observation = id;
  });

  it('is re-identified by a validator; the observer sees the new status, and gets the mail', async () => {
    const password = 'an-expert-and-patient-eye';
    await api(platform.url, 'POST', '/api/auth/register', {
      body: { username: 'vera', email: 'vera@example.org', password, acceptTerms: true },
    });
    const expert = await api<AuthSession>(platform.url, 'POST', '/api/auth/login', {
      body: { login: 'vera', password },
    });
    await api(platform.url, 'PATCH', `/api/admin/users/${expert.user.id}`, {
      token: adminToken,
      body: { role: 'validator' },
    });

    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await logIn(page, platform.url, 'vera', password);
    await goto(page, `${platform.url}/en/validation?program=${programmeId}`);
    await page.getByRole('link', { name: 'Common Blackbird' }).click();
    await page.waitForURL((url) => url.pathname === `/en/validation/${observation}`);
    await page.getByLabel('Re-identify: it is another species').check();
    await page.getByRole('combobox', { name: 'The right species' }).fill('song thr');
    await page.getByRole('option', { name: /Song Thrush/ }).click();
    await page.getByLabel('Probable').check();
    await page.getByLabel('Comment for the observer').fill(comment);
    await page.getByRole('button', { name: 'Save the judgement' }).click();
    await page.getByText('Saved: re-identified as Song Thrush, Probable.').waitFor();
    expect(errors).toEqual([]);
    await context.close();

    // The observer's dashboard shows the new identification, its status and the comment.
    await observer.page.goto(`${platform.url}/en/dashboard`);
    const item = observer.page.locator('.observations li', { hasText: 'Song Thrush' });
    await item.getByText('Probable').waitFor();
    await item.getByText(comment, { exact: false }).waitFor();
    expect(observer.errors).toEqual([]);

    const mail = () =>
      sink.received.find(
        (m) => m.to.includes('hedgehog-fan@example.org') && m.text.includes('Turdus philomelos'),
      );
    await expect.poll(mail).toBeDefined();
    expect(mail()?.text).toContain(comment);
    expect(mail()?.text).toContain(`/en/observations/${observation}`);
  });

  it('edits the area and the form of a saved programme, and shows JSON errors clearly', async () => {
    const { page, errors } = admin;
    await goto(page, `${platform.url}/en/admin/programs/${programmeId}`);
    await waitForMaps(page);
    // The raw editor: invalid JSON is said, and nothing is lost.
    await page.getByRole('tab', { name: 'JSON Schema' }).click();
    const schema = page.getByRole('textbox', { name: 'JSON Schema' });
    const text = await schema.inputValue();
    await schema.fill('{ "type": "object", ');
    await page.getByText(/This is not valid JSON/).waitFor();
    await formPreview(page).getByRole('radio', { name: 'Feeding' }).waitFor();
    await schema.fill(text.replace('"Nest height (m)"', '"Height of the nest (m)"'));
    await formPreview(page).getByLabel('Height of the nest (m)').waitFor();
    await page.getByRole('tab', { name: 'Fields' }).click();
    await expect(
      page
        .getByRole('group', { name: /^Field 2:/ })
        .getByLabel('Question')
        .inputValue(),
    ).resolves.toBe('Height of the nest (m)');

    // The area: its first corner dragged inwards (the map fits the area: outwards is off the map).
    const inside: LonLat = [
      drawn.reduce((sum, [lon]) => sum + lon, 0) / drawn.length,
      drawn.reduce((sum, [, lat]) => sum + lat, 0) / drawn.length,
    ];
    const moved = await dragAreaCorner(page, { inside, corner: drawn[0]!, dx: 20, dy: 40 });
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    const saved = await api<AdminProgram>(
      platform.url,
      'GET',
      `/api/admin/programs/${programmeId}`,
      {
        token: adminToken,
      },
    );
    expect(saved.form?.jsonSchema).toMatchObject({
      properties: { nestHeightM: { title: 'Height of the nest (m)' } },
    });
    const ring = (saved.area.coordinates as number[][][][])[0]![0]!;
    expect(ring).toHaveLength(5);
    const nearest = (point: LonLat) =>
      Math.min(...ring.map(([lon, lat]) => Math.hypot(lon! - point[0], lat! - point[1])));
    const extent = saved.bbox[2] - saved.bbox[0];
    expect(nearest(moved)).toBeLessThan(extent / 50);
    expect(nearest(drawn[0]!)).toBeGreaterThan(extent / 20);
    expect(nearest(drawn[1]!)).toBeLessThan(extent / 50);
    expect(errors).toEqual([]);
  });

  it('speaks French on the area map after a switch from English, and keeps the area', async () => {
    const { page, errors } = admin;
    await goto(page, `${platform.url}/en/admin/programs/${programmeId}`);
    await waitForMaps(page);
    const drawer = page.locator('.drawer-map');
    const controls = async () =>
      drawer
        .locator('.maplibregl-ctrl button')
        .evaluateAll((buttons) =>
          buttons.map((b) => b.getAttribute('aria-label') ?? b.getAttribute('title')),
        );
    const expected = (messages: typeof en | typeof fr) =>
      expect.arrayContaining([
        messages['map.ctrl.zoomIn'],
        messages['map.ctrl.zoomOut'],
        messages['map.baseLayers'],
      ]);
    expect(await controls()).toEqual(expected(en));
    await expect(drawer.getAttribute('data-shapes')).resolves.toBe('1');

    await page.locator('a[hreflang="fr"]').first().click();
    // A client-side navigation: the editor stays, its texts change.
    await page.waitForURL(`**/fr/admin/programs/${programmeId}`);
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await waitForMaps(page);
    await expect.poll(controls).toEqual(expected(fr));
    expect(await controls()).not.toContain(en['map.ctrl.zoomIn']);
    // The area is still there, and still editable, in French.
    await expect(drawer.getAttribute('data-shapes')).resolves.toBe('1');
    await page
      .getByRole('toolbar', { name: String(fr['adminPrograms.area.tools']) })
      .getByRole('button', { name: String(fr['adminPrograms.area.edit']) })
      .waitFor();
    await expect(
      page.getByRole('button', { name: String(fr['adminPrograms.area.edit']) }).isEnabled(),
    ).resolves.toBe(true);
    await screenshot(page, 'admin-program-area-switched-fr');
    expect(errors).toEqual([]);
  });

  it('passes axe-core on the back office’s programme pages, at phone and desktop widths', async () => {
    const { page } = admin;
    const violations: string[] = [];
    for (const [name, pagePath] of [
      ['admin-programs', '/en/admin/programs'],
      ['admin-program-new', '/en/admin/programs/new'],
      ['admin-program-edit', `/en/admin/programs/${programmeId}`],
      ['admin-program-sites', `/en/admin/programs/${programmeId}/sites`],
    ] as const) {
      violations.push(
        ...(await checkAtBothWidths(page, name, () => goto(page, platform.url + pagePath))),
      );
    }
    // The JSON tab, and the site types' builders with steps.
    await page.setViewportSize(DESKTOP);
    await goto(page, `${platform.url}/en/admin/programs/${programmeId}/sites`);
    await page.getByRole('button', { name: 'Add a site type' }).click();
    await page.getByLabel('Split the form into steps').first().check();
    violations.push(...(await accessibilityViolations(page)));
    expect(violations).toEqual([]);
    expect(admin.errors).toEqual([]);
  });
});
