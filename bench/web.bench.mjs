// The web app under load and on the wire, in the embedded mode (one process, demo data):
// - server-side rendering throughput and latency (p50, p95) of the home and programme pages,
//   with autocannon on loopback;
// - the JavaScript a browser downloads for the programme page, MapLibre included (target:
//   under 350 kB gzipped), measured in Chromium from what the page actually fetches. MapLibre's
//   web worker is counted apart: MapLibre 6 alone (main module and worker) is over 430 kB.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { freePort } from './citizen-servers.mjs';

const root = path.resolve(import.meta.dirname, '..');
const DURATION_S = 15;
const CONNECTIONS = 10;
const JS_TARGET_KB = 350;

async function startCitizen(dataDir) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise((resolve, reject) => {
    const onData = (data) => {
      output += data;
      if (output.includes('Citizen is ready at')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`Citizen exited with ${code}:\n${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** autocannon on one page; latencies are taken per response to get an exact p95. */
async function load(url) {
  const latencies = [];
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { 'accept-language': 'fr' },
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytes: result.throughput.average / Math.max(1, result.requests.average),
  };
}

/** Every script the page downloads (modules, chunks, MapLibre's worker), raw and gzipped. */
async function javascriptOf(browser, url, waitForMap) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const scripts = new Map();
  page.on('response', async (response) => {
    const responseUrl = response.url();
    if (!/\.m?js(\?|$)/.test(new URL(responseUrl).pathname)) return;
    try {
      const body = await response.body();
      scripts.set(responseUrl, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    } catch {
      // A response without a body (e.g. a 304) is counted when it first arrives.
    }
  });
  const started = performance.now();
  await page.goto(url, { waitUntil: 'networkidle' });
  let mapIdle = null;
  if (waitForMap) {
    await page.locator('[data-map-state="idle"]').first().waitFor({ timeout: 60_000 });
    mapIdle = (performance.now() - started) / 1000;
  }
  await page.waitForLoadState('networkidle');
  await page.close();
  const list = [...scripts].map(([scriptUrl, size]) => ({
    name: path.basename(new URL(scriptUrl).pathname),
    ...size,
  }));
  const total = (key, filter = () => true) =>
    list.filter(filter).reduce((sum, s) => sum + s[key], 0);
  const isWorker = (s) => s.name.startsWith('maplibre-gl-worker');
  return {
    files: list.length,
    raw: total('raw'),
    gzip: total('gzip'),
    mainGzip: total('gzip', (s) => !isWorker(s)),
    workerGzip: total('gzip', isWorker),
    largest: list.sort((a, b) => b.gzip - a.gzip).slice(0, 3),
    mapIdle,
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const ms = (value) => `${Math.round(value)} ms`;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-bench-web-'));
const citizen = await startCitizen(dataDir);
try {
  const pages = [
    ['home', `${citizen.url}/fr`],
    ['programme', `${citizen.url}/fr/programs/1`],
  ];
  // Warm up: the first renders compile code paths and fill the database's caches.
  for (const [, url] of pages) for (let i = 0; i < 20; i++) await (await fetch(url)).text();
  const loads = [];
  for (const [name, url] of pages) loads.push([name, await load(url)]);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const homeJs = await javascriptOf(browser, `${citizen.url}/fr`, false);
  const programmeJs = await javascriptOf(browser, `${citizen.url}/fr/programs/1`, true);
  await browser.close();

  const lines = [
    '# Web app: server-side rendering under load, and JavaScript shipped',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (shared), Node ${process.version}, ` +
      'embedded mode (API and SSR in one process, PGlite, demo data), loopback.',
    '',
    `## SSR under load (autocannon, ${CONNECTIONS} connections, ${DURATION_S} s per page, after a warm-up)`,
    '',
    '| page | requests/s | p50 | p95 | p99 | HTML size | non-2xx | errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...loads.map(
      ([name, r]) =>
        `| ${name} | ${r.requestsPerSecond.toFixed(1)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${kb(r.bytes)} | ${r.non2xx} | ${r.errors} |`,
    ),
    '',
    'Each page render asks the API for what it shows (settings, menu, programme, statistics, first',
    'page of observations, species list, areas) over loopback HTTP, in the same process.',
    '',
    '## JavaScript downloaded by the browser (everything the page fetches, gzip -9 of each file)',
    '',
    '| page | files | raw | gzipped, all | gzipped, main thread | MapLibre worker |',
    '| --- | --- | --- | --- | --- | --- |',
    `| home | ${homeJs.files} | ${kb(homeJs.raw)} | ${kb(homeJs.gzip)} | ${kb(homeJs.mainGzip)} | – |`,
    `| programme (map idle in ${programmeJs.mapIdle.toFixed(1)} s) | ${programmeJs.files} | ${kb(programmeJs.raw)} | ${kb(programmeJs.gzip)} | ${kb(programmeJs.mainGzip)} | ${kb(programmeJs.workerGzip)} |`,
    '',
    `Programme page without the worker (the main thread's code): ${kb(programmeJs.mainGzip)} gzipped ` +
      `(target ${programmeJs.mainGzip / 1024 < JS_TARGET_KB ? 'met' : 'missed'}); with the worker, ${kb(programmeJs.gzip)}.`,
    `Largest files: ${programmeJs.largest.map((s) => `${s.name} ${kb(s.gzip)}`).join(', ')}.`,
    '',
  ];
  const report = lines.join('\n');
  console.log(report);
  writeFileSync(path.join(import.meta.dirname, 'results/web.md'), report);
  if (programmeJs.mainGzip / 1024 >= JS_TARGET_KB) {
    console.log(`JavaScript target missed: ${kb(programmeJs.mainGzip)} >= ${JS_TARGET_KB} kB.`);
  }
} finally {
  await citizen.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
