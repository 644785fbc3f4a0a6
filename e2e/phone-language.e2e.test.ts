import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS, type ObservationDetail, type SavedObservation } from '@citizen/shared';
import { de } from '../apps/web/src/lib/i18n/messages/de.js';
import { en } from '../apps/web/src/lib/i18n/messages/en.js';
import { fr } from '../apps/web/src/lib/i18n/messages/fr.js';
import { launchBrowser, screenshot } from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';
import {
  accessibilityViolations,
  adminCredentials,
  api,
  apiToken,
  collectErrors,
  waitForMaps,
} from './web.js';

const CATALOGUES = { fr, en, de } as const;
type Lang = keyof typeof CATALOGUES;
type Key = keyof typeof en;
const text = (lang: Lang, key: Key, params: Record<string, string> = {}) => {
  const message = CATALOGUES[lang][key];
  const template = typeof message === 'string' ? message : String(Object.values(message)[0]);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
};

const WIDTHS = [
  ['phone', { width: 360, height: 740 }],
  ['desktop', { width: 1280, height: 800 }],
] as const;

/**
 * English that used to reach French and German pages: the browser's own form messages, SvelteKit's
 * and HTTP's words, and every English text of the API's error codes (their longest literal part).
 */
const ENGLISH = [
  'Please fill',
  'Please select',
  'Please enter',
  'Value must be',
  'Internal Error',
  'Not Found',
  'Bad Request',
  'Something went wrong',
  ...Object.values(ERRORS)
    .map(
      ({ en: message }) =>
        message
          .split(/\{\w+\}/)
          .map((part) => part.trim())
          .sort((a, b) => b.length - a.length)[0]!,
    )
    .filter((part) => part.length >= 14),
];

/** A required choice on the Chartreuse programme: the error summary must list it once. */
const FORM = {
  jsonSchema: {
    type: 'object',
    title: 'Comportement',
    required: ['behaviour'],
    properties: {
      behaviour: {
        type: 'string',
        title: 'Comportement',
        enum: ['feeding', 'flying', 'singing'],
        enumNames: ['Se nourrit', 'Vole', 'Chante'],
      },
    },
  },
};
const CHARTREUSE = 2;

