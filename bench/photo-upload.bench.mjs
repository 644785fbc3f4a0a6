// Photo upload: POST /api/observations with one photo, timed to the answer, on the built server
// (apps/api/dist, or BENCH_API_DIST: a build of another version, to compare) with PostgreSQL
// (BENCH_DATABASE_URL or TEST_DATABASE_URL) and the photos on disk. Photos as phones send them:
// 12 MP (4032 × 3024), 2048 px (what GeoNature's mobile app resizes to) and 1600 px.
// BENCH_LABEL names the run (default "this version"); results of every label are kept in
// bench/results/photo-upload.json and shown side by side in bench/results/photo-upload.md.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import {
  loadAverage,
  observationForm,
  loginAsDemoAdmin,
  percentile,
  scratchDatabase,
  startCitizen,
} from './citizen-servers.mjs';

const LABEL = process.env.BENCH_LABEL ?? 'this version';
const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 15);
const RESULTS = path.join(import.meta.dirname, 'results/photo-upload.json');

/** A photo-like JPEG: smooth gradients and fine noise, so that it compresses as photos do. */
async function phoneJpeg(width, height) {
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 3) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const noise = (seed >>> 24) % 24;
      pixels[i] = (60 + (x * 120) / width + noise) | 0;
      pixels[i + 1] = (90 + (y * 100) / height + noise) | 0;
      pixels[i + 2] = (40 + ((x + y) * 60) / (width + height) + noise) | 0;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'Bench', Model: 'Phone' } })
    .toBuffer();
}

const photos = [
  ['12 MP phone photo (4032 × 3024)', await phoneJpeg(4032, 3024)],
  ['2048 px, resized on the phone', await phoneJpeg(2048, 1536)],
  ['1600 px', await phoneJpeg(1600, 1200)],
];

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-bench-upload-'));
const database = await scratchDatabase('citizen_bench_upload');
const server = await startCitizen(
  {
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    DEMO_DATA: 'true',
    RATE_LIMITS: JSON.stringify({ observationCreate: { perIp: 100000, perAccount: 100000 } }),
  },
  process.env.BENCH_API_DIST ? path.resolve(process.env.BENCH_API_DIST) : undefined,
);
const token = await loginAsDemoAdmin(server.base, dataDir);
const loadAtStart = loadAverage();

async function upload(bytes) {
  const form = observationForm(bytes);
  const started = performance.now();
  const reply = await fetch(`${server.base}/observations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = await reply.json();
  const ms = performance.now() - started;
  if (reply.status !== 201) throw new Error(`${reply.status}: ${JSON.stringify(body)}`);
  return { ms, photo: body.photos[0] };
}

const rows = [];
for (const [name, bytes] of photos) {
  await upload(bytes); // warm-up
  const times = [];
  let last;
  for (let i = 0; i < UPLOADS; i++) {
    last = await upload(bytes);
    times.push(last.ms);
  }
  times.sort((a, b) => a - b);
  const display = await fetch(`${server.base}${last.photo.displayUrl.replace(/^\/api/, '')}`);
  const displayBytes = (await display.arrayBuffer()).byteLength;
  rows.push({
    name,
    originalKb: Math.round(bytes.length / 1024),
    p50: Math.round(times[Math.floor(times.length / 2)]),
    p95: Math.round(percentile(times, 0.95)),
    displayKb: Math.round(displayBytes / 1024),
    displayType: display.headers.get('content-type'),
  });
  console.log(`  ${name}: p50 ${rows.at(-1).p50} ms`);
}
await server.stop();
await database.drop();
rmSync(dataDir, { recursive: true, force: true });

const all = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
all[LABEL] = {
  measured: new Date().toISOString().slice(0, 16).replace('T', ' '),
  load: `${loadAtStart} → ${loadAverage()}`,
  uploads: UPLOADS,
  rows,
};
writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`);

const labels = Object.keys(all);
const line = (cells) => `| ${cells.join(' | ')} |`;
const md = [
  '# Photo upload: one observation with one photo',
  '',
  `On ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, by ` +
    '`npm run bench photo-upload`: POST /api/observations with one JPEG, timed to the answer, ' +
    'one request at a time, photos on disk. Each column is a run of the same bench on another ' +
    'version (BENCH_API_DIST, BENCH_LABEL); the machine is shared, so the load is given.',
  '',
  ...labels.map(
    (l) => `- ${l}: ${all[l].measured} UTC, ${all[l].uploads} uploads a photo, load ${all[l].load}`,
  ),
  '',
  line([
    'photo',
    'size',
    ...labels.map((l) => `${l}: p50 / p95`),
    ...labels.map((l) => `${l}: display copy`),
  ]),
  line(['---', '---', ...labels.map(() => '---'), ...labels.map(() => '---')]),
  ...rows.map((row) =>
    line([
      row.name,
      `${row.originalKb} kB`,
      ...labels.map((l) => {
        const r = all[l].rows.find((x) => x.name === row.name);
        return r ? `${r.p50} / ${r.p95} ms` : '';
      }),
      ...labels.map((l) => {
        const r = all[l].rows.find((x) => x.name === row.name);
        return r ? `${r.displayKb} kB ${r.displayType.replace('image/', '')}` : '';
      }),
    ]),
  ),
  '',
];
writeFileSync(path.join(import.meta.dirname, 'results/photo-upload.md'), md.join('\n'));
console.log(md.join('\n'));
