import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ProgramDetail } from '@citizen/shared';
import type { RunningPlatform } from './platform.js';
import { adminCredentials, api, goto, logIn } from './web.js';

/** Steps the offline browser journeys share (in English). */

/** Logs the demo admin in (an observer too) through the login page. */
export async function logInAsAdmin(
  page: Page,
  url: string,
  platform: RunningPlatform,
): Promise<void> {
  const admin = adminCredentials(platform);
  await logIn(page, url, admin.login, admin.password);
}

/** "Use offline" on the programme page: its pages and data, no base map, two zooms. */
export async function storeProgramme(page: Page, programmeUrl: string): Promise<void> {
  await page.goto(programmeUrl);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const pack = page.getByRole('region', { name: 'Use offline' });
  await pack.getByRole('button', { name: 'Use offline' }).click();
  await pack.getByLabel('From zoom').selectOption('12');
  await pack.getByLabel('To zoom').selectOption('13');
  await page.getByRole('button', { name: 'Download' }).click();
  await page.getByText('Stored: this programme works offline on this device.').waitFor();
  // Its data too: the species list the form searches offline, kept by the service worker as the
  // pack loaded the pages (none when the pack ran before the worker controlled the page).
  const [, lang, id] = /\/(\w+)\/programs\/(\d+)/.exec(new URL(programmeUrl).pathname)!;
  const taxa = `/api/programs/${id}/taxa?lang=${lang}`;
  await expect(
    page.evaluate(
      async (url) => Boolean(await caches.match(url, { cacheName: 'citizen-api' })),
      taxa,
    ),
  ).resolves.toBe(true);
}

/** Records blackbirds at these points ([latitude, longitude]) with the observation form. */
export async function recordBlackbirds(
  page: Page,
  programmeUrl: string,
  points: [number, number][],
): Promise<void> {
  await goto(page, `${programmeUrl}/observe`);
  for (const [index, [latitude, longitude]] of points.entries()) {
    await page.getByRole('combobox', { name: 'Species' }).fill('blackb');
    await page
      .getByRole('option', { name: /Common Blackbird/ })
      .first()
      .click();
    await page.getByLabel('Latitude').fill(String(latitude));
    await page.getByLabel('Longitude').fill(String(longitude));
    await page.getByRole('button', { name: 'Place at these coordinates' }).click();
    await page.getByText('Point placed at these coordinates.').waitFor();
    await page.getByRole('button', { name: 'Send the observation' }).click();
    await page.getByRole('heading', { name: 'Saved on this device' }).waitFor();
    if (index < points.length - 1) {
      await page.getByRole('button', { name: 'Record another observation' }).click();
    }
  }
}

/** The programme's observation count, as the API gives it. */
export async function observationCount(url: string, programId: number): Promise<number> {
  return (await api<ProgramDetail>(url, 'GET', `/api/programs/${programId}?lang=en`))
    .observationCount;
}

/** Points inside the demo programme's park in Lyon. */
export const PARK_POINTS: [number, number][] = [
  [45.7775, 4.8535],
  [45.779, 4.852],
];