/** Issue 13: the page's language everywhere, the phone's frictions, a demo with photos. */
describe('languages, phones and the demo', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-phone-language-'));
  let platform: RunningPlatform;
  let browser: Browser;
  let token: string;
  const violations: string[] = [];
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform({ DATA_DIR: dataDir }),
      launchBrowser(),
    ]);
    const admin = adminCredentials(platform);
    token = await apiToken(platform.url, admin.login, admin.password);
    await api(platform.url, 'PATCH', `/api/admin/programs/${CHARTREUSE}`, {
      token,
      body: { form: FORM },
    });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A page in an English-speaking browser (the worst case for a French page). */
  async function openPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    const found = collectErrors(page);
    // Refused requests are the subject here: the browser logs their status, nothing else may.
    page.on('close', () =>
      errors.push(...found.filter((e) => !/status of (400|401|404|409|422)/.test(e))),
    );
    return page;
  }

  async function check(page: Page, name: string) {
    await waitForMaps(page);
    await screenshot(page, `phone-language-${name}`);
    violations.push(...(await accessibilityViolations(page)).map((v) => `${name}: ${v}`));
  }

  async function noEnglish(page: Page, where: string) {
    const shown = await page.locator('main').innerText();
    const leaks = ENGLISH.filter((english) => shown.includes(english));
    expect(leaks, `${where}: ${shown}`).toEqual([]);
  }

  describe.each(['fr', 'de'] as const)('no English on a %s page', (lang) => {
    it.each(WIDTHS)('when things go wrong (%s)', async (width, viewport) => {
      const page = await openPage(viewport);
      const name = (what: string) => `${lang}-${what}-${width}`;

      // A confirmation link already used, or made up.
      await page.goto(`${platform.url}/${lang}/confirm?token=already-used-or-made-up`);
      await page.locator('.notice.error').waitFor();
      await noEnglish(page, 'confirmation link');
      await check(page, name('confirm'));

      // A password reset link that is no good.
      await page.goto(`${platform.url}/${lang}/reset-password?token=made-up`);
      await page.locator('input[type=password]').first().waitFor();
      for (const field of await page.locator('input[type=password]').all()) {
        await field.fill('a-long-enough-new-password');
      }
      await page.locator('main form button[type=submit]').click();
      await page.locator('[role=alert]').first().waitFor();
      await noEnglish(page, 'reset link');

      // A wrong password.
      await page.goto(`${platform.url}/${lang}/login`);
      await page.getByLabel(text(lang, 'login.login')).fill('admin');
      await page.getByLabel(text(lang, 'login.password')).fill('not the password');
      await page.getByRole('button', { name: text(lang, 'login.submit') }).click();
      await page.locator('[role=alert]').first().waitFor();
      await noEnglish(page, 'login');

      // A page that does not exist, and one whose address the API refuses.
      for (const address of ['programs/99999', 'programs/99999999999', 'sites/99999']) {
        await page.goto(`${platform.url}/${lang}/${address}`);
        await page.locator('main h1').waitFor();
        await noEnglish(page, address);
      }
      await check(page, name('not-found'));

      // A form with a required choice sent empty: each problem once, in the page's language.
      await page.goto(`${platform.url}/${lang}/programs/${CHARTREUSE}/observe`);
      await waitForMaps(page);
      await page.getByRole('button', { name: text(lang, 'form.submit') }).click();
      const summary = page.locator('[role=alert]').first();
      await summary.waitFor();
      const items = await summary.locator('li').allInnerTexts();
      expect(items.length).toBeGreaterThan(0);
      expect(new Set(items).size, items.join(' | ')).toBe(items.length);
      const choice = items.filter((item) => item.includes('Comportement'));
      expect(choice).toHaveLength(1);
      expect(choice[0]).toContain(text(lang, 'error.field.required'));
      await noEnglish(page, 'observation form');
      await check(page, name('observe-problems'));
      await page.close();
    });
  });

  describe.each(['fr', 'en'] as const)('on a phone and a desktop, in %s', (lang) => {
    it.each(WIDTHS)(
      'places a point: the map near the top, a first tap zooms in (%s)',
      async (width, viewport) => {
        // Before its script runs, the form cannot be sent (it would reload the page empty).
        const served = await fetch(`${platform.url}/${lang}/programs/${CHARTREUSE}/observe`);
        expect(await served.text()).toMatch(/<button[^>]*type="submit"[^>]*disabled/);

        const page = await openPage(viewport);
        await page.goto(`${platform.url}/${lang}/programs/${CHARTREUSE}/observe`);
        await waitForMaps(page);
        await expect(
          page.getByRole('button', { name: text(lang, 'form.submit') }).isEnabled(),
        ).resolves.toBe(true);
        const map = page.locator('.picker-map');
        const box = (await map.boundingBox())!;
        // The map starts within the first screen, above the species and date.
        expect(box.y).toBeLessThan(viewport.height * 0.75);
        const species = (await page.getByRole('combobox').first().boundingBox())!;
        expect(box.y).toBeLessThan(species.y);

        // The programme fits a whole massif: too far out to be precise. The tap zooms in.
        const latitude = page.getByLabel(text(lang, 'location.latitude'));
        await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
        await page.getByText(text(lang, 'location.zoomIn')).waitFor();
        expect(await latitude.inputValue()).toBe('');
        await page.waitForFunction(
          () => document.querySelector('.picker-map')?.getAttribute('data-map-state') === 'idle',
        );
        await waitForMaps(page);
        await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
        await page.getByText(text(lang, 'location.placed.map')).waitFor();
        expect(await latitude.inputValue()).not.toBe('');
        await check(page, `${lang}-observe-placed-${width}`);
        await page.close();
      },
    );
  });

  it.each(WIDTHS)(
    'keeps an unknown location precision unknown when an observation is edited (%s)',
    async (width, viewport) => {
      const saved = await api<SavedObservation>(platform.url, 'POST', '/api/observations', {
        token,
        body: {
          programId: 1,
          cdNom: 4117,
          observedOn: '2026-05-14',
          count: 1,
          location: { type: 'Point', coordinates: [4.853, 45.778] },
          coordinateUncertaintyM: null,
        },
      });
      expect(saved.coordinateUncertaintyM).toBeNull();
      const page = await openPage(viewport);
      const admin = adminCredentials(platform);
      await page.goto(`${platform.url}/fr/login`);
      await page.getByLabel(text('fr', 'login.login')).fill(admin.login);
      await page.getByLabel(text('fr', 'login.password')).fill(admin.password);
      await page.getByRole('button', { name: text('fr', 'login.submit') }).click();
      await page.waitForURL('**/fr/dashboard');
      await page.goto(`${platform.url}/fr/observations/${saved.id}/edit`);
      await waitForMaps(page);
      await page.getByLabel(text('fr', 'form.count')).fill('4');
      await page.getByRole('button', { name: text('fr', 'form.saveChanges') }).click();
      await page.waitForURL(`**/fr/observations/${saved.id}`);
      const edited = await api<ObservationDetail>(
        platform.url,
        'GET',
        `/api/observations/${saved.id}`,
        { token },
      );
      expect(edited).toMatchObject({ count: 4, coordinateUncertaintyM: null });
      await expect(page.getByText('± 0 m').count()).resolves.toBe(0);
      await check(page, `fr-observation-edited-${width}`);
      await page.close();
    },
  );

  describe.each(['fr', 'en'] as const)('the demo shows photos, in %s', (lang) => {
    it.each(WIDTHS)('in the gallery and the validation queue (%s)', async (width, viewport) => {
      const page = await openPage(viewport);
      await page.goto(`${platform.url}/${lang}/programs/1`);
      await waitForMaps(page);
      // Until the page is hydrated a click on the tab does nothing: click until it is pressed.
      const tab = page.getByRole('button', { name: text(lang, 'program.view.photos') });
      await expect
        .poll(async () => {
          await tab.click();
          return tab.getAttribute('aria-pressed');
        })
        .toBe('true');
      const thumbs = page.locator('.gallery li img');
      await thumbs.first().waitFor();
      expect(await thumbs.count()).toBeGreaterThan(10);
      await page.waitForFunction(() =>
        [...document.querySelectorAll<HTMLImageElement>('.gallery li img')]
          .slice(0, 4)
          .every((img) => img.complete && img.naturalWidth > 0),
      );
      await check(page, `${lang}-gallery-${width}`);

      const admin = adminCredentials(platform);
      await page.goto(`${platform.url}/${lang}/login`);
      await page.getByLabel(text(lang, 'login.login')).fill(admin.login);
      await page.getByLabel(text(lang, 'login.password')).fill(admin.password);
      await page.getByRole('button', { name: text(lang, 'login.submit') }).click();
      await page.waitForURL(`**/${lang}/dashboard`);
      await page.goto(`${platform.url}/${lang}/validation`);
      await page.locator('.queue li img').first().waitFor();
      await check(page, `${lang}-validation-${width}`);
      await page.close();
    });
  });

  it('found no serious accessibility problem and no console error', () => {
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});
