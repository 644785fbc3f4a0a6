import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthSession, SavedObservation, ValidationState } from '@citizen/shared';
import { jpegWithGps } from '../apps/api/test/images.js';
import { startSmtpSink, tokenFromMail, type SmtpSink } from '../apps/api/test/smtp-sink.js';
import { launchBrowser, screenshot } from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';
import {
  DESKTOP,
  adminCredentials,
  api,
  apiToken,
  checkAtBothWidths,
  collectErrors,
  waitForMaps,
  logIn,
} from './web.js';

type Account = { id: number; username: string; email: string; token: string };

/**
 * Expert validation end to end: a validator works through the queue in the browser (filters,
 * review, re-identification, a question, a bulk confirmation), the observer reads the verdict on
 * the dashboard and the observation's page, answers the question, and gets the mail.
 */
describe('the validation screens', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-web-validation-'));
  const password = 'a-patient-and-careful-eye';
  /** Observed three years before the demo's observations (the last 730 days): only ours match. */
  const JUNE_2023 = 'from=2023-06-01&to=2023-06-30';
  const comment = 'The spotted breast and the pale wing bars say song thrush.';
  const question = 'Did you see its wing bars?';
  let sink: SmtpSink;
  let platform: RunningPlatform;
  let browser: Browser;
  let validatorPage: Page;
  let observerPage: Page;
  /** What each page reports (uncaught exceptions, console errors): checked as the test goes. */
  let validatorErrors: string[];
  let observerErrors: string[];
  let observer: Account;
  let validator: Account;
  /** A: re-identified; B: questioned then confirmed in bulk; C: confirmed in bulk; own: the validator's. */
  const ids = { a: '', b: '', c: '', own: '' };

  async function register(username: string, displayName: string): Promise<Account> {
    const email = `${username}@example.org`;
    await api(platform.url, 'POST', '/api/auth/register', {
      body: { username, email, password, displayName, acceptTerms: true, locale: 'en' },
    });
    const mail = await sink.waitForMail(email, /Confirm your e-mail/, 20_000);
    await api(platform.url, 'POST', '/api/auth/confirm', {
      body: { token: tokenFromMail(mail, 'confirm').token },
    });
    const session = await api<AuthSession>(platform.url, 'POST', '/api/auth/login', {
      body: { login: username, password },
    });
    return { id: session.user.id, username, email, token: session.accessToken! };
  }

  async function record(
    account: Account,
    cdNom: number,
    observedOn: string,
    withPhoto = false,
  ): Promise<string> {
    const observation = {
      programId: 1,
      cdNom,
      observedOn,
      location: { type: 'Point', coordinates: [4.853, 45.778] },
      comment: 'Singing from the top of a hedge',
    };
    const form = new FormData();
    form.append('observation', JSON.stringify(observation));
    if (withPhoto) {
      const photo = await jpegWithGps({ lat: 45.778, lon: 4.853 });
      form.append('photo', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'bird.jpg');
    }
    const response = await fetch(`${platform.url}/api/observations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${account.token}` },
      body: form,
    });
    if (response.status !== 201) throw new Error(`record: ${await response.text()}`);
    return ((await response.json()) as SavedObservation).id;
  }

  /** Waits for a page by its path and query string (a glob would read `?` as a wildcard). */
  async function waitForPage(page: Page, pathname: string, search: string) {
    await page.waitForURL((url) => url.pathname === pathname && url.search === `?${search}`);
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    [platform, browser] = await Promise.all([
      // Loading the demo takes long on a busy machine.
      startPlatform({ DATA_DIR: dataDir, SMTP_URL: sink.url, BADGES_ENABLED: 'true' }, 150_000),
      launchBrowser(),
    ]);
    const admin = adminCredentials(platform);
    const adminToken = await apiToken(platform.url, admin.login, admin.password);

    observer = await register('odile', 'Odile');
    const expert = await register('victor', 'Victor');
    await api(platform.url, 'PATCH', `/api/admin/users/${expert.id}`, {
      token: adminToken,
      body: { role: 'validator' },
    });
    validator = { ...expert, token: await apiToken(platform.url, expert.username, password) };
    // The observer wants to hear about their observations.
    await api(platform.url, 'PATCH', '/api/auth/me', {
      token: observer.token,
      body: { notifications: true },
    });

    ids.a = await record(observer, 4117, '2023-06-14', true); // Common Blackbird
    ids.b = await record(observer, 3764, '2023-06-15'); // Great Tit
    ids.c = await record(observer, 4564, '2023-06-16'); // Chaffinch
    ids.own = await record(validator, 4117, '2023-06-17');

    // Two people, two browsers: each has their own session.
    validatorPage = await (
      await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' })
    ).newPage();
    observerPage = await (
      await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' })
    ).newPage();
    validatorErrors = collectErrors(validatorPage);
    observerErrors = collectErrors(observerPage);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await sink?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds the observations in the filtered queue, never the validator’s own', async () => {
    const page = validatorPage;
    // Straight to the queue: the login page takes them back where they were going.
    await logIn(page, platform.url, validator.username, password, '/en/validation');
    await page.getByRole('heading', { name: 'Validation', level: 1 }).waitFor();
    await page.getByLabel('Observed from').fill('2023-06-01');
    await page.getByLabel('Observed until').fill('2023-06-30');
    await page.getByRole('button', { name: 'Apply the filters' }).click();
    await waitForPage(page, `/en/validation`, `${JUNE_2023}`);

    const names = page.locator('.queue h3 a');
    await expect(names.allTextContents()).resolves.toEqual([
      'Chaffinch',
      'Great Tit',
      'Common Blackbird',
    ]);
    // The one with a photo shows it.
    await expect(
      page.locator('.queue li', { hasText: 'Common Blackbird' }).locator('img').count(),
    ).resolves.toBe(1);

    // With a photo only: the blackbird alone; the filter is in the URL.
    await page.getByLabel('Photos').selectOption('with');
    await page.getByRole('button', { name: 'Apply the filters' }).click();
    await waitForPage(page, `/en/validation`, `${JUNE_2023}&photo=with`);
    await expect(names.allTextContents()).resolves.toEqual(['Common Blackbird']);
    await screenshot(page, 'web-validation-queue-desktop');
    expect(validatorErrors).toEqual([]);
  });

  it('re-identifies an observation to another species with a comment, then moves on', async () => {
    const page = validatorPage;
    await page.getByRole('link', { name: 'Common Blackbird' }).click();
    await waitForPage(page, `/en/validation/${ids.a}`, `${JUNE_2023}&photo=with`);
    await waitForMaps(page);
    await page.getByRole('button', { name: 'Enlarge photo 1' }).waitFor();
    await expect(page.locator('dl').first().innerText()).resolves.toMatch(/Observer\s+Odile/);
    await page.getByText('Singing from the top of a hedge').waitFor();

    await page.getByLabel('Re-identify: it is another species').check();
    const species = page.getByRole('combobox', { name: 'The right species' });
    await species.fill('song thr');
    await page.getByRole('option', { name: /Song Thrush/ }).click();
    await page.getByLabel('Probable').check();
    await page.getByLabel('Comment for the observer').fill(comment);
    await page.getByRole('button', { name: 'Save the judgement' }).click();
    await page.getByText('Saved: re-identified as Song Thrush, Probable.').waitFor();

    // The page shows the new identification, and the history keeps the original one.
    await page.getByRole('heading', { name: 'Song Thrush', level: 1 }).waitFor();
    const history = page.locator('.history');
    await history.getByText('Victor re-identified it: Common Blackbird → Song Thrush').waitFor();
    await history.getByText('Victor changed the status: Not yet checked → Probable').waitFor();
    await history.getByText(comment).waitFor();
    await screenshot(page, 'web-validation-review-desktop');

    // The next one of the queue (with photos: none left), then of the whole June queue.
    await page.getByRole('button', { name: 'Next in the queue' }).click();
    await page.getByText('No other observation is waiting in this queue.').waitFor();
    await page.goto(`${platform.url}/en/validation/${ids.a}?${JUNE_2023}`);
    await page.getByRole('button', { name: 'Skip to the next one' }).click();
    await waitForPage(page, `/en/validation/${ids.c}`, `${JUNE_2023}`);
    await page.getByRole('heading', { name: 'Chaffinch', level: 1 }).waitFor();
    await page.getByLabel('Comment for the observer').fill('A draft, left behind');
    await page.getByRole('button', { name: 'Skip to the next one' }).click();
    await waitForPage(page, `/en/validation/${ids.b}`, `${JUNE_2023}`);
    await page.getByRole('heading', { name: 'Great Tit', level: 1 }).waitFor();
    // The page is the same, the form is not: each observation starts afresh.
    await expect(page.getByLabel('Comment for the observer').inputValue()).resolves.toBe('');
    expect(validatorErrors).toEqual([]);
  });

  it('asks the observer a question', async () => {
    const page = validatorPage;
    await page.getByLabel('Your question').fill(question);
    await page.getByRole('button', { name: 'Send the question' }).click();
    await page.getByText('Question sent.').waitFor();
    await page.locator('.history').getByText('Victor asked a question').waitFor();
    await page.locator('.history').getByText(question).waitFor();
    expect(validatorErrors).toEqual([]);
  });

  it('confirms two observations at once, and says what was done', async () => {
    const page = validatorPage;
    await page.getByRole('link', { name: 'Back to the queue' }).click();
    await waitForPage(page, `/en/validation`, `${JUNE_2023}`);
    await expect(page.locator('.queue h3 a').allTextContents()).resolves.toEqual([
      'Chaffinch',
      'Great Tit',
    ]);
    await page.getByLabel('Select every observation on this page').check();
    await page.getByText('2 selected').waitFor();
    await page.getByLabel('Action').selectOption({ label: 'Confirm as certain' });
    await page.getByRole('button', { name: 'Apply to the selection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply to 2 observations?' });
    await dialog.getByText('“Confirm as certain” will be applied to 2 observations.').waitFor();
    await dialog.getByRole('button', { name: 'Apply to the selection' }).click();
    await page.getByRole('heading', { name: 'Result of “Confirm as certain”' }).waitFor();
    await page.getByText('2 observations changed.').waitFor();
    await page.getByText('No observation matches these filters.').waitFor();
    await screenshot(page, 'web-validation-bulk-desktop');

    // The same queue, every status: the three judged ones.
    await page.goto(`${platform.url}/en/validation?${JUNE_2023}&status=all`);
    await expect(page.locator('.queue .badge').allTextContents()).resolves.toEqual([
      expect.stringContaining('Validated'),
      expect.stringContaining('Validated'),
      expect.stringContaining('Probable'),
    ]);
    expect(validatorErrors).toEqual([]);
  });

  it('does not let validators judge their own observation, and says why', async () => {
    const page = validatorPage;
    await page.goto(`${platform.url}/en/validation/${ids.own}`);
    await page
      .getByText('This is your own observation: another validator must review it.')
      .waitFor();
    await expect(
      page.getByRole('button', { name: 'Save the judgement' }).isDisabled(),
    ).resolves.toBe(true);
    await expect(
      page.getByRole('button', { name: 'Send the question' }).isDisabled(),
    ).resolves.toBe(true);
    expect(validatorErrors).toEqual([]);
  });

  it('tells the observer: by mail, on the dashboard and on the observation’s page', async () => {
    // The mail of the re-identification, in the observer's language.
    const reviewed = () =>
      sink.received.find(
        (m) => m.to.includes(observer.email) && m.text.includes('Turdus philomelos'),
      );
    await expect.poll(reviewed).toBeDefined();
    const mail = reviewed();
    expect(mail?.subject).toMatch(/Your observation of 2023-06-14 was reviewed/);
    expect(mail?.text).toContain(comment);
    expect(mail?.text).toContain(`/en/observations/${ids.a}`);

    const page = observerPage;
    await logIn(page, platform.url, observer.email, password);
    await waitForMaps(page);
    const item = page.locator('.observations li', { hasText: 'Song Thrush' });
    await item.getByText('Probable').waitFor();
    await item.getByText(`Validator: “${comment}”`).waitFor();
    await screenshot(page, 'web-validation-dashboard-desktop');

    await item.getByRole('link', { name: 'Song Thrush', exact: true }).click();
    await page.waitForURL(`**/en/observations/${ids.a}`);
    await page.getByRole('heading', { name: 'Song Thrush', level: 1 }).waitFor();
    await page.getByText('The validator’s comment').waitFor();
    await page.locator('article header').getByText(comment).waitFor();
    await page
      .locator('.history')
      .getByText('Victor re-identified it: Common Blackbird → Song Thrush')
      .waitFor();
    // No question here: nothing to answer.
    await expect(page.getByLabel('Your answer').count()).resolves.toBe(0);
    expect(observerErrors).toEqual([]);
  });

  it('lets the observer answer the question', async () => {
    const page = observerPage;
    await page.goto(`${platform.url}/en/observations/${ids.b}`);
    await page.locator('.history').getByText(question).waitFor();
    await page.getByLabel('Your answer').fill('Yes, two pale bars on each wing.');
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await page.getByText('Answer sent.').waitFor();
    await page.locator('.history').getByText('Odile answered').waitFor();

    const state = await api<ValidationState>(
      platform.url,
      'GET',
      `/api/observations/${ids.b}/validation?lang=en`,
      { token: validator.token },
    );
    expect(state.history.map((event) => event.kind)).toEqual(['question', 'validated', 'answer']);
    expect(state.history[2]).toMatchObject({
      actor: 'Odile',
      comment: 'Yes, two pale bars on each wing.',
    });
    expect(observerErrors).toEqual([]);
  });

  it('keeps the validator’s comments from anyone else', async () => {
    const visitor = await browser.newPage({ viewport: DESKTOP, locale: 'en-GB' });
    const visitorErrors = collectErrors(visitor);
    await visitor.goto(`${platform.url}/en/observations/${ids.a}`);
    await visitor.getByRole('heading', { name: 'Song Thrush', level: 1 }).waitFor();
    await expect(visitor.getByText(comment).count()).resolves.toBe(0);
    await expect(visitor.locator('.history').count()).resolves.toBe(0);
    // The validation pages are for the team.
    await visitor.goto(`${platform.url}/en/validation`);
    await waitForPage(visitor, '/en/login', 'redirect=%2Fen%2Fvalidation');
    expect(visitorErrors).toEqual([]);
    await visitor.close();
  });

  it('passes axe-core on the validation pages, at phone and desktop widths', async () => {
    const violations: string[] = [];
    for (const [name, page, pagePath] of [
      ['validation-queue', validatorPage, `/en/validation?${JUNE_2023}&status=all`],
      ['validation-review', validatorPage, `/en/validation/${ids.b}?${JUNE_2023}`],
      ['validation-own', validatorPage, `/en/validation/${ids.own}`],
      ['validation-queue-fr', validatorPage, `/fr/validation?${JUNE_2023}&status=all`],
      ['observation-validated', observerPage, `/en/observations/${ids.b}`],
      ['dashboard-validated', observerPage, '/en/dashboard'],
    ] as const) {
      violations.push(
        ...(await checkAtBothWidths(page, name, () => page.goto(platform.url + pagePath))),
      );
    }
    expect(violations).toEqual([]);
    expect(validatorErrors).toEqual([]);
    expect(observerErrors).toEqual([]);
  });
});
