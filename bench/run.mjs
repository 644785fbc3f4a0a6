// `npm run bench`: runs the quick benchmarks, or those named on the command line; `--help` lists
// them. Each bench/*.bench.mjs runs when imported and writes its report to bench/results/.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** What each benchmark measures, on how much data, and what changes it. */
const BENCHMARKS = {
  start: {
    quick: true,
    measures: 'embedded start: launch to first programme page, cold and warm',
    size: 'the demo data; 1 cold and 3 warm starts',
  },
  web: {
    quick: true,
    measures: 'SSR throughput and latency (autocannon), JavaScript the programme page downloads',
    size: 'the demo data; 15 s per page, 10 connections; needs Chromium',
  },
  autocomplete: {
    quick: true,
    measures: 'taxon autocomplete latency on PostgreSQL and PGlite',
    size: '100,000 synthetic taxa, 1000 queries (BENCH_TAXA, BENCH_ENGINES=postgres,pglite)',
  },
  'gnc-import': {
    quick: false,
    measures: 'import-gnc: a GeoNature-citizen instance into Citizen, then a second run',
    size: '100,000 observations, 10,000 photos (BENCH_GNC_OBSERVATIONS, BENCH_GNC_PHOTOS)',
  },
  'photo-upload': {
    quick: true,
    measures: 'POST /api/observations with one photo, on this build or BENCH_API_DIST',
    size: 'the demo data; 12 MP, 2048 px and 1600 px JPEGs, 15 uploads each (BENCH_UPLOADS)',
  },
  offline: {
    quick: true,
    measures:
      'offline start of the programme page on a phone profile; the demo programme pack size',
    size: 'the demo data; base map z12-16 from a loopback stand-in; 7 offline starts, CPU slowed 4x',
  },
  replicas: {
    quick: false,
    measures: 'read throughput (autocannon) with one API replica and with two',
    size: 'the demo data; list, programme and photo reads, 10 s each (BENCH_SECONDS)',
  },
  'hot-paths': {
    quick: false,
    measures:
      'programme list and page, broad-filter tiles z5-z8, the embedded mode under 50 connections, its warm start; one column per run',
    size: '1,000,000 synthetic observations (generated once, kept); the demo data (BENCH_LABEL, BENCH_API_ROOT, BENCH_PARTS)',
  },
  observations: {
    quick: false,
    measures: 'vector tiles, list pages and exports',
    size: '1,000,000 synthetic observations, generated first (BENCH_OBSERVATIONS)',
  },
};

const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort();
const nameOf = (file) => file.slice(0, -'.bench.mjs'.length);

function help() {
  const names = files.map(nameOf);
  const width = Math.max(...names.map((n) => n.length));
  const rows = names.map((name) => {
    const about = BENCHMARKS[name];
    const head = `  ${name.padEnd(width)}  ${about?.quick ? 'quick' : 'long '}  `;
    if (!about) return `${head}(not described in bench/run.mjs)`;
    return `${head}${about.measures}\n  ${' '.repeat(width + 9)}${about.size}`;
  });
  console.log(`Usage: npm run bench [-- all | NAME...]

  npm run bench                  the quick benchmarks
  npm run bench -- all           every benchmark, the long ones too
  npm run bench -- observations  the benchmarks whose names start so

Benchmarks:
${rows.join('\n')}

They need \`npm run build\` first. Those on PostgreSQL create and drop their own database on the
server at BENCH_DATABASE_URL, else TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
Reports go to bench/results/.`);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  help();
  process.exit(0);
}
const selected =
  args.length === 0
    ? files.filter((f) => BENCHMARKS[nameOf(f)]?.quick)
    : args.includes('all')
      ? files
      : files.filter((f) => args.some((w) => f.startsWith(w)));
if (selected.length === 0) {
  console.error(`No benchmark matches ${args.join(' ')}; npm run bench -- --help lists them.`);
  process.exit(1);
}
for (const file of selected) {
  console.log(`\n== ${file}`);
  await import(pathToFileURL(path.join(dir, file)).href);
}
