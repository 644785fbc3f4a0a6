// Hot paths (issue 16), each figure kept beside the earlier ones in bench/results/hot-paths.md:
//   - programme list and page on 1,000,000 observations (target: list p50 ≤ 20 ms);
//   - vector tiles at z5-z8, z10, z12 with broad filters (a common taxon, status, a year)
//     (target: p95 < 50 ms);
//   - the embedded mode (PGlite, demo data) under 50 concurrent connections: p99 and timeouts;
//   - the embedded warm start: launch to first programme page on an existing data folder
//     (target: < 5 s).
// The 1M database is the one of bench/generate-observations.mjs (made if missing, kept).
// BENCH_LABEL names the column of this run (default "now"); a run with the label of an earlier
// one replaces it. BENCH_API_ROOT runs another checkout's build (e.g. an older commit, built).
// BENCH_PARTS=programmes,tiles,embedded,start limits what runs. BENCH_NOTE says what the report
// should tell about this run (e.g. "run just after X, on the same data"). Needs `npm run build`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { databaseUrl, generateObservations } from './generate-observations.mjs';
import { freePort } from './citizen-servers.mjs';

const root = path.resolve(process.env.BENCH_API_ROOT ?? path.join(import.meta.dirname, '..'));
const LABEL = process.env.BENCH_LABEL ?? 'now';
const PARTS = (process.env.BENCH_PARTS ?? 'programmes,tiles,embedded,start').split(',');
const REQUESTS = 60;
const CONNECTIONS = 50;
const LOAD_SECONDS = 20;
const WARM_RUNS = 3;
const resultsFile = path.join(import.meta.dirname, 'results/hot-paths.json');
const reportFile = path.join(import.meta.dirname, 'results/hot-paths.md');

