// Reading observations back on 1,000,000 synthetic observations (bench/generate-observations.mjs)
// in a scratch PostgreSQL database, created and dropped here (BENCH_DATABASE_URL or
// TEST_DATABASE_URL names the server). The real server runs as a child process
// (apps/api/dist/main.js); requests come one at a time from this process.
//   - vector tiles, z5 to z16 over the programmes' areas: p95 under 50 ms at every zoom;
//   - list pages (first pages and deep cursors, with and without filters): p95 under 30 ms;
//   - exports: CSV throughput (rows/s, MB/s) and the server's memory while streaming.
// Results go to bench/results/observations.md. Needs `npm run build` first.
// BENCH_OBSERVATIONS=n changes the size; BENCH_KEEP_DATABASE=1 keeps the database for a re-run,
// which BENCH_REUSE_DATABASE=1 then uses as it is.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { databaseUrl, dropBenchDatabase, generateObservations } from './generate-observations.mjs';
import { freePort } from './citizen-servers.mjs';
import {
  FIRST_BUILD_REQUESTS,
  ms,
  observationsReport,
  REQUESTS_PER_CASE,
} from './observations-report.mjs';

const root = path.resolve(import.meta.dirname, '..');
const COUNT = Number(process.env.BENCH_OBSERVATIONS ?? 1_000_000);
const KEEP = process.env.BENCH_KEEP_DATABASE === '1';
const REUSE = process.env.BENCH_REUSE_DATABASE === '1';

// ---- The database --------------------------------------------------------------------------------

let generation = null;
async function existingCount() {
  const client = new pg.Client({ connectionString: databaseUrl() });
  try {
    await client.connect();
    const { rows } = await client.query('select count(*)::int as n from observations');
    return rows[0].n;
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => {});
  }
}
if (!REUSE || (await existingCount()) !== COUNT) {
  console.log(`Generating ${COUNT.toLocaleString('en')} observations…`);
  generation = await generateObservations(COUNT);
}

const db = new pg.Client({ connectionString: databaseUrl() });
await db.connect();

// ---- The server ---------------------------------------------------------------------------------

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(status.match(new RegExp(`${name}:\\s+(\\d+) kB`))?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-bench-observations-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}/api`;
const server = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: databaseUrl(),
    DATA_DIR: dataDir,
    SERVE_WEB: 'false',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
// Whatever happens, the server goes with this process.
process.on('exit', () => server.kill('SIGKILL'));
for (;;) {
  if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
  try {
    if ((await fetch(`${base}/health`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}

// ---- Measuring ------------------------------------------------------------------------------------

// A validator's eyes (validators and admins see the same: every exact point): an administrator
// made by the CLI (left from an earlier run when the database is reused), with a bearer token.
const EXPERT_PASSWORD = 'bench-expert-password';
spawnSync(
  process.execPath,
  [
    path.join(root, 'apps/api/dist/cli.js'),
    'create-admin',
    '--username',
    'benchexpert',
    '--email',
    'benchexpert@bench.invalid',
    '--password-stdin',
  ],
  { input: EXPERT_PASSWORD, env: { ...process.env, DATABASE_URL: databaseUrl() } },
);
const login = await fetch(`${base}/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ login: 'benchexpert', password: EXPERT_PASSWORD }),
});
if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
const EXPERT = { authorization: `Bearer ${(await login.json()).accessToken}` };

async function timed(url, headers = {}) {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = new Uint8Array(await response.arrayBuffer());
  return { ms: performance.now() - started, status: response.status, bytes: body.length, response };
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

/** A new data version for every programme: the next tile is built, not taken from the cache. */
const newDataVersion = () =>
  db.query(`update program_data_versions set version = nextval('data_version_seq')`);

async function measure(urls, headers = {}, { uncached = false } = {}) {
  const times = [];
  let bytes = 0;
  const statuses = new Map();
  for (const url of urls) {
    if (uncached) await newDataVersion();
    const r = await timed(url, headers);
    if (r.status >= 400) throw new Error(`${url}: ${r.status}`);
    times.push(r.ms);
    bytes += r.bytes;
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  }
  times.sort((a, b) => a - b);
  return {
    n: times.length,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    max: times.at(-1),
    avgKb: bytes / times.length / 1024,
    statuses: [...statuses].map(([s, n]) => `${n}×${s}`).join(' '),
  };
}

/** Cycles through `items` to make `n` of them (a zoom-5 programme area is one or two tiles). */
const cycle = (items, n) => Array.from({ length: n }, (_, i) => items[i % items.length]);

function tileOf(z, lon, lat) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n),
  ];
}

