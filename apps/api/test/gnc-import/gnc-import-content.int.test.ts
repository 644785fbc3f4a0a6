import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithDemo, postgresLane } from '../engines.js';
import { cdNomOf } from '../reading/helpers.js';
import { fakeTaxhub, gncImport } from './helpers.js';

/*
 * What one import brings across, table by table: accounts, programmes and their forms and lists,
 * observations, sites and visits. The command's own behaviour: gnc-import.int.test.ts.
 */

const taxhubUrl = fakeTaxhub();

describe.runIf(postgresLane())('what an import from GeoNature-citizen brings across', () => {
  describeWithDemo('import-gnc', { pglite: true }, (database) => {
    const setup = gncImport(database, taxhubUrl);
    const { citizenMedia, db, run, count, mapped, observation } = setup;

    /** The one import the tests read the result of (gnc-import.int.test.ts checks it went well). */
    let first: Awaited<ReturnType<typeof run>>;
    beforeAll(async () => {
      first = await run();
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
      const { uuids } = setup.scenario;
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
      expect(renamed).not.toBe(setup.scenario.takenUuid);
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
      expect(await observation(setup.scenario.uuids[108]!)).toMatchObject({
        program_id: ponds,
        visit_id: visit,
      });
    });
  });
});
