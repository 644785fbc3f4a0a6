import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminUserList, SavedObservation } from '@citizen/shared';
import { jpegWithGps } from '../apps/api/test/images.js';
import { launchBrowser } from './browser.js';
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

/**
 * What an administrator does in the back office's people pages: the site's name and colours,
 * a custom page in the menu, a role, a photo hidden with its reason, and all of it read back in
 * the audit log.
 */
describe('the back office: settings, pages, users, moderation and the audit log', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-admin-people-'));
  const observer = { username: 'heron-fan', password: 'a-patient-grey-heron-7' };
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let observation: SavedObservation;
  let observerId: number;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      // A first start loads the demo: slow on a busy machine.
      startPlatform({ DATA_DIR: dataDir, REQUIRE_EMAIL_CONFIRMATION: 'false' }, 240_000),
      launchBrowser(),
    ]);
    // An observer registers and records an observation with a photo, through the API.
    await api(platform.url, 'POST', '/api/auth/register', {
      body: {
        username: observer.username,
        email: 'heron-fan@example.org',
        password: observer.password,
        acceptTerms: true,
      },
    });
    const token = await apiToken(platform.url, observer.username, observer.password);
    const form = new FormData();
    form.append(
      'observation',
      JSON.stringify({
        programId: 1,
        cdNom: 4117,
        observedOn: new Date().toISOString().slice(0, 10),
        location: { type: 'Point', coordinates: [4.853, 45.778] },
      }),
    );
    form.append(
      'photo',
      new Blob([new Uint8Array(await jpegWithGps())], { type: 'image/jpeg' }),
      'heron.jpg',
    );
    const created = await fetch(`${platform.url}/api/observations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    observation = (await created.json()) as SavedObservation;
    expect(observation.photos).toHaveLength(1);

    const admin = adminCredentials(platform);
    const adminToken = await apiToken(platform.url, admin.login, admin.password);
    const found = await api<AdminUserList>(platform.url, 'GET', '/api/admin/users?q=heron-fan', {
      token: adminToken,
    });
    observerId = found.items[0]!.id;

    context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    page = await context.newPage();
    errors = collectErrors(page);
    await goto(page, `${platform.url}/en/login?redirect=${encodeURIComponent('/en/admin')}`);
    await page.getByLabel('E-mail address or username').fill(admin.login);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/en/admin');
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('changes the site name and the main colour: the header shows them at once', async () => {
    await goto(page, `${platform.url}/en/admin`);
    await page
      .getByRole('navigation', { name: 'Administration sections' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page.waitForURL('**/en/admin/settings');
    await page.getByRole('heading', { name: 'Site settings' }).waitFor();
    // Marks this document: it must still be the same one after saving (no reload).
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));

    await page.getByLabel('Site name').fill('Heron Watch');
    const main = page.getByRole('group', { name: 'Main colour' });
    await main.getByLabel('Hexadecimal code').fill('#ffd84d');
    // A light yellow: white text on it is unreadable, dark text is fine; as text it is darkened.
    await main.getByText('darker shade').waitFor();
    await main.getByLabel('Hexadecimal code').fill('#7b2d8e');
    await expect(main.getByText('darker shade').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await page.getByText('The settings are saved.').waitFor();

    const brand = page.locator('.site-header .brand');
    await expect.poll(() => brand.textContent()).toContain('Heron Watch');
    await expect
      .poll(() => page.locator('.app').getAttribute('style'))
      .toContain('--color-primary: #7b2d8e');
    await expect(
      page.evaluate(() => (window as unknown as { marker?: string }).marker),
    ).resolves.toBe('same page');
    expect(errors).toEqual([]);
  });

  it('creates a custom page that appears in the menu', async () => {
    await goto(page, `${platform.url}/en/admin/pages`);
    await page.getByRole('link', { name: 'New page' }).click();
    await page.waitForURL('**/en/admin/pages/new');
    await page.getByLabel('Address of the page').fill('how-to-help');
    const english = page.getByRole('group', { name: 'English' });
    await english.getByLabel('Title').fill('How to help');
    await english.getByLabel('Text').fill('Record what you see.\n\nEvery observation counts.');
    await page.getByRole('group', { name: 'Français' }).getByLabel('Title').fill('Participer');
    await page.getByRole('button', { name: 'Save the page' }).click();
    await page.waitForURL('**/en/admin/pages/how-to-help');

    const menuLink = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'How to help' });
    await menuLink.waitFor();
    await menuLink.click();
    await page.waitForURL('**/en/pages/how-to-help');
    await page.getByText('Every observation counts.').waitFor();
    expect(errors).toEqual([]);
  });

  it('finds an observer and promotes them to validator, after confirmation', async () => {
    await goto(page, `${platform.url}/en/admin/users`);
    // Typed before the page's script runs, the text is reset when it does: search until it sticks.
    await expect
      .poll(
        async () => {
          await page.getByLabel('Name or e-mail address').fill('heron-fan');
          await page.getByRole('button', { name: 'Search' }).click();
          await page.waitForLoadState();
          return new URL(page.url()).searchParams.get('q');
        },
        { timeout: 60_000 },
      )
      .toBe('heron-fan');
    await page.getByText('1 account found.').waitFor();
    await page.getByRole('link', { name: 'heron-fan' }).click();
    await page.waitForURL(`**/en/admin/users/${observerId}`);
    await page.getByRole('heading', { level: 1, name: 'heron-fan' }).waitFor();
    // Resolved: a server-rendered page's links are relative to it (SvelteKit's relative paths).
    await expect(
      page
        .getByRole('link', { name: 'See their observations' })
        .evaluate((a: HTMLAnchorElement) => a.pathname + a.search),
    ).resolves.toBe(`/en/admin/moderation?observer=${observerId}`);

    await page.getByLabel('Role', { exact: true }).selectOption('validator');
    await page.getByRole('button', { name: 'Change the role' }).click();
    const dialog = page.getByRole('dialog', { name: 'Make heron-fan Validator?' });
    await dialog.getByRole('button', { name: 'Change the role' }).click();
    await page.getByText('heron-fan is now Validator.').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
  });

  it('hides a photo with a reason: the public observation page no longer shows it', async () => {
    const [photo] = observation.photos;
    await goto(page, `${platform.url}/en/admin/moderation?observer=${observerId}`);
    const card = page.locator('article', {
      has: page.locator(`a[href="/en/observations/${observation.id}"]`),
    });
    await card.getByRole('img', { name: /Photo 1 of/ }).waitFor();
    await card.getByRole('button', { name: 'Hide photo 1' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Hide' }).click();
    await dialog.getByText('Give a reason.').waitFor();
    await dialog.getByLabel('Reason').fill('A face is visible');
    await dialog.getByRole('button', { name: 'Hide' }).click();
    await page.getByText('The photo is hidden.').waitFor();
    await card.getByText('Hidden: A face is visible').waitFor();
    await card.getByRole('button', { name: 'Show photo 1 again' }).waitFor();

    // A visitor: neither the page nor the file shows it.
    const visitor = await browser.newPage();
    const visitorErrors = collectErrors(visitor);
    await visitor.goto(`${platform.url}/en/observations/${observation.id}`);
    await visitor.getByRole('heading', { level: 1 }).waitFor();
    await expect(visitor.locator(`img[src*="${photo!.id}"]`).count()).resolves.toBe(0);
    await expect(visitor.getByRole('heading', { name: 'Photos' }).count()).resolves.toBe(0);
    const file = await fetch(`${platform.url}${photo!.displayUrl}`);
    expect(file.status).toBe(404);
    expect(visitorErrors).toEqual([]);
    await visitor.close();
    expect(errors).toEqual([]);
  });

  it('reads those actions in the audit log, filtered by action', async () => {
    await goto(page, `${platform.url}/en/admin/audit`);
    const table = page.getByRole('table', { name: 'Audit log' });
    const row = (what: string) => table.getByRole('row').filter({ hasText: what });
    await row('Hid a photo').first().waitFor();
    await expect(row('Hid a photo').first().textContent()).resolves.toContain('A face is visible');
    await expect(row('Changed a role').first().textContent()).resolves.toMatch(
      /heron-fan.*Observer.*Validator/s,
    );
    await expect(row('Saved a page').first().textContent()).resolves.toContain('how-to-help');
    // Each save names the settings it changed.
    await expect(row('Changed the site settings').first().textContent()).resolves.toContain(
      'siteName, colours',
    );
    await row('Hid a photo').first().getByRole('link', { name: 'The observation' }).waitFor();

    await page.getByLabel('Action').selectOption({ label: 'Hid a photo' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL('**/en/admin/audit?**event=photo_hidden**');
    await expect(table.getByRole('row').count()).resolves.toBe(2);
    expect(errors).toEqual([]);
  });

  it('passes axe-core on the people pages, at phone and desktop widths', async () => {
    const violations: string[] = [];
    for (const [name, pagePath] of [
      ['admin-users', '/en/admin/users'],
      ['admin-user', `/en/admin/users/${observerId}`],
      ['admin-moderation', '/en/admin/moderation'],
      ['admin-settings', '/en/admin/settings'],
      ['admin-pages', '/en/admin/pages'],
      ['admin-page-edit', '/en/admin/pages/how-to-help'],
      ['admin-audit', '/en/admin/audit'],
      ['admin-moderation-fr', '/fr/admin/moderation?state=hidden'],
    ] as const) {
      violations.push(
        ...(await checkAtBothWidths(page, name, () => goto(page, platform.url + pagePath))),
      );
    }
    expect(violations).toEqual([]);
    await page.setViewportSize(DESKTOP);
    expect(errors).toEqual([]);
  });
});