// Where people look: tiles around observations picked at random (so denser places come up more
// often), in each programme.
const { rows: samplePoints } = await db.query(`
  select program_id, ST_X(public_geom) as x, ST_Y(public_geom) as y
  from observations tablesample system (2) repeatable (7) where is_public limit 3000`);
function tileUrls(z, query = '') {
  const seen = new Map();
  for (const p of samplePoints) {
    const [x, y] = tileOf(z, p.x, p.y);
    const url = `${base}/programs/${p.program_id}/tiles/${z}/${x}/${y}.mvt${query}`;
    seen.set(url, (seen.get(url) ?? 0) + 1);
  }
  // Distinct tiles first (each computed once: no cache), the busiest first.
  const urls = [...seen.entries()].sort((a, b) => b[1] - a[1]).map(([url]) => url);
  return cycle(urls, REQUESTS_PER_CASE);
}

const { rows: common } = await db.query(`
  select cd_nom from observations group by cd_nom order by count(*) desc limit 1`);
const { rows: rare } = await db.query(`
  select cd_nom from observations group by cd_nom having count(*) between 20 and 60 limit 1`);
const { rows: busyObserver } = await db.query(`
  select observer_id from observations where observer_id is not null
  group by observer_id order by count(*) desc limit 1`);
const COMMON = common[0].cd_nom;
const RARE = rare[0].cd_nom;
const OBSERVER = busyObserver[0].observer_id;

const results = { tiles: [], tileFilters: [], firstBuilds: [], list: [], exports: [] };
const loadAtStart = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ');
const memoryAtStart = memory(server.pid);

// Warm-up: connections, plans, the first pages of the table.
for (const url of tileUrls(10).slice(0, 20)) await timed(url);
for (let i = 0; i < 20; i++) await timed(`${base}/observations?program=${1 + (i % 4)}`);

