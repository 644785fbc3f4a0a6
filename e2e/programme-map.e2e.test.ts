import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramList } from '@citizen/shared';
import { launchBrowser, screenshot } from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';

describe('embedded Citizen in a browser', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-e2e-'));
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform({ DATA_DIR: dataDir }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the demo on its first start and prints the demo admin credentials', () => {
    expect(platform.output()).toMatch(/loading the demo/);
    expect(platform.output()).toMatch(
      /Demo admin \(username \/ e-mail \/ password\): admin \/ admin@example\.org \/ \S+/,
    );
  });

  it('server-renders the home page with the programmes', async () => {
    const html = await (await fetch(`${platform.url}/fr`)).text();
    expect(html).toMatch(/Oiseaux du parc de la Tête d(&#39;|')Or/);
    expect(html).toContain('Faune de Chartreuse');
  });

  it('opens a programme from the home page and shows all its observations on the map', async () => {
    const { items } = (await (await fetch(`${platform.url}/api/programs`)).json()) as ProgramList;
    const programme = items.find((p) => p.slug === 'tete-dor')!;

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${platform.url}/fr`);
    await page
      .getByRole('link', { name: /Tête d'Or/ })
      .first()
      .click();
    await page.waitForURL(`**/fr/programs/${programme.id}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      "Tête d'Or",
    );

    const map = page.locator('[data-rendered-observations]');
    await page.locator('[data-map-state="idle"]').first().waitFor({ timeout: 60_000 });
    const rendered = Number(await map.first().getAttribute('data-rendered-observations'));
    expect(rendered).toBe(programme.observationCount);
    await screenshot(page, 'programme-desktop');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps its data across a restart and does not load the demo again', async () => {
    await platform.stop();
    platform = await startPlatform({ DATA_DIR: dataDir });
    expect(platform.output()).not.toMatch(/loading the demo/);
    const { items } = (await (await fetch(`${platform.url}/api/programs`)).json()) as ProgramList;
    expect(items.map((p) => [p.slug, p.observationCount])).toEqual([
      ['tete-dor', 260],
      ['chartreuse', 180],
      // The site programme: the birds seen during its demo visits.
      ['mares-tete-dor', 7],
    ]);
  });
});
