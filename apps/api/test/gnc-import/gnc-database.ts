import { pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { createEmptyDatabase, databaseUrl, dropDatabase, uniqueName } from '../postgres.js';

/** GeoNature-citizen 1.3.2's schema, as pg_dump printed it (see fixtures/gnc). */
const SCHEMA = path.resolve(import.meta.dirname, '../fixtures/gnc/gnc-1.3.2-schema.sql');

/** A passlib pbkdf2_sha256 hash, as GeoNature-citizen stores it. */
export function passlibHash(password: string, rounds = 29_000): string {
  const ab64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '').replaceAll('+', '.');
  const salt = randomBytes(16);
  const checksum = pbkdf2Sync(password, salt, rounds, 32, 'sha256');
  return `$pbkdf2-sha256$${rounds}$${ab64(salt)}$${ab64(checksum)}`;
}

export type GncDatabase = {
  url: string;
  query: (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
  drop(): Promise<void>;
};

/** An empty GeoNature-citizen database on the test server, built from its schema. */
export async function createGncDatabase(): Promise<GncDatabase> {
  const name = await createEmptyDatabase(uniqueName('gnc_source'));
  const url = databaseUrl(name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // psql meta-commands (\restrict) are not SQL.
  const schema = readFileSync(SCHEMA, 'utf8').replace(/^\\.*$/gm, '');
  await client.query('CREATE EXTENSION postgis');
  await client.query(schema);
  await client.query("SELECT pg_catalog.set_config('search_path', 'public', false)");
  return {
    url,
    query: (text, values) => client.query(text, values),
    drop: async () => {
      await client.end();
      await dropDatabase(name);
    },
  };
}

/** A photo as a phone takes it: a JPEG whose EXIF orientation says "rotate 90°" (6). */
export async function rotatedJpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export const plainJpeg = (width = 300, height = 200) =>
  sharp({ create: { width, height, channels: 3, background: { r: 40, g: 90, b: 160 } } })
    .jpeg()
    .toBuffer();

export const PASSWORDS = { admin: 'the old admin password', alice: 'alice in geonature' };

/** GeoNature-citizen's swallow nest form (a condition on type_obs). */
export const NESTS_FORM = {
  schema: {
    type: 'object',
    required: ['type_obs', 'nb_nids_occupes'],
    properties: {
      type_obs: { type: 'string', enum: ['nid', 'oiseau'] },
      nb_nids_occupes: { type: 'integer', minimum: 0 },
      situation_oiseau: { type: 'string', enum: ['vol', 'pose'] },
    },
  },
  form: [
    {
      key: 'type_obs',
      type: 'radios',
      titleMap: [
        { value: 'nid', name: 'Un nid' },
        { value: 'oiseau', name: 'Un oiseau' },
      ],
    },
    { key: 'nb_nids_occupes', condition: "model.type_obs=='nid'" },
    { key: 'situation_oiseau', condition: "type_obs=='oiseau'" },
    { type: 'submit', title: 'Valider' },
  ],
};

/** A pond visit form in two steps. */
export const PONDS_FORM = {
  schema: {
    type: 'object',
    required: ['eau'],
    properties: {
      eau: { type: 'string', enum: ['oui', 'non'] },
      faune: { type: 'array', items: { type: 'string', enum: ['grenouille', 'triton'] } },
    },
  },
  steps: [
    { title: 'Hydrologie', layout: [{ key: 'eau', type: 'radios' }] },
    { title: 'Faune', layout: [{ key: 'faune', type: 'checkboxes' }] },
  ],
};

const LYON = 'POLYGON((4.7 45.6, 5.0 45.6, 5.0 45.9, 4.7 45.9, 4.7 45.6))';
/** A bow tie: its edges cross, which PostGIS calls invalid (self-intersection). */
const BOW_TIE = 'POLYGON((4.7 45.6, 5.0 45.9, 5.0 45.6, 4.7 45.9, 4.7 45.6))';

export type Scenario = {
  /** SINP UUIDs of the observations, by GeoNature-citizen id. */
  uuids: Record<number, string>;
  /** The uuid_sinp of observation 107, which is a Citizen observation's id already. */
  takenUuid: string;
};

/**
 * The rows of a small instance with both modules: accounts of every kind, a project, three
 * programmes (one with a conditional form and a TaxHub list, one with an invalid area, one of
 * sites with a form in steps), observations with every status, anonymous and registered
 * observers, an unknown cd_nom, a missing point, photos (one missing from the folder) and a
 * site with visits. The photos are written to `mediaDir`.
 */
export async function fillGncDatabase(
  gnc: GncDatabase,
  mediaDir: string,
  taxa: { goshawk: number; sparrowhawk: number; buzzard: number; eagle: number },
  takenUuid: string,
): Promise<Scenario> {
  const q = gnc.query;
  const now = "timezone('UTC', now())";
  await q(`INSERT INTO gnc_core.t_modules (id_module, name, label, timestamp_create)
    VALUES (1, 'observations', 'Observations', ${now}), (2, 'sites', 'Sites', ${now})`);
  const users: [number, string, string, string, boolean, boolean, boolean, string | null][] = [
    [1, 'gnc-admin', 'admin@parc.example', passlibHash(PASSWORDS.admin), true, true, false, null],
    [2, 'valerie', 'valerie@parc.example', passlibHash('valerie'), true, false, true, null],
    [
      3,
      'alice',
      'alice@parc.example',
      passlibHash(PASSWORDS.alice),
      true,
      false,
      false,
      'avatar_alice.jpg',
    ],
    [4, 'bob', 'bob@parc.example', passlibHash('bob'), false, false, false, 'avatar_bob.png'],
    [5, 'carol', 'Carol@Example.org', passlibHash('carol'), true, false, false, null],
    [6, 'dave', 'dave@parc.example', 'plain text', true, false, false, null],
  ];
  for (const [id, username, email, password, active, admin, validator, avatar] of users) {
    await q(
      `INSERT INTO gnc_core.t_users (id_user, name, surname, username, password, email, avatar,
         active, admin, validator, timestamp_create)
       VALUES ($1, 'First', 'Last', $2, $3, $4, $5, $6, $7, $8, '2021-03-04 10:00:00')`,
      [id, username, password, email, avatar, active, admin, validator],
    );
  }
  await q(`INSERT INTO gnc_core.t_projects (id_project, unique_id_project, name, short_desc, long_desc, timestamp_create)
    VALUES (1, '${randomUUID()}', 'Parc du Pilat', 'Sciences participatives', '<p>Bienvenue<script>x()</script></p>', ${now})`);
  await q(
    `INSERT INTO gnc_core.t_custom_form (id_form, name, json_schema, timestamp_create)
     VALUES (1, 'Nids', $1, ${now}), (2, 'Mares', $2, ${now})`,
    [JSON.stringify(NESTS_FORM), JSON.stringify(PONDS_FORM)],
  );
  await q(`INSERT INTO gnc_core.t_geometries (id_geom, name, geom, timestamp_create) VALUES
    (1, 'Lyon', ST_GeomFromText('${LYON}', 4326), ${now}),
    (2, 'Noeud', ST_GeomFromText('${BOW_TIE}', 4326), ${now})`);
  await q(`INSERT INTO gnc_core.t_programs (id_program, unique_id_program, id_project, title, short_desc,
      long_desc, form_message, image, logo, id_module, taxonomy_list, is_active, id_geom, id_form,
      timestamp_create, registration_required) VALUES
    (1, '${randomUUID()}', 1, 'Hirondelles', 'Les nids', '<p>Comptez les nids</p>', NULL,
      'programme_1.jpg', 'logo_1.png', 1, 100, true, 1, 1, ${now}, false),
    (2, '${randomUUID()}', 1, 'Rapaces', 'Les rapaces', '<p>Rapaces</p>', 'Merci !', NULL, NULL,
      1, NULL, false, 2, NULL, ${now}, true),
    (3, '${randomUUID()}', 1, 'Mares', 'Les mares', '<p>Mares</p>', NULL, NULL, NULL, 2, NULL,
      true, 1, NULL, ${now}, false)`);
  await q(`INSERT INTO gnc_sites.t_typesite (id_typesite, category, type, id_form, pictogram, timestamp_create)
    VALUES (1, 'Zones humides', 'mare', 2, 'https://example.org/mare.svg', ${now})`);
  await q(
    `INSERT INTO gnc_sites.cor_program_typesites (id_program, id_typesite, timestamp_create) VALUES (3, 1, ${now})`,
  );

  const uuids: Record<number, string> = {};
  const observation = async (
    id: number,
    program: number,
    cdNom: number,
    o: {
      role?: number | null;
      obsTxt?: string;
      email?: string;
      status?: string;
      validator?: number | null;
      json?: unknown;
      point?: [number, number] | null;
      count?: number | null;
      uuid?: string;
      date?: string;
    },
  ) => {
    uuids[id] = o.uuid ?? randomUUID();
    const point =
      o.point === null
        ? 'NULL'
        : `ST_SetSRID(ST_MakePoint(${(o.point ?? [4.85, 45.75]).join(', ')}), 4326)`;
    await q(
      `INSERT INTO gnc_obstax.t_obstax (id_observation, uuid_sinp, id_program, cd_nom, name, date, count,
         comment, municipality, geom, json_data, id_role, obs_txt, email, timestamp_create,
         timestamp_update, validation_status, id_validator)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'vu au parc', 'Lyon (69000)', ${point}, $8, $9, $10, $11,
         '2023-05-02 08:00:00', '2023-05-20 09:30:00', $12, $13)`,
      [
        id,
        uuids[id],
        program,
        cdNom,
        `Taxon ${cdNom} tel que saisi`,
        o.date ?? '2023-05-01',
        o.count === undefined ? 2 : o.count,
        o.json === undefined ? null : JSON.stringify(o.json),
        o.role ?? null,
        o.obsTxt ?? (o.role ? users.find((u) => u[0] === o.role)![1] : 'Anonyme'),
        o.email ?? null,
        o.status ?? 'NOT_VALIDATED',
        o.validator ?? null,
      ],
    );
  };
  await observation(101, 1, taxa.goshawk, {
    role: 3,
    status: 'VALIDATED',
    validator: 2,
    json: { type_obs: 'nid', nb_nids_occupes: 3 },
  });
  await observation(102, 1, taxa.sparrowhawk, {
    obsTxt: 'Jean D.',
    email: 'jean@example.org',
    json: { type_obs: 'oiseau', situation_oiseau: 'vol' },
  });
  await observation(103, 1, taxa.goshawk, {
    role: 4,
    status: 'INVALID',
    validator: 2,
    json: { type_obs: 'nid' },
  });
  await observation(104, 1, taxa.buzzard, { role: 3, status: 'NON_VALIDATABLE', validator: 1 });
  await observation(105, 1, 99_999_999, { obsTxt: 'Inconnu' });
  await observation(106, 1, taxa.goshawk, { role: 6, point: null });
  await observation(107, 1, taxa.buzzard, { role: 3, count: 0, uuid: takenUuid });
  await observation(201, 2, taxa.eagle, { role: 3, status: 'VALIDATED', point: [4.9, 45.8] });
  await observation(108, 3, taxa.goshawk, { role: 3, date: '2024-05-01' });

  await q(`INSERT INTO gnc_sites.t_sites (id_site, uuid_sinp, id_program, name, id_type, geom, timestamp_create, id_role, obs_txt)
    VALUES (301, '${randomUUID()}', 3, 'Mare du parc', 1, ST_SetSRID(ST_MakePoint(4.8, 45.7), 4326), ${now}, 3, 'alice'),
           (302, '${randomUUID()}', 3, NULL, 1, ST_SetSRID(ST_MakePoint(4.81, 45.71), 4326), ${now}, NULL, 'Anonyme')`);
  await q(
    `INSERT INTO gnc_sites.t_visit (id_visit, id_site, date, json_data, timestamp_create, id_role, obs_txt)
     VALUES (401, 301, '2024-05-01', $1, ${now}, 3, 'alice'), (402, 302, '2024-06-01', $2, ${now}, NULL, 'Anonyme')`,
    [JSON.stringify({ eau: 'oui', faune: ['grenouille'] }), JSON.stringify({ eau: 'non' })],
  );
  await q(
    `INSERT INTO gnc_sites.cor_sites_obstax (id_site, id_obstax, timestamp_create) VALUES (301, 108, ${now})`,
  );

  await q(`INSERT INTO gnc_core.t_medias (id_media, filename, timestamp_create) VALUES
    (1, 'obstax_${taxa.goshawk}_1_20230502_080000.jpg', ${now}),
    (2, 'obstax_${taxa.goshawk}_2_missing.jpg', ${now}),
    (3, 'site_301_1_20240501_100000.jpg', ${now})`);
  await q(
    `INSERT INTO gnc_obstax.cor_obstax_media (id_data_source, id_media, timestamp_create) VALUES (101, 1, ${now}), (101, 2, ${now})`,
  );
  await q(
    `INSERT INTO gnc_sites.cor_visites_media (id_data_source, id_media, timestamp_create) VALUES (401, 3, ${now})`,
  );

  await writeFile(
    path.join(mediaDir, `obstax_${taxa.goshawk}_1_20230502_080000.jpg`),
    await rotatedJpeg(600, 400),
  );
  await writeFile(path.join(mediaDir, 'site_301_1_20240501_100000.jpg'), await plainJpeg());
  await writeFile(path.join(mediaDir, 'programme_1.jpg'), await plainJpeg(800, 400));
  await writeFile(
    path.join(mediaDir, 'logo_1.png'),
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } })
      .png()
      .toBuffer(),
  );
  await writeFile(path.join(mediaDir, 'avatar_alice.jpg'), await plainJpeg(128, 128));
  return { uuids, takenUuid };
}
