import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { importGnc } from '../../src/gnc-import/gnc-import.cli.js';
import type { ImportReport } from '../../src/gnc-import/import-report.js';
import type { App } from '../../src/http/types.js';
import { testApp, testConfig } from '../app.js';
import { describeWithDemo, postgresLane } from '../engines.js';
import { cdNomOf } from '../reading/helpers.js';
import {
  createGncDatabase,
  fillGncDatabase,
  PASSWORDS,
  plainJpeg,
  type GncDatabase,
  type Scenario,
} from './gnc-database.js';

/**
 * TaxHub (a Flask application with its own schema) cannot run here: a real HTTP server answers its
 * list route with TaxHub-shaped rows, a taxon Citizen has and one it has not.
 */
let taxhub: Server;
let taxhubUrl = '';
const kite = {
  cd_nom: 2844,
  cd_ref: 2844,
  lb_nom: 'Milvus milvus',
  id_rang: 'ES',
  regne: 'Animalia',
};
beforeAll(async () => {
  taxhub = createServer((request, response) => {
    const send = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.url!.startsWith('/api/taxref?id_liste=100&')) {
      return send(200, { items: [kite, { ...kite, cd_nom: 88_888_888, cd_ref: 88_888_888 }] });
    }
    send(404, {});
  });
  await new Promise<void>((resolve) => taxhub.listen(0, '127.0.0.1', resolve));
  taxhubUrl = `http://127.0.0.1:${(taxhub.address() as AddressInfo).port}/api`;
});
afterAll(() => new Promise((resolve) => taxhub.close(resolve)));