/** Starts the server of `root`, resolves when `ready` answers; `stop` ends it. */
async function startServer(env, ready) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), PUBLIC_URL: base, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.on('exit', () => child.kill('SIGKILL'));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${base}${ready.path}`);
      if (response.ok && (await response.text()).includes(ready.text ?? '')) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    base,
    startSeconds: (performance.now() - started) / 1000,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** "z/x/y" of the tile holding a point. */
function tileAt(z, lon, lat) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n);
  return `${z}/${x}/${y}`;
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

async function measure(urls) {
  const times = [];
  for (const url of urls) {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status >= 400) throw new Error(`${url}: ${response.status}`);
    times.push(performance.now() - started);
  }
  const first = times[0];
  times.sort((a, b) => a - b);
  return { first, p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1) };
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
const run = (results[LABEL] = {
  ...results[LABEL],
  date: new Date().toISOString().slice(0, 16).replace('T', ' '),
  node: process.version,
  cores: os.cpus().length,
  ...(process.env.BENCH_NOTE ? { note: process.env.BENCH_NOTE } : {}),
});

// ---- 1,000,000 observations on PostgreSQL ----------------------------------------------------------

if (PARTS.includes('programmes') || PARTS.includes('tiles')) {
  const db = new pg.Client({ connectionString: databaseUrl() });
  const count = await db
    .connect()
    .then(() => db.query('select count(*)::int as n from observations'))
    .then(({ rows }) => rows[0].n)
    .catch(() => 0);
  if (count !== 1_000_000) {
    await db.end().catch(() => {});
    console.log('Generating 1,000,000 observations…');
    await generateObservations(1_000_000);
    await db.connect();
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-bench-hot-'));
  const server = await startServer(
    { DATABASE_URL: databaseUrl(), DATA_DIR: dataDir, SERVE_WEB: 'false', DEMO_DATA: 'false' },
    { path: '/api/health' },
  );
  const api = `${server.base}/api`;
  const loadBefore = load();

  if (PARTS.includes('programmes')) {
    console.log('Programmes');
    run.programmes = {
      load: loadBefore,
      list: await measure(Array.from({ length: REQUESTS }, () => `${api}/programs`)),
      page: await measure(
        Array.from({ length: REQUESTS }, (_, i) => `${api}/programs/${1 + (i % 4)}`),
      ),
    };
    console.log(run.programmes);
  }

  if (PARTS.includes('tiles')) {
    console.log('Tiles with broad filters');
    const { rows: points } = await db.query(`
      select program_id, ST_X(public_geom) as x, ST_Y(public_geom) as y
      from observations tablesample system (2) repeatable (7) where is_public limit 3000`);
    const { rows: common } = await db.query(`
      select cd_nom from observations group by cd_nom order by count(*) desc limit 1`);
    const tileUrls = (z, query) => {
      const seen = new Map();
      for (const p of points) {
        const url = `${api}/programs/${p.program_id}/tiles/${tileAt(z, p.x, p.y)}.mvt${query}`;
        seen.set(url, (seen.get(url) ?? 0) + 1);
      }
      const urls = [...seen.entries()].sort((a, b) => b[1] - a[1]).map(([url]) => url);
      return {
        distinct: urls.length,
        urls: Array.from({ length: REQUESTS }, (_, i) => urls[i % urls.length]),
      };
    };
    run.tiles = { load: load(), cases: [] };
    for (const [name, query] of [
      ['taxon (the most observed)', `?taxon=${common[0].cd_nom}`],
      ['status=certain', '?status=certain'],
      ['from=2024-01-01&to=2024-12-31', '?from=2024-01-01&to=2024-12-31'],
    ]) {
      for (const z of [5, 6, 7, 8, 10, 12]) {
        const { distinct, urls } = tileUrls(z, query);
        // Each distinct tile once (built), then the same requests as people panning around.
        const built = await measure([...new Set(urls)]);
        const served = await measure(urls);
        run.tiles.cases.push({ name, z, distinct, built, served });
        console.log(
          `  ${name} z${z}: built max ${built.max.toFixed(1)} ms, p95 ${served.p95.toFixed(1)} ms`,
        );
      }
    }
  }
  run.postgresLoadAfter = load();
  await server.stop();
  await db.end();
  rmSync(dataDir, { recursive: true, force: true });
}

// ---- Embedded mode (PGlite) ---------------------------------------------------------------------------

const embeddedDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-bench-embedded-'));
const programmePage = { path: '/programs/1', text: '<h1' };
try {
  if (PARTS.includes('embedded') || PARTS.includes('start')) {
    // The first start creates the database and loads the demo.
    const first = await startServer({ DATA_DIR: embeddedDir }, programmePage);
    await first.stop();
  }
  if (PARTS.includes('embedded')) {
    console.log(`Embedded, ${CONNECTIONS} connections`);
    const server = await startServer({ DATA_DIR: embeddedDir }, programmePage);
    run.embedded = { load: load(), cases: [] };
    // The page in the default language (/programs/1 redirects there).
    const page = new URL((await fetch(`${server.base}/programs/1`)).url).pathname;
    for (const [name, paths] of [
      ['programme page (server-side rendered)', [page]],
      [
        'API mix (programmes, statistics, observations, tiles)',
        [
          '/api/programs',
          '/api/programs/1/stats',
          '/api/observations?program=1',
          `/api/programs/1/tiles/${tileAt(10, 4.85, 45.775)}.mvt`,
          `/api/programs/1/tiles/${tileAt(12, 4.85, 45.775)}.mvt?status=certain`,
        ],
      ],
    ]) {
      const result = await autocannon({
        url: server.base,
        connections: CONNECTIONS,
        duration: LOAD_SECONDS,
        timeout: 10,
        requests: paths.map((p) => ({ method: 'GET', path: p })),
      });
      const row = {
        name,
        requests: result.requests.total,
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
        timeouts: result.timeouts,
        errors: result.errors,
        non2xx: result.non2xx,
      };
      run.embedded.cases.push(row);
      console.log(row);
    }
    await server.stop();
  }
  if (PARTS.includes('start')) {
    console.log('Warm start');
    const times = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const server = await startServer({ DATA_DIR: embeddedDir }, programmePage);
      times.push(server.startSeconds);
      await server.stop();
    }
    run.warmStart = { load: load(), times, median: [...times].sort((a, b) => a - b)[1] };
    console.log(run.warmStart);
  }
} finally {
  rmSync(embeddedDir, { recursive: true, force: true });
}

// ---- Report: one column per run ------------------------------------------------------------------------

writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
const labels = Object.keys(results);
// Every tile case of every run (a later run may measure more zooms), by filter then zoom.
const tileCases = [];
for (const c of labels.flatMap((l) => results[l].tiles?.cases ?? [])) {
  if (!tileCases.some((t) => t.name === c.name && t.z === c.z)) tileCases.push(c);
}
const filterNames = [...new Set(tileCases.map((c) => c.name))];
tileCases.sort((a, b) => filterNames.indexOf(a.name) - filterNames.indexOf(b.name) || a.z - b.z);
const ms = (v) => (v === undefined ? '–' : `${v.toFixed(1)} ms`);
const row = (cells) => `| ${cells.join(' | ')} |`;
const header = (first) => [row([first, ...labels]), row(['---', ...labels.map(() => '---')])];
const lines = [
  '# Hot paths: programme list, broad-filter tiles, embedded mode under load, warm start',
  '',
  'By `npm run bench -- hot-paths`; each column is one run (BENCH_LABEL), on the same shared 2-core machine, ' +
    'whose load average (1 / 5 / 15 min) is given per part: other work running meanwhile slows every figure.',
  '',
  ...header('run'),
  row(['date (UTC)', ...labels.map((l) => results[l].date)]),
  row(['Node', ...labels.map((l) => results[l].node)]),
  '',
  ...labels.filter((l) => results[l].note).map((l) => `- ${l}: ${results[l].note}`),
  ...(labels.some((l) => results[l].note) ? [''] : []),
  '## Programmes on 1,000,000 observations (target: list p50 ≤ 20 ms)',
  '',
  `${REQUESTS} requests one after another; "first" is the first request after the server started.`,
  '',
  ...header('case'),
  row(['load at the start', ...labels.map((l) => results[l].programmes?.load ?? '–')]),
  ...['list', 'page'].flatMap((k) =>
    ['first', 'p50', 'p95'].map((p) =>
      row([
        `${k === 'list' ? 'GET /api/programs' : 'GET /api/programs/:id'} ${p}`,
        ...labels.map((l) => ms(results[l].programmes?.[k][p])),
      ]),
    ),
  ),
  '',
  '## Tiles with broad filters at z5-z12, 1,000,000 observations (target: p95 < 50 ms)',
  '',
  `"built": each distinct tile asked once (the first build of a tile after a change); "served": ${REQUESTS} ` +
    'requests cycling over those tiles, as people panning and zooming ask them again.',
  '',
  ...header('filter, zoom (distinct tiles)'),
  row(['load at the start', ...labels.map((l) => results[l].tiles?.load ?? '–')]),
  ...tileCases.flatMap((c) =>
    [
      ['built p95', (x) => x?.built.p95],
      ['built max', (x) => x?.built.max],
      ['served p95', (x) => x?.served.p95],
    ].map(([what, pick]) =>
      row([
        `${c.name}, z${c.z} (${c.distinct}): ${what}`,
        ...labels.map((l) =>
          ms(pick(results[l].tiles?.cases.find((x) => x.name === c.name && x.z === c.z))),
        ),
      ]),
    ),
  ),
  '',
  `## Embedded mode (PGlite, demo data) under ${CONNECTIONS} connections, ${LOAD_SECONDS} s each`,
  '',
  'autocannon on loopback, 10 s timeout.',
  '',
  ...header('case'),
  row(['load at the start', ...labels.map((l) => results[l].embedded?.load ?? '–')]),
  ...(results[labels.find((l) => results[l].embedded)]?.embedded.cases ?? []).flatMap((c) =>
    [
      ['requests/s', (x) => x?.rps.toFixed(1)],
      ['p50', (x) => x && `${x.p50} ms`],
      ['p99', (x) => x && `${x.p99} ms`],
      ['timeouts', (x) => x && `${x.timeouts} of ${x.requests + x.timeouts}`],
      ['non-2xx', (x) => x?.non2xx],
    ].map(([what, pick]) =>
      row([
        `${c.name}: ${what}`,
        ...labels.map(
          (l) => pick(results[l].embedded?.cases.find((x) => x.name === c.name)) ?? '–',
        ),
      ]),
    ),
  ),
  '',
  `## Embedded warm start (launch → first programme page; median of ${WARM_RUNS}; target < 5 s)`,
  '',
  ...header('case'),
  row(['load at the start', ...labels.map((l) => results[l].warmStart?.load ?? '–')]),
  row([
    'runs',
    ...labels.map(
      (l) => results[l].warmStart?.times.map((t) => `${t.toFixed(2)} s`).join(', ') ?? '–',
    ),
  ]),
  row([
    'median',
    ...labels.map((l) =>
      results[l].warmStart ? `${results[l].warmStart.median.toFixed(2)} s` : '–',
    ),
  ]),
  '',
];
writeFileSync(reportFile, lines.join('\n'));
console.log(lines.join('\n'));
