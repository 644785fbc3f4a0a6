// Moving from GeoNature-citizen: `citizen import-gnc` on a synthetic instance of 100,000
// observations (2,000 accounts, four programmes, every validation status, anonymous and
// registered observers) of which 10,000 have a photo (a 1200 × 900 JPEG, as phones send them
// once resized; GeoNature-citizen keeps what was uploaded). The GeoNature-citizen database is
// built from its 1.3.2 schema (apps/api/test/fixtures/gnc), the Citizen one migrated with 500
// synthetic taxa, both on the server at BENCH_DATABASE_URL or TEST_DATABASE_URL, created and
// dropped here. The command runs as an operator runs it (apps/api/dist/cli.js, a child process);
// target: under 5 minutes. Then a second run, which finds everything imported already.
// Results go to bench/results/gnc-import.md. Needs `npm run build` first.
// BENCH_GNC_OBSERVATIONS and BENCH_GNC_PHOTOS change the sizes.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const sharp = createRequire(path.join(root, 'apps/api/package.json'))('sharp');
const OBSERVATIONS = Number(process.env.BENCH_GNC_OBSERVATIONS ?? 100_000);
const PHOTOS = Number(process.env.BENCH_GNC_PHOTOS ?? 10_000);
const USERS = 2000;
const TAXA = 500;
const TARGET_SECONDS = 300;
const SOURCE = 'citizen_bench_gnc_source';
const TARGET = 'citizen_bench_gnc_target';

const serverUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const urlOf = (name) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const recreate = (name) =>
  withClient(serverUrl, async (c) => {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
  });
const drop = (name) =>
  withClient(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * Runs the CLI; resolves with its exit code, wall time, CPU time (sampled every second, so up to
 * a second short) and output.
 */
function cli(args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'apps/api/dist/cli.js'), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let cpu = null;
    const sampler = setInterval(() => (cpu = cpuSeconds(child.pid) ?? cpu), 1000);
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => {
      output += d;
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      process.stderr.write(`[${seconds} s] ${d}`);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sampler);
      resolve({ code, seconds: (performance.now() - started) / 1000, cpu, output });
    });
  });
}

// ---- The GeoNature-citizen instance --------------------------------------------------------------

const work = mkdtempSync(path.join(os.tmpdir(), 'citizen-bench-gnc-'));
const gncMedia = path.join(work, 'gnc-media');
const citizenMedia = path.join(work, 'citizen-media');
mkdirSync(gncMedia);

console.log(
  `Building a GeoNature-citizen database: ${OBSERVATIONS} observations, ${PHOTOS} photos…`,
);
const built = performance.now();
await recreate(SOURCE);
await withClient(urlOf(SOURCE), async (c) => {
  const schema = readFileSync(
    path.join(root, 'apps/api/test/fixtures/gnc/gnc-1.3.2-schema.sql'),
    'utf8',
  ).replace(/^\\.*$/gm, '');
  await c.query('create extension postgis');
  await c.query(schema);
  await c.query("select pg_catalog.set_config('search_path', 'public', false)");
  // One passlib hash for every account: verifying it is not what is measured.
  const hash =
    '$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ';
  await c.query(`
    insert into gnc_core.t_modules (id_module, name, label, timestamp_create)
      values (1, 'observations', 'Observations', now());
    insert into gnc_core.t_users (id_user, name, surname, username, password, email, active,
        admin, validator, timestamp_create)
      select i, 'First', 'Last', 'observer' || i, '${hash}', 'observer' || i || '@example.org',
        i % 50 <> 0, i = 1, i <= 10, now() - i * interval '1 day'
      from generate_series(1, ${USERS}) i;
    insert into gnc_core.t_projects (id_project, unique_id_project, name, timestamp_create)
      values (1, gen_random_uuid(), 'Parc', now());
    insert into gnc_core.t_custom_form (id_form, name, json_schema, timestamp_create) values (1, 'Nids',
      '{"schema": {"type": "object", "properties": {"type_obs": {"type": "string", "enum": ["nid", "oiseau"]},
        "nb_nids": {"type": "integer", "minimum": 0}}},
        "form": [{"key": "type_obs", "type": "radios"}, {"key": "nb_nids", "condition": "type_obs==''nid''"}]}',
      now());
    insert into gnc_core.t_geometries (id_geom, name, geom, timestamp_create)
      values (1, 'Zone', ST_GeomFromText('POLYGON((4.7 45.6, 5.1 45.6, 5.1 45.9, 4.7 45.9, 4.7 45.6))', 4326), now());
    insert into gnc_core.t_programs (id_program, unique_id_program, id_project, title, short_desc,
        long_desc, id_module, taxonomy_list, is_active, id_geom, id_form, timestamp_create)
      select p, gen_random_uuid(), 1, 'Programme ' || p, '', '<p>Texte</p>', 1,
        case when p = 1 then 100 end, true, 1, case when p = 1 then 1 end, now()
      from generate_series(1, 4) p;
    insert into gnc_obstax.t_obstax (id_observation, uuid_sinp, id_program, cd_nom, name, date, count,
        comment, municipality, geom, json_data, id_role, obs_txt, email, timestamp_create,
        timestamp_update, validation_status, id_validator)
      select i, gen_random_uuid(), 1 + i % 4, 1000000 + (i * 7919) % ${TAXA}, 'Taxon saisi',
        date '2020-01-01' + (i % 1800), 1 + i % 5, case when i % 3 = 0 then 'vu' end, 'Lyon (69000)',
        ST_SetSRID(ST_MakePoint(4.7 + (i * 0.61803) % 0.4, 45.6 + (i * 0.41421) % 0.3), 4326),
        case when i % 4 = 1 then '{"type_obs": "nid", "nb_nids": 2}'::jsonb end,
        case when i % 3 = 0 then null else 1 + i % ${USERS} end,
        case when i % 3 = 0 then 'Anonyme' end, case when i % 6 = 0 then 'anon@example.org' end,
        now() - i * interval '10 minutes', now(),
        (array['NOT_VALIDATED', 'VALIDATED', 'INVALID', 'NON_VALIDATABLE'])[1 + i % 4]::public.validationstatus,
        case when i % 4 <> 0 then 1 + i % 10 end
      from generate_series(1, ${OBSERVATIONS}) i;
    insert into gnc_core.t_medias (id_media, filename, timestamp_create)
      select m, 'obstax_' || m || '.jpg', now() from generate_series(1, ${PHOTOS}) m;
    insert into gnc_obstax.cor_obstax_media (id_data_source, id_media, timestamp_create)
      select 1 + (m - 1) * ${Math.max(1, Math.floor(OBSERVATIONS / Math.max(PHOTOS, 1)))}, m, now()
      from generate_series(1, ${PHOTOS}) m;
  `);
});
// 50 different photos, copied under the 10,000 names: resizing costs the same for each.
const originals = [];
for (let i = 0; i < 50; i++) {
  const file = path.join(work, `photo-${i}.jpg`);
  const noise = Buffer.alloc(1200 * 900 * 3);
  for (let j = 0; j < noise.length; j++) noise[j] = ((j * 2654435761 + i * 97) >>> 24) ^ (j % 251);
  await sharp(noise, { raw: { width: 1200, height: 900, channels: 3 } })
    .blur(2)
    .jpeg({ quality: 85 })
    .toFile(file);
  originals.push(file);
}
for (let m = 1; m <= PHOTOS; m++)
  copyFileSync(originals[m % 50], path.join(gncMedia, `obstax_${m}.jpg`));