console.log('Vector tiles');
for (let z = 5; z <= 16; z++) {
  const urls = tileUrls(z);
  const r = await measure(urls);
  const distinct = new Set(urls).size;
  results.tiles.push({ z, distinct, ...r });
  console.log(`  z${z}: p95 ${ms(r.p95)} (${distinct} tiles)`);
}
for (const [name, query] of [
  [`taxon (the most observed)`, `?taxon=${COMMON}`],
  [`taxon (${RARE}, rare)`, `?taxon=${RARE}`],
  ['status=certain', '?status=certain'],
  ['from=2024-01-01&to=2024-12-31', '?from=2024-01-01&to=2024-12-31'],
]) {
  for (const z of [5, 8, 11, 14, 16]) {
    const r = await measure(tileUrls(z, query));
    results.tileFilters.push({ name, z, ...r });
    console.log(`  ${name} z${z}: p95 ${ms(r.p95)}`);
  }
}
// First builds (a new data version before each request) of the filters the stored cell counts
// serve (migrations 0005, 0024, 0026), at the zooms where they count.
const FIRST_BUILD_FILTERS = [
  ['no filter', ''],
  ['status=certain', '?status=certain'],
  ['one year (2024)', '?from=2024-01-01&to=2024-12-31'],
  ['taxon (the most observed)', `?taxon=${COMMON}`],
  [
    'taxon (the most observed) + status=certain,probable + 2023-2024',
    `?taxon=${COMMON}&status=certain,probable&from=2023-01-01&to=2024-12-31`,
  ],
];
console.log('First builds of filtered tiles');
for (const [who, headers] of [
  ['public', {}],
  ['validator', EXPERT],
]) {
  for (const [name, query] of FIRST_BUILD_FILTERS) {
    for (let z = 5; z <= 12; z++) {
      const r = await measure(tileUrls(z, query).slice(0, FIRST_BUILD_REQUESTS), headers, {
        uncached: true,
      });
      results.firstBuilds.push({ who, name, z, ...r });
      console.log(`  ${who}, ${name}, z${z}: p95 ${ms(r.p95)}`);
    }
  }
}
{
  // Revalidation: the same tiles with their ETag.
  const urls = tileUrls(12);
  const etags = new Map();
  for (const url of new Set(urls)) etags.set(url, (await timed(url)).response.headers.get('etag'));
  const times = [];
  for (const url of urls) {
    const r = await timed(url, { 'if-none-match': etags.get(url) });
    if (r.status !== 304) throw new Error(`expected 304, got ${r.status}`);
    times.push(r.ms);
  }
  times.sort((a, b) => a - b);
  results.revalidation = { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

console.log('Observation list');
const { rows: deep } = await db.query(`
  select program_id, observed_on::text as day, id,
    to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created
  from observations tablesample system (1) repeatable (3) where is_public limit ${REQUESTS_PER_CASE}`);
// A cursor resuming after one of the `deep` rows (filters.ts: date sorts keep the day and the
// recording time, created_desc the recording time).
const cursor = (code, row) =>
  Buffer.from(
    JSON.stringify(
      code === 'c' ? [code, row.created, row.id] : [code, row.day, row.created, row.id],
    ),
  ).toString('base64url');
const [lon, lat] = [samplePoints[0].x, samplePoints[0].y];
const smallBox = [lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01]
  .map((v) => v.toFixed(5))
  .join(',');
const bigBox = [lon - 0.2, lat - 0.2, lon + 0.2, lat + 0.2].map((v) => v.toFixed(5)).join(',');
const listCases = [
  ['first page, no filter', () => `${base}/observations`],
  ['first page, programme', (i) => `${base}/observations?program=${1 + (i % 4)}`],
  [
    'first page, programme, limit=200',
    (i) => `${base}/observations?program=${1 + (i % 4)}&limit=200`,
  ],
  ['first page, sort=date_asc', (i) => `${base}/observations?program=${1 + (i % 4)}&sort=date_asc`],
  [
    'first page, sort=created_desc',
    (i) => `${base}/observations?program=${1 + (i % 4)}&sort=created_desc`,
  ],
  ['deep cursor, no filter', (i) => `${base}/observations?cursor=${cursor('d', deep[i])}`],
  [
    'deep cursor, programme',
    (i) => `${base}/observations?program=${deep[i].program_id}&cursor=${cursor('d', deep[i])}`,
  ],
  [
    'deep cursor, programme, sort=date_asc',
    (i) =>
      `${base}/observations?program=${deep[i].program_id}&sort=date_asc&cursor=${cursor('a', deep[i])}`,
  ],
  [
    'deep cursor, programme, sort=created_desc',
    (i) =>
      `${base}/observations?program=${deep[i].program_id}&sort=created_desc&cursor=${cursor('c', deep[i])}`,
  ],
  [
    'deep cursor, programme + status=certain',
    (i) =>
      `${base}/observations?program=${deep[i].program_id}&status=certain&cursor=${cursor('d', deep[i])}`,
  ],
  ['taxon (the most observed)', () => `${base}/observations?taxon=${COMMON}`],
  [
    'taxon (the most observed), deep cursor',
    (i) => `${base}/observations?taxon=${COMMON}&cursor=${cursor('d', deep[i])}`,
  ],
  ['taxon (rare)', () => `${base}/observations?taxon=${RARE}`],
  [
    'programme + taxon + date range',
    () => `${base}/observations?program=1&taxon=${COMMON}&from=2023-01-01&to=2023-12-31`,
  ],
  ['bbox 2 km', () => `${base}/observations?bbox=${smallBox}`],
  ['bbox 40 km', () => `${base}/observations?bbox=${bigBox}`],
  [
    'bbox 40 km, deep cursor',
    (i) => `${base}/observations?bbox=${bigBox}&cursor=${cursor('d', deep[i])}`,
  ],
  ['hasPhoto=true', (i) => `${base}/observations?program=${1 + (i % 4)}&hasPhoto=true`],
  ['observer (the busiest)', () => `${base}/observations?observer=${OBSERVER}`],
  ['status=doubtful,invalid', () => `${base}/observations?status=doubtful,invalid`],
];
for (const [name, make] of listCases) {
  const r = await measure(Array.from({ length: REQUESTS_PER_CASE }, (_, i) => make(i)));
  results.list.push({ name, ...r });
  console.log(`  ${name}: p95 ${ms(r.p95)}`);
}

console.log('Exports');
async function exportRun(name, url, throttle = null) {
  const started = performance.now();
  let peakRss = memory(server.pid).rssMb;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, memory(server.pid).rssMb);
  }, 50);
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = response.body.getReader();
  let bytes = 0;
  let lines = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
      if (throttle) {
        await new Promise((resolve) => setTimeout(resolve, throttle.pauseMs));
        if (performance.now() - started > throttle.forMs) {
          controller.abort();
          break;
        }
      }
    }
  } catch (error) {
    if (!throttle) throw error;
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const r = { name, seconds, bytes, lines, peakRss, rssAfter: memory(server.pid).rssMb };
  results.exports.push(r);
  console.log(
    `  ${name}: ${seconds.toFixed(1)} s, ${(bytes / 1e6).toFixed(1)} MB, server RSS peak ${peakRss.toFixed(0)} MB`,
  );
  return r;
}
const { rows: programCounts } = await db.query(`
  select program_id, count(*)::int as n from observations where is_public group by 1 order by 1`);
