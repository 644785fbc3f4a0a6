import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservationDetail, ProgramDetail } from '@citizen/shared';
import { jpegWithGps } from '../apps/api/test/images.js';
import { startSmtpSink, tokenFromMail, type SmtpSink } from '../apps/api/test/smtp-sink.js';
import { launchBrowser, screenshot } from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';
import {
  DESKTOP,
  PHONE,
  accessibilityViolations,
  adminCredentials,
  api,
  apiToken,
  checkAtBothWidths,
  collectErrors,
  waitForMaps,
} from './web.js';

/** A programme's custom form: a choice, and a follow-up question only for nests. */
const FORM = {
  jsonSchema: {
    type: 'object',
    title: 'About the bird',
    required: ['behaviour'],
    properties: {
      behaviour: {
        type: 'string',
        title: 'Behaviour',
        enum: ['feeding', 'nesting', 'flying'],
        enumNames: ['Feeding', 'Nesting', 'Flying'],
      },
    },
    if: { properties: { behaviour: { const: 'nesting' } }, required: ['behaviour'] },
    then: {
      properties: { nestHeight: { type: 'number', title: 'Nest height (m)', minimum: 0 } },
      required: ['nestHeight'],
    },
  },
};

/** What an observer does: register, confirm, log in, record, find it again, leave. */
describe('the web app for observers', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-web-observer-'));
  const email = 'martine@example.org';
  let password = 'a-long-and-quiet-heron';
  let sink: SmtpSink;
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let programme: ProgramDetail;
  let observationId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    [platform, browser] = await Promise.all([
      startPlatform({ DATA_DIR: dataDir, SMTP_URL: sink.url, BADGES_ENABLED: 'true' }),
      launchBrowser(),
    ]);
    const admin = adminCredentials(platform);
    const token = await apiToken(platform.url, admin.login, admin.password);
    // The admin back office is not this test's subject: the programme gets its form through the API.
    await api(platform.url, 'PATCH', '/api/admin/programs/1', { token, body: { form: FORM } });
    await api(platform.url, 'PATCH', '/api/admin/programs/1/badge-settings', {
      token,
      body: { badgesEnabled: true },
    });
    for (const [threshold, en] of [
      [1, 'First observation'],
      [10, 'Ten observations'],
    ] as const) {
      await api(platform.url, 'POST', '/api/admin/badges/rules', {
        token,
        body: { kind: 'total_observations', threshold, name: { en, fr: en, de: en } },
      });
    }
    programme = await api<ProgramDetail>(platform.url, 'GET', '/api/programs/1?lang=en');
    context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    page = await context.newPage();
    errors = collectErrors(page);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await sink?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers, confirms from the mail and logs in', async () => {
    await page.goto(`${platform.url}/en`);
    await page.getByRole('link', { name: 'Register' }).click();
    await page.waitForURL('**/en/register');
    await page.getByLabel('Username').fill('martine');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Name shown with your observations').fill('Martine');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('The password again').fill(password);
    await page.getByLabel('I accept the terms of use').check();
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByText(`open the link we sent to ${email}`).waitFor();

    const mail = await sink.waitForMail(email, /Confirm your e-mail/, 20_000);
    const { lang, token } = tokenFromMail(mail, 'confirm');
    expect(lang).toBe('en');
    await page.goto(`${platform.url}/${lang}/confirm?token=${encodeURIComponent(token)}`);
    await page.getByText('Your e-mail address is confirmed').waitFor();
    await page.locator('.notice').getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL('**/en/login');
    await page.getByLabel('E-mail address or username').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/en/dashboard');
    await page.getByText('Hello Martine!').waitFor();
    await expect(page.getByRole('button', { name: 'Log out' }).count()).resolves.toBe(1);
  });

  it('records an observation with a photo and a custom field, then finds it on the map and in the dashboard', async () => {
    await page.goto(`${platform.url}/en/programs/${programme.id}`);
    await waitForMaps(page);
    const before = programme.observationCount;
    await page.getByRole('link', { name: 'Add an observation' }).click();
    await page.waitForURL(`**/en/programs/${programme.id}/observe`);
    await waitForMaps(page);

    // A long species list: searched, keyboard only.
    const species = page.getByRole('combobox', { name: 'Species' });
    await species.fill('blackb');
    await page.getByRole('option', { name: /Common Blackbird/ }).waitFor();
    await species.press('ArrowDown');
    await species.press('Enter');
    await page.getByText('Chosen: Common Blackbird').waitFor();

    // The photo knows when and where it was taken: the form takes both from it.
    const photo = await jpegWithGps({ lat: 45.7775, lon: 4.8535 });
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'blackbird.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByText('Point placed where the photo was taken.').waitFor();
    expect(await page.getByLabel('Date').inputValue()).toBe('2026-05-14');
    expect(await page.getByLabel('Latitude').inputValue()).toBe('45.7775');
    await page.getByLabel('Licence').selectOption('CC-BY-SA-4.0');

    // The custom form: the nest question appears only for nesting birds.
    await expect(page.getByLabel('Nest height (m)').count()).resolves.toBe(0);
    await page.getByLabel('Nesting').check();
    await page.getByLabel('Nest height (m)').fill('3.5');
    await page.getByLabel('Number of individuals').fill('2');
    await screenshot(page, 'web-observe-filled-desktop');
    await page.getByRole('button', { name: 'Send the observation' }).click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    // Badges earned by this observation are announced once, on the thank-you screen.
    await page.getByText('You have earned a new badge!').waitFor();
    await page.getByText('First observation').waitFor();
    await screenshot(page, 'web-observe-thanks-desktop');

    // What was saved, as the API tells it.
    const href = await page
      .getByRole('link', { name: 'See your observation' })
      .getAttribute('href');
    observationId = href!.split('/').pop()!;
    const saved = await api<ObservationDetail>(
      platform.url,
      'GET',
      `/api/observations/${observationId}?lang=en`,
    );
    expect(saved.taxon.name).toBe('Common Blackbird');
    expect(saved.customData).toEqual({ behaviour: 'nesting', nestHeight: 3.5 });
    expect(saved.photos).toHaveLength(1);
    expect(saved.photos[0]!.licence).toBe('CC-BY-SA-4.0');
    expect(saved.observedOn).toBe('2026-05-14');
    expect(saved.location.coordinates[1]).toBeCloseTo(45.7775, 4);

    // On the programme's map (one more drawn) and in its list, at once.
    await page.getByRole('link', { name: 'See the map' }).click();
    await page.waitForURL(`**/en/programs/${programme.id}`);
    await expect
      .poll(async () => {
        await waitForMaps(page);
        return Number(
          await page
            .locator('[data-rendered-observations]')
            .getAttribute('data-rendered-observations'),
        );
      })
      .toBe(before + 1);

    // The programme's photos, opened in the viewer.
    await page.getByRole('button', { name: 'Photos' }).click();
    // Demo blackbirds have photos too: one of them opens the same viewer.
    await page
      .locator('.gallery')
      .getByRole('button', { name: 'Common Blackbird' })
      .first()
      .click();
    await page.getByRole('dialog').getByRole('link', { name: 'See the observation' }).waitFor();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);

    // Its own page: photo viewer and the custom answers with their labels.
    await page.goto(`${platform.url}/en/observations/${observationId}`);
    await waitForMaps(page);
    await expect(page.locator('dl.answers').innerText()).resolves.toMatch(
      /Behaviour\s+Nesting\s+Nest height \(m\)\s+3.5/,
    );
    await page.getByRole('button', { name: /Common Blackbird, photo 1/ }).click();
    await page.getByRole('dialog').getByRole('img', { name: 'Common Blackbird' }).waitFor();
    await page.keyboard.press('Escape');

    // The dashboard: list and map.
    await page.goto(`${platform.url}/en/dashboard`);
    await waitForMaps(page);
    await expect(page.locator('.list li h3 a').allTextContents()).resolves.toEqual([
      'Common Blackbird',
    ]);
    await expect(page.locator('.earned').innerText()).resolves.toContain('First observation');
    await expect(
      page.getByRole('progressbar', { name: 'Ten observations' }).getAttribute('value'),
    ).resolves.toBe('1');
    expect(errors).toEqual([]);
  });

  it('places a point without a mouse: typed coordinates, with clear messages', async () => {
    await page.goto(`${platform.url}/en/programs/${programme.id}/observe`);
    await waitForMaps(page);
    await page.getByLabel('Latitude').fill('48.85');
    await page.getByLabel('Longitude').fill('2.35');
    await page.getByRole('button', { name: 'Place at these coordinates' }).press('Enter');
    await page.getByText('This point is outside the programme’s area.').waitFor();
    await page.getByRole('button', { name: 'Place at the centre of the map' }).click();
    await page.getByText('Zoomed in: tap the exact spot to place the point.').waitFor();
    // Sending without species or point: the summary lists both, linking to the fields.
    await page.getByRole('button', { name: 'Send the observation' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: 'Choose a species.' }).waitFor();
    await summary.getByRole('link', { name: /Place the observation on the map/ }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe(
      'alert',
    );
  });

  it('changes and deletes an observation from the dashboard', async () => {
    await page.goto(`${platform.url}/en/dashboard`);
    await page.getByRole('link', { name: /^Edit\W+Common Blackbird$/ }).click();
    await page.waitForURL(`**/en/observations/${observationId}/edit`);
    await page.getByLabel('Number of individuals').fill('3');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.waitForURL(`**/en/observations/${observationId}`);
    await expect(page.locator('.facts').innerText()).resolves.toMatch(/Number of individuals\s+3/);

    await page.goto(`${platform.url}/en/dashboard`);
    await page.getByRole('button', { name: /^Delete\W+Common Blackbird$/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('You have not recorded any observation yet.').waitFor();
    expect(errors).toEqual([]);
  });

  it('adapts the species picker to the list: one species, a few pictures, or a search', async () => {
    const admin = adminCredentials(platform);
    const token = await apiToken(platform.url, admin.login, admin.password);
    const list = await api<{ id: number }>(platform.url, 'POST', '/api/admin/species-lists', {
      token,
      body: {
        name: 'Three garden birds',
        taxa: [{ cdNom: 4117 }, { cdNom: 3764 }, { cdNom: 4564 }],
      },
    });
    await api(platform.url, 'PATCH', '/api/admin/programs/2', {
      token,
      body: { speciesListId: list.id },
    });

    // A short list: pictures to pick from, as radio buttons.
    await page.goto(`${platform.url}/en/programs/2/observe`);
    const choices = page.getByRole('group', { name: 'Choose the species' }).getByRole('radio');
    await expect(choices.count()).resolves.toBe(3);
    await page.locator('label', { hasText: 'Great Tit' }).click();
    await expect(page.getByRole('radio', { name: /Great Tit/ }).isChecked()).resolves.toBe(true);
    await screenshot(page, 'web-observe-pictures-desktop');

    // One species: it is the answer, nothing to choose.
    await api(platform.url, 'PUT', `/api/admin/species-lists/${list.id}`, {
      token,
      body: { name: 'One bird', taxa: [{ cdNom: 4117 }] },
    });
    await page.goto(`${platform.url}/en/programs/2/observe`);
    await page.getByText('Common Blackbird', { exact: true }).waitFor();
    await expect(page.getByRole('radio').count()).resolves.toBe(0);
    await expect(page.getByRole('combobox').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it('resets a forgotten password from the mailed link', async () => {
    const visitor = await browser.newPage({ viewport: DESKTOP, locale: 'en-GB' });
    await visitor.goto(`${platform.url}/en/login`);
    await visitor.getByRole('link', { name: 'Forgotten password?' }).click();
    await visitor.waitForURL('**/en/forgot-password');
    await visitor.getByLabel('E-mail address', { exact: true }).fill(email);
    await visitor.getByRole('button', { name: 'Send the link' }).click();
    await visitor.getByText(`If ${email} has an account`).waitFor();
    const mail = await sink.waitForMail(email, /new password/, 20_000);
    const { token } = tokenFromMail(mail, 'reset-password');
    await visitor.goto(`${platform.url}/en/reset-password?token=${encodeURIComponent(token)}`);
    password = 'another-quiet-heron-42';
    await visitor.getByLabel('New password').fill(password);
    await visitor.getByLabel('The password again').fill(password);
    await visitor.getByRole('button', { name: 'Save the new password' }).click();
    await visitor.getByText('Your password is changed.').waitFor();
    await visitor.close();
    // Every session ended with the reset, this page's too: its refresh is refused (the one
    // error the browser logs), and it logs in again with the new password.
    await page.goto(`${platform.url}/en/login`);
    await expect
      .poll(() => errors)
      .toEqual([expect.stringContaining(`401 (Unauthorized) (${platform.url}/api/auth/refresh)`)]);
    errors.length = 0;
    await page.getByLabel('E-mail address or username').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/en/dashboard');
  });

  it('passes axe-core on the observer’s pages, at phone and desktop widths', async () => {
    const violations: string[] = [];
    for (const [name, pagePath] of [
      ['observe', `/en/programs/${programme.id}/observe`],
      ['dashboard', '/en/dashboard'],
      ['account', '/en/account'],
      ['observe-fr', `/fr/programs/${programme.id}/observe`],
    ] as const) {
      violations.push(
        ...(await checkAtBothWidths(page, name, () => page.goto(platform.url + pagePath))),
      );
    }
    // The phone menu, open.
    await page.setViewportSize(PHONE);
    await page.goto(`${platform.url}/en`);
    await page.getByRole('button', { name: 'Menu' }).click();
    await screenshot(page, 'web-menu-phone');
    violations.push(...(await accessibilityViolations(page)));
    expect(violations).toEqual([]);
    await page.setViewportSize(DESKTOP);
  });

  it('downloads the personal data and deletes the account, keeping the observations anonymous', async () => {
    await page.goto(`${platform.url}/en/account`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Everything (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^citizen-martine-.*\.json$/);

    await page.getByLabel('Keep them for science, without my name').check();
    await page.locator('#delete-password').fill(password);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL(`${platform.url}/en`);
    await expect(page.getByRole('link', { name: 'Log in' }).count()).resolves.toBe(1);
    const login = await fetch(`${platform.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: email, password }),
    });
    expect(login.status).toBe(401);
    expect(errors).toEqual([]);
  });
});
