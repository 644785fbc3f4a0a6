import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramList } from '@citizen/shared';
import { browserOwnPages, launchBrowser, screenshot } from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';

/** A 1×1 PNG: what the base map's tile server answers. */
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('embedded Citizen in a browser', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-e2e-'));
  let platform: RunningPlatform;
  let browser: Browser;
  // A base map on another origin: the pages' content policy must let MapLibre fetch its tiles.
  let tiles: Server;
  let tileRequests = 0;
  let env: Record<string, string>;

  beforeAll(async () => {
    tiles = createServer((_request, response) => {
      tileRequests++;
      response.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
      response.end(TILE);
    });
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
    const tileOrigin = `http://127.0.0.1:${(tiles.address() as { port: number }).port}`;
    env = {
      DATA_DIR: dataDir,
      MAP_BASE_LAYERS: JSON.stringify([
        { id: 'local', name: 'Local', type: 'raster', tiles: [`${tileOrigin}/{z}/{x}/{y}.png`] },
      ]),
    };
    [platform, browser] = await Promise.all([
      startPlatform(env, 240_000, { firstStart: true }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    tiles?.close();
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
    // Chromium reports what a Content-Security-Policy blocks on the console.
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
    const home = await page.goto(`${platform.url}/fr`);
    expect(home!.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
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
    expect(tileRequests).toBeGreaterThan(0);
    await screenshot(page, 'programme-desktop');
    expect(errors).toEqual([]);
    // Nothing of the browser's own beside the page: its hidden address-bar popup cost as much CPU.
    await expect(browserOwnPages(browser)).resolves.toEqual([]);
    await page.close();
  });

  it('keeps its data across a restart and does not load the demo again', async () => {
    await platform.stop();
    platform = await startPlatform(env);
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
