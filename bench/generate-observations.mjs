// Fills a database with synthetic observations for the reading benchmarks, in SQL (INSERT ...
// SELECT generate_series), fast: about 2000 taxa (Zipf-like frequencies, 2.5 % sensitive, 200
// synonyms), 5000 observers, four programmes over real French landscapes, points clustered
// around hotspots (70 %) or spread over the area (30 %), five years of dates, 10 % with a photo,
// custom form answers in one programme, a few hidden ones.
//
//   node bench/generate-observations.mjs [count]   (default 1,000,000)
//
// creates (or replaces) the database citizen_bench_observations on BENCH_DATABASE_URL or
// TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres). Needs `npm run build`.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const dist = (file) => pathToFileURL(path.join(root, 'apps/api/dist', file)).href;

export const BENCH_DATABASE = 'citizen_bench_observations';

export const serverUrl = () =>
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name = BENCH_DATABASE) {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on the server's maintenance database. */
export async function admin(query) {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

export const dropBenchDatabase = () =>
  admin(`drop database if exists ${BENCH_DATABASE} with (force)`);

/** [id, slug, title, share of the observations, west, south, east, north] */
export const PROGRAMS = [
  [1, 'lyon', 'Biodiversité de la métropole lyonnaise', 40, 4.7, 45.6, 5.1, 45.9],
  [2, 'chartreuse', 'Faune de Chartreuse', 25, 5.6, 45.2, 6.0, 45.55],
  [3, 'camargue', 'Oiseaux de Camargue', 20, 4.2, 43.3, 4.9, 43.75],
  [4, 'bretagne', 'Littoral breton', 15, -4.8, 47.5, -2.8, 48.8],
];
const TAXA = 2000;
const HOTSPOTS = 25;
const CHUNK = 100_000;

export async function generateObservations(count = 1_000_000, log = console.log) {
  const started = performance.now();
  await dropBenchDatabase();
  await admin(`create database ${BENCH_DATABASE}`);
  const { openDatabase } = await import(dist('db/database.js'));
  const { migrate } = await import(dist('db/migrate.js'));
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(), poolSize: 1 });
  await migrate(database.db);
  await database.close();

  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  const q = (text, values) => client.query(text, values);
  try {
    await q(`select setseed(0.42)`);
    // Taxa: cd_nom 1000000 + k; every 40th sensitive (levels 1-3, a sensitivity rule of its
    // accepted name, migration 0014); 200 synonyms (2000000 + k).
    await q(`
      insert into taxa (cd_nom, cd_ref, rank, scientific_name, authority, kingdom, phylum, class,
        "order", family, taxref_version)
      select 1000000 + k, 1000000 + k, 'ES', 'Genus' || (k / 10) || ' species' || k,
        '(Author, ' || (1750 + k % 250) || ')', 'Animalia', 'Chordata', 'Aves',
        'Order' || (k / 200), 'Family' || (k / 40), '17.0'
      from generate_series(0, ${TAXA - 1}) k`);
    await q(`
      insert into taxa (cd_nom, cd_ref, rank, scientific_name, authority, kingdom, phylum, class,
        "order", family, taxref_version)
      select 2000000 + k, 1000000 + k, 'ES', 'Genus' || (k / 10) || ' synonymus' || k, '(Old, 1800)',
        'Animalia', 'Chordata', 'Aves', 'Order' || (k / 200), 'Family' || (k / 40), '17.0'
      from generate_series(0, 199) k`);
    await q(`
      insert into sensitivity_rules (source, cd_nom, level)
      select 'manual', 1000000 + k, 1 + (k / 40) % 3
      from generate_series(0, ${TAXA - 1}) k where k % 40 = 7`);
    await q(`
      insert into vernacular_names (cd_nom, lang, name, is_preferred)
      select 1000000 + k, lang, initcap(lang) || ' bird ' || k, true
      from generate_series(0, ${TAXA - 1}) k cross join unnest(array['fr', 'en', 'de']) lang
      where k % 2 = 0 or lang = 'fr'`);
    await q(`
      insert into users (username, email, display_name, is_active)
      select 'observer' || k, 'observer' || k || '@bench.invalid', 'Observer ' || k, true
      from generate_series(1, 5000) k`);
    await q(`
      insert into custom_forms (name, json_schema) values ('Habitat', '{"type":"object","properties":{
        "habitat":{"type":"string"},"weather":{"type":"string"},"nest":{"type":"object"}}}')`);
    for (const [id, slug, title, , west, south, east, north] of PROGRAMS) {
      await q(
        `insert into programs (id, slug, title, short_description, area, form_id)
         overriding system value
         values ($1::int, $2, $3, 'Synthetic programme for benchmarks',
           ST_Multi(ST_MakeEnvelope($4, $5, $6, $7, 4326)), case when $1::int = 1 then 1 end)`,
        [id, slug, title, west, south, east, north],
      );
    }
    await q(`select setval(pg_get_serial_sequence('programs', 'id'), 10)`);
    // Hotspots: a park, a marsh, a valley... a few of them far busier than the others.
    await q(
      `create table bench_hotspots (program_id int, k int, x float8, y float8, sigma float8)`,
    );
    for (const [id, , , , west, south, east, north] of PROGRAMS) {
      await q(
        `insert into bench_hotspots
         select $1::int, k, $2::float8 + random() * ($4::float8 - $2::float8),
           $3::float8 + random() * ($5::float8 - $3::float8),
           0.002 + random() * 0.03
         from generate_series(0, ${HOTSPOTS - 1}) k`,
        [id, west, south, east, north],
      );
    }
    await q(`create table bench_programs (id int, w float8, s float8, e float8, n float8)`);
    for (const [id, , , , west, south, east, north] of PROGRAMS) {
      await q(`insert into bench_programs values ($1, $2, $3, $4, $5)`, [
        id,
        west,
        south,
        east,
        north,
      ]);
    }
    const shares = PROGRAMS.map((p) => p[3]);
    const bounds = shares.map((_, i) => shares.slice(0, i + 1).reduce((a, b) => a + b, 0));

    // Bulk load without the row triggers; what they maintain is computed here, then rebuilt.
    await q(`alter table observations disable trigger user`);
    for (let start = 1; start <= count; start += CHUNK) {
      const end = Math.min(count, start + CHUNK - 1);
      await q(`
        insert into observations (program_id, cd_nom, observed_on, observed_time, count, comment,
          geom, sensitivity, public_geom, public_mx, public_my, public_key, coordinate_uncertainty_m,
          municipality, custom_data, observer_id,
          observer_name, validation_status, hidden_at, is_public, created_at, updated_at)
        select s.program_id, t.cd_nom, s.observed_on, s.observed_time, s.count, s.comment, s.geom,
          t.sensitivity, pp.g, pp.mx, pp.my, morton_key(pp.mx, pp.my), s.uncertainty, s.municipality, s.custom_data,
          s.observer_id, case when s.observer_id is null then 'Anonymous ' || (s.i % 2000) end,
          s.status, s.hidden_at,
          s.hidden_at is null, s.created_at, s.created_at
        from (
          select r.*, h.x, h.y,
            case when r.synonym < 0.05 and r.taxon < 200 then 2000000 else 1000000 end + r.taxon
              as cd_nom,
            ST_SetSRID(ST_MakePoint(
              least(greatest(case when r.hot < 0.7
                then h.x + h.sigma * sqrt(-2 * ln(r.u1)) * cos(2 * pi() * r.u2) / cos(radians(h.y))
                else p.w + r.u3 * (p.e - p.w) end, p.w), p.e),
              least(greatest(case when r.hot < 0.7
                then h.y + h.sigma * sqrt(-2 * ln(r.u1)) * sin(2 * pi() * r.u2)
                else p.s + r.u4 * (p.n - p.s) end, p.s), p.n)), 4326) as geom
          from (
            select i,
              case ${bounds.map((b, k) => `when i % 100 < ${b} then ${k + 1}`).join(' ')} end as program_id,
              x.*
            from generate_series(${start}, ${end}) i
            cross join lateral (select
              random() as hot, greatest(random(), 1e-12) as u1, random() as u2, random() as u3,
              random() as u4, floor(${HOTSPOTS} * random() ^ 2.5)::int as k,
              floor(${TAXA} * random() ^ 3)::int as taxon, random() as synonym,
              date '2021-01-01' + floor(random() * 1826)::int as observed_on,
              case when random() < 0.3 then make_time(6 + floor(random() * 14)::int,
                floor(random() * 60)::int, 0) end as observed_time,
              1 + floor(random() ^ 4 * 30)::int as count,
              case when random() < 0.2 then 'Seen near the path, ' || i end as comment,
              10 + floor(random() * 90)::int as uncertainty,
              case when random() < 0.5 then 'Commune ' || (i % 300) end as municipality,
              case when i % 100 < 40 and random() < 0.3 then jsonb_build_object(
                'habitat', (array['forest', 'meadow', 'wetland', 'urban'])[1 + i % 4],
                'weather', 'sunny', 'nest', jsonb_build_object('height', i % 20))
                else '{}'::jsonb end as custom_data,
              case when random() < 0.8 then 1 + floor(5000 * random() ^ 2)::int end as observer_id,
              (array['pending', 'pending', 'pending', 'pending', 'pending', 'certain', 'certain',
                'certain', 'probable', 'doubtful'])[1 + floor(random() * 10)::int] as status,
              case when random() < 0.001 then now() end as hidden_at,
              now() - random() * interval '1800 days' as created_at
              where i is not null) x
          ) r
          join bench_programs p on p.id = r.program_id
          join bench_hotspots h on h.program_id = r.program_id and h.k = r.k
        ) s
        join (select n.cd_nom, coalesce(r.level, 0)::smallint as sensitivity from taxa n
          left join sensitivity_rules r on r.cd_nom = n.cd_ref) t on t.cd_nom = s.cd_nom
        cross join lateral (select g,
          least(floor(mercator_u(g) * 16777216), 16777215)::int as mx,
          least(floor(mercator_v(g) * 16777216), 16777215)::int as my
          from (select public_point(s.geom, t.sensitivity) as g) x) pp`);
      log(`  ${end.toLocaleString('en')} observations`);
    }
    await q(`alter table observations enable trigger user`);
    await q(`drop table bench_hotspots, bench_programs`);
    // Photos for 10 % of the observations.
    await q(`
      insert into media (storage_key, mime_type, byte_size, width, height, author, licence, variants)
      select 'bench/' || id, 'image/jpeg', 200000, 1600, 1200, 'Photographer', 'CC-BY-4.0',
        '{thumb,display,original.jpg}'
      from observations where random() < 0.1`);
    await q(`
      insert into observation_media (observation_id, media_id)
      select o.id, m.id from media m join observations o on m.storage_key = 'bench/' || o.id`);
    await q(`select observation_cells_rebuild()`);
    await q(`
      insert into program_data_versions (program_id, version)
      select id, nextval('data_version_seq') from programs
      on conflict (program_id) do update set version = excluded.version`);
    await q(`vacuum analyze`);
    const { rows } = await q(
      `select (select count(*) from observations)::int as observations,
        (select count(*) from observation_cells)::int as cells,
        pg_size_pretty(pg_database_size(current_database())) as size`,
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    log(
      `  ${rows[0].observations.toLocaleString('en')} observations, ${rows[0].cells.toLocaleString('en')} map cells, ${rows[0].size}, in ${seconds} s`,
    );
    return { seconds: Number(seconds), size: rows[0].size, cells: rows[0].cells };
  } finally {
    await client.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await generateObservations(Number(process.argv[2] ?? 1_000_000));
}