await recreate(TARGET);
const env = {
  DATABASE_URL: urlOf(TARGET),
  MEDIA_DIR: citizenMedia,
  DATA_DIR: work,
  LOG_LEVEL: 'silent',
};
const migrated = await cli(['migrate'], env);
if (migrated.code !== 0) throw new Error(`migrate failed:\n${migrated.output}`);
await withClient(urlOf(TARGET), (c) =>
  c.query(`insert into taxa (cd_nom, cd_ref, rank, scientific_name)
    select 1000000 + t, 1000000 + t, 'ES', 'Taxon ' || t from generate_series(0, ${TAXA - 1}) t`),
);
const buildSeconds = (performance.now() - built) / 1000;

// ---- The import ---------------------------------------------------------------------------------

const args = ['import-gnc', '--database', urlOf(SOURCE), '--media', gncMedia];
console.log('Importing…');
const first = await cli([...args, '--report', path.join(work, 'first.json')], env);
const firstReport = JSON.parse(readFileSync(path.join(work, 'first.json'), 'utf8'));
console.log('Importing again…');
const second = await cli([...args, '--report', path.join(work, 'second.json')], env);
const secondReport = JSON.parse(readFileSync(path.join(work, 'second.json'), 'utf8'));
const counts = await withClient(urlOf(TARGET), async (c) => {
  const { rows } = await c.query(`select (select count(*)::int from observations) as observations,
    (select count(*)::int from media) as media, (select count(*)::int from users) as users`);
  return rows[0];
});

const cpuText = (run) => (run.cpu === null ? 'n/a' : `${run.cpu.toFixed(1)} s`);
const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(', ');
const row = (table, r) => {
  const t = r.tables[table] ?? {};
  return `${t.read ?? 0} read, ${t.imported ?? 0} imported, ${t.alreadyImported ?? 0} already, ${t.skipped ?? 0} skipped`;
};
const report = `# Import from GeoNature-citizen (\`citizen import-gnc\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${os.availableParallelism()} cores, Node ${process.version},
PostgreSQL at the bench server; load average at the end ${load}${os.loadavg()[0] > os.availableParallelism() ? ' (a machine busy with other work: the wall time is inflated)' : ''}.

A synthetic GeoNature-citizen 1.3.2 instance: ${OBSERVATIONS.toLocaleString('en')} observations in four
programmes (one with a conditional form and a TaxHub list), ${USERS.toLocaleString('en')} accounts,
${PHOTOS.toLocaleString('en')} photos (1200 × 900 JPEG, each processed into a display and a thumbnail copy).
Building it took ${buildSeconds.toFixed(0)} s (not counted).

| run | time | CPU time of the command | target | exit code |
| --- | --- | --- | --- | --- |
| first import | ${first.seconds.toFixed(1)} s | ${cpuText(first)} | < ${TARGET_SECONDS} s | ${first.code} |
| second run (nothing new) | ${second.seconds.toFixed(1)} s | ${cpuText(second)} | | ${second.code} |

The CPU time is the command's own (photo resizing included), not PostgreSQL's; on a busy machine
it says more than the wall time about what the import costs.

First run: t_obstax ${row('t_obstax', firstReport)}; t_medias ${row('t_medias', firstReport)};
t_users ${row('t_users', firstReport)}.
Second run: t_obstax ${row('t_obstax', secondReport)}; t_medias ${row('t_medias', secondReport)}.
Citizen afterwards: ${counts.observations} observations, ${counts.media} photos, ${counts.users} accounts.
`;
writeFileSync(path.join(root, 'bench/results/gnc-import.md'), report);
console.log(report);

await drop(SOURCE);
await drop(TARGET);
rmSync(work, { recursive: true, force: true });
if (first.code !== 0 || first.seconds > TARGET_SECONDS) process.exitCode = 1;