const countOf = (id) => programCounts.find((p) => Number(p.program_id) === id).n;
const csv = await exportRun(
  `CSV, programme 1 (${countOf(1).toLocaleString('en')} rows)`,
  `${base}/programs/1/export.csv`,
);
csv.rows = csv.lines - 1;
const geojson = await exportRun(
  `GeoJSON, programme 2 (${countOf(2).toLocaleString('en')} features)`,
  `${base}/programs/2/export.geojson`,
);
geojson.rows = countOf(2);
const dwca = await exportRun(
  `Darwin Core Archive, programme 2 (${countOf(2).toLocaleString('en')} occurrences, zipped)`,
  `${base}/programs/2/export.dwca.zip`,
);
dwca.rows = countOf(2);
const slow = await exportRun(
  'CSV, programme 1, read slowly for 10 s then dropped (backpressure)',
  `${base}/programs/1/export.csv`,
  { pauseMs: 20, forMs: 10_000 },
);
await new Promise((resolve) => setTimeout(resolve, 1000));
const memoryAtEnd = memory(server.pid);

// ---- Report ----------------------------------------------------------------------------------------

server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
const { rows: sizes } = await db.query(`
  select pg_size_pretty(pg_database_size(current_database())) as db,
    pg_size_pretty(pg_total_relation_size('observation_cells')) as cells,
    (select count(*) from observation_cells)::int as cell_rows,
    (select count(*) from observations)::int as observations,
    (select count(*) from observations where not is_public)::int as hidden,
    (select count(*) from observations where public_geom is distinct from geom)::int as blurred,
    split_part(version(), ' ', 2) as postgres`);
await db.end();
if (!KEEP) await dropBenchDatabase();
rmSync(dataDir, { recursive: true, force: true });

const report = observationsReport({
  results,
  firstBuildFilters: FIRST_BUILD_FILTERS,
  sizes: sizes[0],
  generation,
  loadAtStart,
  memory: { atStart: memoryAtStart, atEnd: memoryAtEnd },
  exports: { csv, geojson, dwca, slow },
});
console.log(`\n${report}`);
writeFileSync(path.join(import.meta.dirname, 'results/observations.md'), report);
