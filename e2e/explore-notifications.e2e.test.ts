import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthSession, ExploreStats, SavedObservation } from '@citizen/shared';
import { startSmtpSink, tokenFromMail, type SmtpSink } from '../apps/api/test/smtp-sink.js';
import { launchBrowser, screenshot } from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';
import {
  DESKTOP,
  PHONE,
  adminCredentials,
  api,
  apiToken,
  checkAtBothWidths,
  collectErrors,
  logIn,
} from './web.js';

type Account = { id: number; username: string; email: string; token: string };

/**
 * Issue 13, points 6 and 7: the explore page across programmes and a programme's statistics
 * (charts with their tables, top observers who accept to be listed), then an observer told in the
 * app of a validator's judgement and question (a counter in the header, the notifications page,
 * marking read) and by e-mail for the question, choosing their mails on the account page. Each
 * page in French and English, at phone and desktop widths, with axe and no console errors.
 */
describe('explore, statistics and notifications', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-web-explore-'));
  const password = 'a-patient-and-careful-eye';
  let sink: SmtpSink;
  let platform: RunningPlatform;
  let browser: Browser;
  let observer: Account;
  let hidden: Account;
  let validator: Account;
  const violations: string[] = [];

  async function register(username: string, displayName: string): Promise<Account> {
    const email = `${username}@example.org`;
    await api(platform.url, 'POST', '/api/auth/register', {
      body: { username, email, password, displayName, acceptTerms: true, locale: 'fr' },
    });
    const mail = await sink.waitForMail(email, /./, 20_000);
    await api(platform.url, 'POST', '/api/auth/confirm', {
      body: { token: tokenFromMail(mail, 'confirm').token },
    });
    const session = await api<AuthSession>(platform.url, 'POST', '/api/auth/login', {
      body: { login: username, password },
    });
    return { id: session.user.id, username, email, token: session.accessToken! };
  }

  async function record(account: Account, cdNom: number, observedOn: string): Promise<string> {
    const saved = await api<SavedObservation>(platform.url, 'POST', '/api/observations', {
      token: account.token,
      body: {
        programId: 1,
        cdNom,
        observedOn,
        location: { type: 'Point', coordinates: [4.853, 45.778] },
      },
    });
    return saved.id;
  }

  async function newPage(locale: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: DESKTOP, locale });
    return { context, page: await context.newPage() };
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    [platform, browser] = await Promise.all([
      startPlatform({ DATA_DIR: dataDir, SMTP_URL: sink.url, BADGES_ENABLED: 'true' }, 150_000),
      launchBrowser(),
    ]);
    const admin = adminCredentials(platform);
    const adminToken = await apiToken(platform.url, admin.login, admin.password);
    observer = await register('noemie', 'Noémie Observatrice');
    hidden = await register('discret', 'Personne Discrète');
    const expert = await register('valentin', 'Valentin');
    await api(platform.url, 'PATCH', `/api/admin/users/${expert.id}`, {
      token: adminToken,
      body: { role: 'validator' },
    });
    validator = { ...expert, token: await apiToken(platform.url, expert.username, password) };
    // Enough observations to lead the contributors; the discreet one hides from every list.
    for (let day = 1; day <= 28; day++) {
      await record(observer, 4117, `2026-0${1 + (day % 3)}-${String(day).padStart(2, '0')}`);
      await record(hidden, 3764, `2026-02-${String(day).padStart(2, '0')}`);
    }
    await api(platform.url, 'PUT', '/api/me/leaderboard-preference', {
      token: hidden.token,
      body: { hideFromLeaderboards: true },
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await sink?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('explores every programme: map, latest observations, top species, contributors', async () => {
    const explore = await api<ExploreStats>(platform.url, 'GET', '/api/explore?lang=en');
    const names = explore.contributors.map((c) => c.name);
    expect(names).toContain('Noémie Observatrice');
    expect(names).not.toContain('Personne Discrète');

    for (const [lang, locale, heading, species] of [
      ['fr', 'fr-FR', 'Explorer les observations', 'Espèces les plus observées'],
      ['en', 'en-GB', 'Explore the observations', 'Most observed species'],
    ] as const) {
      const { context, page } = await newPage(locale);
      const errors = collectErrors(page);
      violations.push(
        ...(await checkAtBothWidths(page, `explore-${lang}`, async () => {
          await page.goto(`${platform.url}/${lang}/explore`, { waitUntil: 'networkidle' });
          await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        })),
      );
      const section = page.locator('section', {
        has: page.getByRole('heading', { name: species }),
      });
      const first = section.getByRole('link').first();
      await expect(first.getAttribute('href')).resolves.toMatch(
        new RegExp(`^/${lang}/species/\\d+$`),
      );
      const contributors = await page.locator('table', { hasText: 'Noémie' }).innerText();
      expect(contributors).toContain('Noémie Observatrice');
      expect(contributors).not.toContain('Discrète');
      await expect(page.locator('ul.observations > li').count()).resolves.toBe(10);
      // The header links here.
      await page.setViewportSize(DESKTOP);
      await expect(
        page
          .getByRole('navigation')
          .getByRole('link', { name: lang === 'fr' ? 'Explorer' : 'Explore' })
          .count(),
      ).resolves.toBe(1);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it("shows a programme's charts with their tables, and its top observers", async () => {
    for (const [lang, locale, title, perMonth] of [
      ['fr', 'fr-FR', /^Statistiques/, 'Observations par mois'],
      ['en', 'en-GB', /^Statistics/, 'Observations per month'],
    ] as const) {
      const { context, page } = await newPage(locale);
      const errors = collectErrors(page);
      violations.push(
        ...(await checkAtBothWidths(page, `programme-stats-${lang}`, async () => {
          await page.goto(`${platform.url}/${lang}/programs/1/stats`, {
            waitUntil: 'networkidle',
          });
          await page.getByRole('heading', { name: title, level: 1 }).waitFor();
        })),
      );
      // Each chart is a figure with its title, a drawing and the same values as a table.
      const figure = page.locator('figure', { hasText: perMonth });
      await expect(figure.locator('svg rect.bar').count()).resolves.toBeGreaterThan(0);
      const table = figure.getByRole('table', { name: perMonth });
      await expect(table.locator('tbody tr').count()).resolves.toBe(
        await figure.locator('svg rect.bar').count(),
      );
      await expect(page.locator('figure svg path.line').count()).resolves.toBe(1);
      const observers = await page.locator('table', { hasText: 'Noémie' }).innerText();
      expect(observers).not.toContain('Discrète');
      expect(errors).toEqual([]);
      await context.close();
    }
    // The programme's page links to them.
    const { context, page } = await newPage('en-GB');
    await page.goto(`${platform.url}/en/programs/1`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Statistics of this programme' }).click();
    await page.waitForURL((url) => url.pathname === '/en/programs/1/stats');
    await context.close();
  });

  it('tells the observer in the app, counts unread in the header, and mails the question', async () => {
    const judged = await record(observer, 4117, '2026-03-20');
    const asked = await record(observer, 3764, '2026-03-21');
    await api(platform.url, 'POST', `/api/observations/${judged}/validation`, {
      token: validator.token,
      body: { status: 'certain', comment: 'Nice record' },
    });
    await api(platform.url, 'POST', `/api/observations/${asked}/comments`, {
      token: validator.token,
      body: { comment: 'Avez-vous entendu son chant ?' },
    });
    // Questions are mailed by default, in the observer's language (French here).
    const mail = await sink.waitForMail(observer.email, /examinée/, 20_000);
    expect(mail.text).toContain('Avez-vous entendu son chant ?');

    const { context, page } = await newPage('en-GB');
    const errors = collectErrors(page);
    await logIn(page, platform.url, observer.username, password);
    const link = page.getByRole('link', { name: /^Notifications/ });
    await expect.poll(() => link.innerText()).toMatch(/Notifications\s*2/);
    await screenshot(page, 'web-notifications-header-desktop');
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect.poll(() => link.innerText()).toMatch(/Notifications\s*2/);
    await screenshot(page, 'web-notifications-header-phone');

    for (const [lang, question] of [
      ['fr', /Un validateur a une question/],
      ['en', /A validator has a question/],
    ] as const) {
      violations.push(
        ...(await checkAtBothWidths(page, `notifications-${lang}`, async () => {
          await page.goto(`${platform.url}/${lang}/notifications`, { waitUntil: 'networkidle' });
          await page.getByRole('link', { name: question }).waitFor();
        })),
      );
    }
    await expect(page.getByText('Avez-vous entendu son chant ?').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByText('No unread notification').waitFor();
    await expect.poll(() => link.innerText()).toBe('Notifications');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets the observer choose which notifications are mailed, in French and English', async () => {
    const { context, page } = await newPage('fr-FR');
    const errors = collectErrors(page);
    await logIn(page, platform.url, observer.username, password);
    await page.goto(`${platform.url}/fr/account`, { waitUntil: 'networkidle' });
    const questions = page.getByLabel('un validateur pose une question');
    await expect(questions.isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('j’obtiens un badge').isChecked()).resolves.toBe(false);
    await page.getByLabel('j’obtiens un badge').check();
    await page
      .locator('section', { has: page.getByRole('heading', { name: 'Notifications par e-mail' }) })
      .getByRole('button', { name: 'Enregistrer' })
      .click();
    await page.getByText('Vos choix d’e-mails sont enregistrés.').waitFor();
    violations.push(
      ...(await checkAtBothWidths(page, 'account-mails-en', async () => {
        await page.goto(`${platform.url}/en/account`, { waitUntil: 'networkidle' });
        await page.getByLabel('I earn a badge').waitFor();
      })),
    );
    await expect(page.getByLabel('I earn a badge').isChecked()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no serious or critical accessibility violation on these pages', () => {
    expect(violations).toEqual([]);
  });
});