describe.runIf(postgresLane())('import from GeoNature-citizen', () => {
  describeWithDemo('import-gnc', { pglite: true }, (database) => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'citizen-gnc-'));
    const gncMedia = path.join(work, 'gnc-media');
    const citizenMedia = path.join(work, 'citizen-media');
    const db = () => database().db;
    let gnc: GncDatabase;
    let scenario: Scenario;
    let config: Config;
    let app: App;

    /** Runs the command; returns its exit code, printed text and saved report. */
    const run = async (...extra: string[]) => {
      const file = path.join(work, `report-${Date.now()}-${Math.random()}.json`);
      const lines: string[] = [];
      const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
      const args = ['--database', gnc.url, '--media', gncMedia, '--report', file, ...extra];
      const code = await importGnc(config, database(), args, out);
      const report = existsSync(file)
        ? (JSON.parse(readFileSync(file, 'utf8')) as ImportReport)
        : null;
      return { code, text: lines.join('\n'), report: report! };
    };
    const count = async (table: string) =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db()))
          .rows[0]!.n,
      );
    const mapped = async (table: string, id: number | string) =>
      (
        await db()
          .selectFrom('gnc_import_map')
          .select('citizen_id')
          .where('gnc_table', '=', table)
          .where('gnc_id', '=', String(id))
          .executeTakeFirst()
      )?.citizen_id;
    const observation = (uuid: string) =>
      db().selectFrom('observations').selectAll().where('id', '=', uuid).executeTakeFirst();
    const publishedFolders = () =>
      existsSync(citizenMedia)
        ? readdirSync(citizenMedia)
            .filter((d) => /^[0-9a-f]{2}$/.test(d))
            .flatMap((d) => readdirSync(path.join(citizenMedia, d)))
        : [];
    const tableCounts = () =>
      Promise.all(
        [
          'users',
          'programs',
          'observations',
          'media',
          'sites',
          'visits',
          'site_types',
          'custom_forms',
          'species_lists',
          'observation_media',
          'visit_media',
          'observation_events',
          'gnc_import_map',
        ].map(count),
      );

    beforeAll(async () => {
      rmSync(gncMedia, { recursive: true, force: true });
      (await import('node:fs')).mkdirSync(gncMedia, { recursive: true });
      config = testConfig({
        MEDIA_DIR: citizenMedia,
        REQUIRE_EMAIL_CONFIRMATION: 'true',
        TAXHUB_URL: taxhubUrl,
      });
      app = await testApp(database(), { MEDIA_DIR: citizenMedia });
      const taken = await db()
        .selectFrom('observations')
        .select('id')
        .limit(1)
        .executeTakeFirstOrThrow();
      // Carol already has a Citizen account, under the same address written otherwise.
      await db()
        .insertInto('users')
        .values({ username: 'carol-citizen', email: 'carol@example.org', is_active: true })
        .execute();
      gnc = await createGncDatabase();
      scenario = await fillGncDatabase(
        gnc,
        gncMedia,
        {
          goshawk: await cdNomOf(db(), 'Accipiter gentilis'),
          sparrowhawk: await cdNomOf(db(), 'Accipiter nisus'),
          buzzard: await cdNomOf(db(), 'Buteo buteo'),
          eagle: await cdNomOf(db(), 'Aquila chrysaetos'),
        },
        taken.id,
      );
    });
    afterAll(async () => {
      await app?.close();
      await gnc?.drop();
      rmSync(work, { recursive: true, force: true });
    });

    it('refuses a database that is not GeoNature-citizen, or a media folder that is not there', async () => {
      const lines: string[] = [];
      const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
      expect(await importGnc(config, database(), ['--database', gnc.url], out)).toBe(2);
      expect(lines.join()).toMatch(/needs --database .* and --media/);
      expect(
        await importGnc(
          config,
          database(),
          ['--database', gnc.url, '--media', path.join(work, 'nope')],
          out,
        ),
      ).toBe(2);
      expect(lines.at(-1)).toMatch(/--media: .*nope is not a folder/);
      const notGnc = new URL(gnc.url);
      notGnc.pathname = '/postgres';
      expect(
        await importGnc(
          config,
          database(),
          ['--database', notGnc.toString(), '--media', gncMedia],
          out,
        ),
      ).toBe(2);
      expect(lines.at(-1)).toMatch(/not a GeoNature-citizen database: gnc_core.t_users/);
    });

    it('--dry-run prints the report and writes nothing', async () => {
      const before = await tableCounts();
      const { code, text, report } = await run('--dry-run');
      expect(code).toBe(0);
      expect(report.dryRun).toBe(true);
      expect(text).toMatch(/^Dry run: nothing was written/m);
      expect(report.tables.t_obstax).toEqual({
        read: 9,
        imported: 7,
        alreadyImported: 0,
        skipped: 2,
      });
      expect(report.skipped).toContainEqual({
        table: 't_medias',
        id: '2',
        message: expect.stringMatching(/missing from the media folder/),
      });
      expect(await tableCounts()).toEqual(before);
      expect(publishedFolders()).toEqual([]);
    });

    let first: Awaited<ReturnType<typeof run>>;
    it('imports accounts, programmes, forms, sites and observations, and reports every row left out', async () => {
      first = await run();
      expect(first.code).toBe(0);
      const { tables, skipped } = first.report;
      expect(tables.t_users).toEqual({ read: 6, imported: 6, alreadyImported: 0, skipped: 0 });
      expect(tables.t_programs).toEqual({ read: 3, imported: 3, alreadyImported: 0, skipped: 0 });
      expect(tables.t_obstax).toEqual({ read: 9, imported: 7, alreadyImported: 0, skipped: 2 });
      expect(tables.t_sites).toEqual({ read: 2, imported: 2, alreadyImported: 0, skipped: 0 });
      expect(tables.t_visit).toEqual({ read: 2, imported: 2, alreadyImported: 0, skipped: 0 });
      expect(tables.t_medias).toEqual({ read: 3, imported: 2, alreadyImported: 0, skipped: 1 });
      expect(skipped).toEqual(
        expect.arrayContaining([
          {
            table: 't_obstax',
            id: '105',
            message: expect.stringMatching(
              /cd_nom 99999999 .* not in Citizen's taxonomy: import TAXREF first/,
            ),
          },
          { table: 't_obstax', id: '106', message: 'it has no point' },
          {
            table: 't_medias',
            id: '2',
            message: expect.stringMatching(/obstax_\d+_2_missing.jpg is missing/),
          },
        ]),
      );
      expect(first.text).toMatch(/t_obstax\s+9\s+7\s+0\s+2/);
      expect(first.text).toMatch(/t_obstax 105: cd_nom 99999999/);
    });

    it('brings accounts across with their roles, flags and old password hashes', async () => {
      const users = await db()
        .selectFrom('users')
        .select([
          'id',
          'username',
          'email',
          'role',
          'is_active',
          'email_confirmed_at',
          'password_hash',
          'avatar_key',
          'display_name',
        ])
        .where('email', 'like', '%parc.example')
        .orderBy('id')
        .execute();
      expect(users.map((u) => [u.username, u.role, u.is_active])).toEqual([
        ['gnc-admin', 'admin', true],
        ['valerie', 'validator', true],
        ['alice', 'observer', true],
        ['bob', 'observer', false],
        ['dave', 'observer', true],
      ]);
      const alice = users[2]!;
      expect(alice.password_hash).toMatch(/^\$pbkdf2-sha256\$29000\$/);
      expect(alice.email_confirmed_at).not.toBeNull();
      expect(alice.display_name).toBeNull();
      expect(alice.avatar_key).toMatch(/^avatars\//);
      expect(users[3]!.email_confirmed_at).toBeNull();
      expect(users[4]!.password_hash).toBeNull();
      expect(first.report.notes).toEqual(
        expect.arrayContaining([
          {
            table: 't_users',
            id: '4',
            message: 'avatar avatar_bob.png is missing from the media folder: not copied',
          },
          {
            table: 't_users',
            id: '5',
            message: expect.stringMatching(/already had a Citizen account: linked/),
          },
          { table: 't_users', id: '6', message: expect.stringMatching(/password not kept/) },
        ]),
      );
      const carol = await db()
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'carol-citizen')
        .executeTakeFirstOrThrow();
      expect(await mapped('t_users', 5)).toBe(String(carol.id));
    });

    it('logs in with the GeoNature-citizen password once, and replaces its hash with argon2id', async () => {
      const login = (password: string) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: 'alice', password, cookie: false },
        });
      expect((await login('not her password')).statusCode).toBe(401);
      const ok = await login(PASSWORDS.alice);
      expect(ok.statusCode).toBe(200);
      const { password_hash } = await db()
        .selectFrom('users')
        .select('password_hash')
        .where('username', '=', 'alice')
        .executeTakeFirstOrThrow();
      expect(password_hash).toMatch(/^\$argon2id\$/);
      expect((await login(PASSWORDS.alice)).statusCode).toBe(200);
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { login: 'admin@parc.example', password: PASSWORDS.admin, cookie: false },
          })
        ).statusCode,
      ).toBe(200);
    });

    it('brings programmes across with their texts, flags, repaired area, image, form and species list', async () => {
      const programs = await db()
        .selectFrom('programs')
        .select([
          'id',
          'slug',
          'kind',
          'title',
          'long_description',
          'is_active',
          'registration_required',
          'image_media_id',
          'species_list_id',
          'form_id',
          'project_id',
          sql<boolean>`ST_IsValid(area)`.as('valid'),
          sql<number>`ST_Area(area)`.as('size'),
        ])
        .where('id', 'in', [
          Number(await mapped('t_programs', 1)),
          Number(await mapped('t_programs', 2)),
          Number(await mapped('t_programs', 3)),
        ])
        .orderBy('id')
        .execute();
      const [swallows, raptors, ponds] = programs;
      expect(swallows).toMatchObject({
        slug: 'hirondelles',
        kind: 'observations',
        is_active: true,
        registration_required: false,
      });
      expect(raptors).toMatchObject({
        kind: 'observations',
        is_active: false,
        registration_required: true,
        valid: true,
        form_id: null,
        species_list_id: null,
      });
      expect(raptors!.size).toBeGreaterThan(0);
      expect(ponds).toMatchObject({ kind: 'sites' });
      expect(first.report.notes).toEqual(
        expect.arrayContaining([
          {
            table: 't_programs',
            id: '2',
            message: expect.stringMatching(/^area repaired \(Self-intersection/),
          },
          { table: 't_programs', id: '2', message: expect.stringMatching(/form_message not kept/) },
          {
            table: 't_programs',
            id: '1',
            message: 'logo not kept: a Citizen programme has one image',
          },
          {
            table: 't_custom_form',
            id: '1',
            message: expect.stringMatching(/submit item ignored/),
          },
        ]),
      );
      expect(first.report.notes).toContainEqual({
        table: 'taxhub_list',
        id: '100',
        message: expect.stringMatching(
          /2 taxa not in Citizen's taxonomy left out .*: (88888888, 99999999|99999999, 88888888)$/,
        ),
      });
      const project = await db()
        .selectFrom('projects')
        .selectAll()
        .where('id', '=', swallows!.project_id!)
        .executeTakeFirstOrThrow();
      expect(project.long_description).toBe('<p>Bienvenue</p>');
      expect(swallows!.image_media_id).not.toBeNull();
      // The species list: the observed taxa and those of the TaxHub list that Citizen knows.
      const list = await db()
        .selectFrom('species_list_taxa')
        .select('cd_nom')
        .where('list_id', '=', swallows!.species_list_id!)
        .orderBy('position')
        .execute();
      expect(list.map((r) => r.cd_nom).sort()).toEqual(
        [
          await cdNomOf(db(), 'Accipiter gentilis'),
          await cdNomOf(db(), 'Accipiter nisus'),
          await cdNomOf(db(), 'Buteo buteo'),
          await cdNomOf(db(), 'Milvus milvus'),
        ].sort(),
      );
      const form = await db()
        .selectFrom('custom_forms')
        .selectAll()
        .where('id', '=', swallows!.form_id!)
        .executeTakeFirstOrThrow();
      const schema = form.json_schema as { properties: Record<string, unknown>; allOf: unknown[] };
      expect(Object.keys(schema.properties)).toEqual(['type_obs']);
      expect(schema.allOf).toEqual([
        {
          if: { properties: { type_obs: { const: 'nid' } }, required: ['type_obs'] },
          then: {
            properties: { nb_nids_occupes: { type: 'integer', minimum: 0 } },
            required: ['nb_nids_occupes'],
          },
        },
        {
          if: { properties: { type_obs: { const: 'oiseau' } }, required: ['type_obs'] },
          then: { properties: { situation_oiseau: { type: 'string', enum: ['vol', 'pose'] } } },
        },
      ]);
      expect(form.ui_schema).toMatchObject({
        type_obs: { 'ui:widget': 'radio' },
        'ui:order': ['type_obs', 'nb_nids_occupes', 'situation_oiseau'],
      });
    });

    it('brings observations across with their ids, observers, answers, statuses, validators and photos', async () => {
      const { uuids } = scenario;
      const ids = async (...usernames: string[]) =>
        Promise.all(
          usernames.map(
            async (u) =>
              (
                await db()
                  .selectFrom('users')
                  .select('id')
                  .where('username', '=', u)
                  .executeTakeFirstOrThrow()
              ).id,
          ),
        );
      const [alice, valerie, admin, bob] = await ids('alice', 'valerie', 'gnc-admin', 'bob');
      const validated = await observation(uuids[101]!);
      expect(validated).toMatchObject({
        observer_id: alice,
        observer_name: null,
        verbatim_identification: expect.stringMatching(/tel que saisi/),
        observed_on: '2023-05-01',
        count: 2,
        comment: 'vu au parc',
        validation_status: 'certain',
        validated_by: valerie,
        custom_data: { type_obs: 'nid', nb_nids_occupes: 3 },
      });
      expect(new Date(validated!.created_at).toISOString()).toBe('2023-05-02T08:00:00.000Z');
      expect(await observation(uuids[102]!)).toMatchObject({
        observer_id: null,
        observer_name: 'Jean D.',
        contact_email: 'jean@example.org',
        validation_status: 'pending',
        validated_by: null,
      });
      expect(await observation(uuids[103]!)).toMatchObject({
        observer_id: bob,
        validation_status: 'invalid',
        validation_reason: 'insufficient_evidence',
        validated_by: valerie,
      });
      expect(await observation(uuids[104]!)).toMatchObject({
        validation_status: 'not_assessable',
        validated_by: admin,
      });
      expect(await mapped('t_obstax', 105)).toBeUndefined();
      // The SINP UUID was taken already: a new id, said in the report.
      const renamed = await mapped('t_obstax', 107);
      expect(renamed).not.toBe(scenario.takenUuid);
      expect(await observation(renamed!)).toMatchObject({ count: 1, observer_id: alice });
      expect(first.report.notes).toEqual(
        expect.arrayContaining([
          {
            table: 't_obstax',
            id: '107',
            message: expect.stringMatching(/already a Citizen observation's id/),
          },
          { table: 't_obstax', id: '107', message: 'count 0 recorded as 1' },
          {
            table: 't_obstax',
            id: '103',
            message: expect.stringMatching(
              /custom answers kept as they are; the form refuses them: .*nb_nids_occupes/,
            ),
          },
        ]),
      );
      const events = await db()
        .selectFrom('observation_events')
        .selectAll()
        .where('observation_id', '=', uuids[101]!)
        .execute();
      expect(events).toMatchObject([
        { kind: 'validated', actor_id: valerie, from_status: 'pending', to_status: 'certain' },
      ]);
      // The photo: processed like an upload (EXIF orientation applied), published.
      const photos = await db()
        .selectFrom('observation_media as om')
        .innerJoin('media as m', 'm.id', 'om.media_id')
        .select([
          'm.storage_key',
          'm.width',
          'm.height',
          'm.author',
          'm.uploaded_by',
          'm.original_name',
        ])
        .where('om.observation_id', '=', uuids[101]!)
        .execute();
      expect(photos).toMatchObject([
        { width: 400, height: 600, author: 'alice', uploaded_by: alice },
      ]);
      const display = await sharp(
        path.join(citizenMedia, photos[0]!.storage_key, 'display.webp'),
      ).metadata();
      expect([display.width, display.height]).toEqual([400, 600]);
      expect(existsSync(path.join(citizenMedia, photos[0]!.storage_key, 'thumb.webp'))).toBe(true);
    });

    it('brings site types, sites and visits across with their forms, answers, photos and species', async () => {
      const ponds = Number(await mapped('t_programs', 3));
      const [type] = await db()
        .selectFrom('site_types')
        .selectAll()
        .where('program_id', '=', ponds)
        .execute();
      expect(type).toMatchObject({
        name: 'mare',
        description: 'Zones humides',
        pictogram_url: 'https://example.org/mare.svg',
        site_form_id: null,
      });
      const form = await db()
        .selectFrom('custom_forms')
        .select('ui_schema')
        .where('id', '=', type!.visit_form_id!)
        .executeTakeFirstOrThrow();
      expect((form.ui_schema as { steps: unknown }).steps).toEqual([
        { title: 'Hydrologie', fields: ['eau'] },
        { title: 'Faune', fields: ['faune'] },
      ]);
      const sites = await db()
        .selectFrom('sites')
        .select(['id', 'name', 'creator_id', 'creator_name'])
        .where('program_id', '=', ponds)
        .orderBy('id')
        .execute();
      expect(sites.map((s) => [s.name, s.creator_name])).toEqual([
        ['Mare du parc', null],
        ['Site 302', 'Anonyme'],
      ]);
      const visit = Number(await mapped('t_visit', 401));
      expect(
        await db()
          .selectFrom('visits')
          .select(['visited_on', 'custom_data', 'site_id'])
          .where('id', '=', visit)
          .executeTakeFirst(),
      ).toEqual({
        visited_on: '2024-05-01',
        custom_data: { eau: 'oui', faune: ['grenouille'] },
        site_id: sites[0]!.id,
      });
      expect(await count('visit_media')).toBe(1);
      // The species seen during the visit: an observation linked to it.
      expect(await observation(scenario.uuids[108]!)).toMatchObject({
        program_id: ponds,
        visit_id: visit,
      });
    });

    it('imports only what is new when run again, and leaves no half programme when one fails', async () => {
      const before = await tableCounts();
      const again = await run();
      expect(again.code).toBe(0);
      expect(again.report.tables.t_obstax).toEqual({
        read: 9,
        imported: 0,
        alreadyImported: 7,
        skipped: 2,
      });
      expect(again.report.tables.t_users).toMatchObject({ imported: 0, alreadyImported: 6 });
      expect(await tableCounts()).toEqual(before);

      // New rows in GeoNature-citizen since: a programme Citizen will refuse, a new observation.
      await gnc.query(`INSERT INTO gnc_core.t_programs (id_program, unique_id_program, id_project, title, short_desc,
        long_desc, id_module, is_active, id_geom, timestamp_create, registration_required)
        VALUES (4, gen_random_uuid(), 1, 'Boom', '', '', 1, true, 1, now(), false)`);
      const goshawk = await cdNomOf(db(), 'Accipiter gentilis');
      await gnc.query(`INSERT INTO gnc_obstax.t_obstax (id_observation, uuid_sinp, id_program, cd_nom, name, date, comment, geom, id_role, timestamp_create)
        VALUES (501, gen_random_uuid(), 4, ${goshawk}, 'Autour', '2025-01-01', 'boom', ST_SetSRID(ST_MakePoint(4.85, 45.75), 4326), 3, now()),
               (109, gen_random_uuid(), 1, ${goshawk}, 'Autour', '2025-01-02', 'nouvelle', ST_SetSRID(ST_MakePoint(4.85, 45.75), 4326), 3, now())`);
      await gnc.query(
        `INSERT INTO gnc_core.t_medias (id_media, filename, timestamp_create) VALUES (4, 'boom.jpg', now())`,
      );
      await gnc.query(
        `INSERT INTO gnc_obstax.cor_obstax_media (id_data_source, id_media, timestamp_create) VALUES (501, 4, now())`,
      );
      (await import('node:fs')).writeFileSync(path.join(gncMedia, 'boom.jpg'), await plainJpeg());
      await sql`alter table observations add constraint test_refuses_boom check (comment is distinct from 'boom')`.execute(
        db(),
      );
      const folders = publishedFolders().length;
      const failed = await run();
      expect(failed.code).toBe(1);
      expect(failed.report.failedProgrammes).toEqual([
        {
          table: 't_programs',
          id: '4',
          message: expect.stringMatching(
            /"Boom" not imported, nothing of it written: .*test_refuses_boom/,
          ),
        },
      ]);
      expect(failed.report.tables.t_programs).toMatchObject({
        imported: 0,
        alreadyImported: 3,
        skipped: 1,
      });
      expect(failed.report.tables.t_obstax).toMatchObject({ imported: 1, alreadyImported: 7 });
      expect(await mapped('t_programs', 4)).toBeUndefined();
      expect(
        await db().selectFrom('programs').select('id').where('title', '=', 'Boom').execute(),
      ).toEqual([]);
      expect(await mapped('t_medias', 4)).toBeUndefined();
      expect(publishedFolders().length).toBe(folders);
      expect(await mapped('t_obstax', 109)).toBeDefined();

      await sql`alter table observations drop constraint test_refuses_boom`.execute(db());
      const fixed = await run();
      expect(fixed.code).toBe(0);
      expect(fixed.report.tables.t_programs).toMatchObject({ imported: 1, alreadyImported: 3 });
      expect(fixed.report.tables.t_obstax).toMatchObject({ imported: 1, alreadyImported: 8 });
      expect(publishedFolders().length).toBe(folders + 1);
      const counts = await db()
        .selectFrom('gnc_import_map')
        .select(['gnc_table', sql<number>`count(*)::int`.as('n')])
        .groupBy('gnc_table')
        .orderBy('gnc_table')
        .execute();
      expect(Object.fromEntries(counts.map((c) => [c.gnc_table, c.n]))).toEqual({
        t_medias: 3,
        t_obstax: 9,
        t_programs: 4,
        t_projects: 1,
        t_sites: 2,
        t_typesite: 1,
        t_users: 6,
        t_visit: 2,
        taxhub_list: 1,
      });
    });
  });
});
