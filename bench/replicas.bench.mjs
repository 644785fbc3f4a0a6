// Reads with one API replica and with two on one PostgreSQL (BENCH_DATABASE_URL or
// TEST_DATABASE_URL), the built server (apps/api/dist): autocannon spreads its connections over
// the replicas as a load balancer would. Cases: the observation list, a programme's detail and a
// public photo (display copy through the API; the replicas share one media folder). Throughput
// should nearly double with two replicas where the API's CPU is what limits it; on a small
// machine the client, PostgreSQL and the replicas share the same cores (see the load figures).
// Results: bench/results/replicas.md, the earlier run's figures kept beside (replicas.json).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import sharp from 'sharp';
import {
  loadAverage,
  observationForm,
  loginAsDemoAdmin,
  scratchDatabase,
  startCitizen,
} from './citizen-servers.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 8;
const RESULTS = path.join(import.meta.dirname, 'results/replicas.json');

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-bench-replicas-'));
const database = await scratchDatabase('citizen_bench_replicas');
const env = {
  DATABASE_URL: database.url,
  DATA_DIR: dataDir,
  DEMO_DATA: 'true',
  DATABASE_POOL_SIZE: '10',
};
const first = await startCitizen(env);
const second = await startCitizen({ ...env, DEMO_DATA: 'false' });

// One public photo to read back.
const token = await loginAsDemoAdmin(first.base, dataDir);
const jpeg = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#4a7' } })
  .jpeg()
  .toBuffer();
const saved = await fetch(`${first.base}/observations`, {
  method: 'POST',
  headers: { authorization: `Bearer ${token}` },
  body: observationForm(jpeg),
});
if (saved.status !== 201) throw new Error(`upload: ${saved.status} ${await saved.text()}`);
const photoPath = (await saved.json()).photos[0].displayUrl.replace(/^\/api/, '');

const cases = [
  ['observation list (50 a page)', '/observations?program=1'],
  ['programme detail', '/programs/1'],
  ['public photo (display copy)', photoPath],
];

async function run(bases, urlPath) {
  const result = await autocannon({
    url: bases.map((base) => `${base}${urlPath}`),
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${urlPath}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return { rps: Math.round(result.requests.average), p99: result.latency.p99 };
}

const loadAtStart = loadAverage();
const rows = [];
for (const [name, urlPath] of cases) {
  await run([first.base, second.base], urlPath); // warm-up of both
  const one = await run([first.base], urlPath);
  const two = await run([first.base, second.base], urlPath);
  rows.push({ name, one, two, ratio: Number((two.rps / one.rps).toFixed(2)) });
  console.log(`  ${name}: ${one.rps} → ${two.rps} req/s (×${rows.at(-1).ratio})`);
}
await Promise.all([first.stop(), second.stop()]);
await database.drop();
rmSync(dataDir, { recursive: true, force: true });

const earlier = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')).latest : null;
const latest = {
  measured: new Date().toISOString().slice(0, 16).replace('T', ' '),
  load: `${loadAtStart} → ${loadAverage()}`,
  rows,
};
writeFileSync(RESULTS, `${JSON.stringify({ latest, earlier }, null, 2)}\n`);

const line = (cells) => `| ${cells.join(' | ')} |`;
const table = (run) => [
  line(['read', '1 replica: req/s (p99)', '2 replicas: req/s (p99)', '2 ÷ 1']),
  line(['---', '---', '---', '---']),
  ...run.rows.map((r) =>
    line([
      r.name,
      `${r.one.rps} (${r.one.p99} ms)`,
      `${r.two.rps} (${r.two.p99} ms)`,
      `×${r.ratio}`,
    ]),
  ),
];
const md = [
  '# Reads with two API replicas against one',
  '',
  `On ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, by ` +
    `\`npm run bench replicas\`: autocannon, ${CONNECTIONS} connections for ${SECONDS} s a case, ` +
    'spread over the replicas; one PostgreSQL, the demo data, photos in one shared folder. ' +
    'The client, PostgreSQL and the replicas share the machine: the load is given.',
  '',
  `## ${latest.measured} UTC (load ${latest.load})`,
  '',
  ...table(latest),
  '',
  ...(earlier
    ? [`## Earlier: ${earlier.measured} UTC (load ${earlier.load})`, '', ...table(earlier), '']
    : []),
];
writeFileSync(path.join(import.meta.dirname, 'results/replicas.md'), md.join('\n'));
console.log(md.join('\n'));
