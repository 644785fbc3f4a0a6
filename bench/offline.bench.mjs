// Offline field capture, on a phone profile (360x740, CPU slowed 4x through the DevTools
// protocol): the demo programme stored for offline use with base-map tiles z12-16 (its size,
// target under 30 MB), then the programme page started with no network at all (target under
// 1 s), in the embedded mode with the demo data. The base map comes from a stand-in tile server
// on loopback whose tiles are noisy JPEGs of about the weight of real map tiles.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { freePort, startCitizen } from './citizen-servers.mjs';

const STARTS = 7;
const START_TARGET_MS = 1000;
const PACK_TARGET_MB = 30;

/** A tile server stand-in: the same noisy 256 px JPEG for every tile. */
async function tileServer() {
  const noise = Buffer.alloc(256 * 256 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = 120 + Math.floor(Math.random() * 60);
  const tile = await sharp(noise, { raw: { width: 256, height: 256, channels: 3 } })
    .jpeg({ quality: 70 })
    .toBuffer();
  let served = 0;
  const server = createServer((req, res) => {
    served += 1;
    res
      .writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'image/jpeg' })
      .end(tile);
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    tileBytes: tile.length,
    served: () => served,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const load = os
  .loadavg()
  .map((value) => value.toFixed(2))
  .join(' / ');
const tiles = await tileServer();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-bench-offline-'));
const citizen = await startCitizen({
  DATA_DIR: dataDir,
  SERVE_WEB: 'true',
  MAP_BASE_LAYERS: JSON.stringify([
    {
      id: 'bench',
      name: 'Bench tiles',
      type: 'raster',
      tiles: [`${tiles.url}/{z}/{x}/{y}.jpg`],
      maxzoom: 19,
      offlinePacking: true,
    },
  ]),
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'fr-FR',
  });
  const programme = `${citizen.url}/fr/programs/1`;

  // The pack: stored from the page as an observer does it, its bytes counted as they are stored.
  let page = await context.newPage();
  await page.goto(programme);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const pack = page.getByRole('region', { name: 'Utiliser hors ligne' });
  await pack.getByRole('button', { name: 'Utiliser hors ligne' }).click();
  await pack.getByLabel('Fond de carte').selectOption('bench');
  await pack.getByLabel('Du zoom').selectOption('12');
  await pack.getByLabel('Au zoom').selectOption('16');
  const estimate = Number(
    await pack.locator('[data-pack-estimate]').getAttribute('data-pack-estimate'),
  );
  const packStarted = performance.now();
  await pack.getByRole('button', { name: 'Télécharger' }).click();
  await pack.locator('[data-pack-stored]').waitFor({ timeout: 300_000 });
  const packSeconds = (performance.now() - packStarted) / 1000;
  const packBytes = Number(
    await pack.locator('[data-pack-stored]').getAttribute('data-pack-stored'),
  );
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  await page.close();

  // Offline starts of the programme page, on a slowed CPU.
  await context.setOffline(true);
  const starts = [];
  for (let i = 0; i < STARTS; i++) {
    page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const started = performance.now();
    await page.goto(programme, { waitUntil: 'load' });
    const loaded = performance.now() - started;
    // Interactive: the page's scripts have taken it over (the pack section reads IndexedDB).
    await page.getByRole('button', { name: /Utiliser hors ligne|Enregistrer à nouveau/ }).waitFor();
    const interactive = performance.now() - started;
    const paint = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    );
    starts.push({ loaded, interactive, paint });
    await page.close();
  }
  const first = starts[0];
  const warm = starts.slice(1);
  const row = (label, list) =>
    `| ${label} | ${Math.round(median(list.map((s) => s.paint ?? NaN)))} ms | ${Math.round(median(list.map((s) => s.loaded)))} ms | ${Math.round(median(list.map((s) => s.interactive)))} ms |`;

  const startMs = median(warm.map((s) => s.interactive));
  const lines = [
    '# Offline field capture: the programme pack and the offline start',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores shared with other work ` +
      `(load average 1/5/15 min at the start: ${load}), Node ${process.version}, embedded mode (PGlite, demo data), ` +
      'headless Chromium with a phone profile: 360x740, CPU slowed 4x (Emulation.setCPUThrottlingRate).',
    '',
    "## The demo programme's pack, base map z12-16",
    '',
    `- Estimated before downloading: ${mb(estimate)}; stored: **${mb(packBytes)}** (target under ${PACK_TARGET_MB} MB: ${packBytes < PACK_TARGET_MB * 1024 * 1024 ? 'met' : 'missed'}), in ${packSeconds.toFixed(1)} s on loopback.`,
    `- Base-map tiles fetched: ${tiles.served()} (stand-in JPEG of ${(tiles.tileBytes / 1024).toFixed(1)} kB each, about a real tile's weight).`,
    `- Storage the browser reports for the site after packing (app shell, pages, API answers, pack): ${mb(usage)}.`,
    '',
    '## Programme page started offline (service worker, no network)',
    '',
    "| start | first contentful paint | load event | interactive (the pack section rendered by the page's scripts) |",
    '| --- | --- | --- | --- |',
    row('first', [first]),
    row(`next ${warm.length} (median)`, warm),
    '',
    `Offline start (median, interactive): **${Math.round(startMs)} ms** (target under ${START_TARGET_MS} ms: ${startMs < START_TARGET_MS ? 'met' : 'missed'}).`,
    '',
  ];
  const report = lines.join('\n');
  console.log(report);
  writeFileSync(path.join(import.meta.dirname, 'results/offline.md'), report);
} finally {
  await browser.close();
  await citizen.stop();
  await tiles.close();
  rmSync(dataDir, { recursive: true, force: true });
}
