import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { importGnc } from '../../src/gnc-import/gnc-import.cli.js';
import { describeWithDemo, postgresLane } from '../engines.js';
import { cdNomOf } from '../reading/helpers.js';
import { PASSWORDS, plainJpeg } from './gnc-database.js';
import { fakeTaxhub, gncImport } from './helpers.js';

/*
 * The command itself: what it refuses, its dry run, the import, the first log-in with an old
 * password, and running it again. What each table brings across: gnc-import-content.int.test.ts.
 */

const taxhubUrl = fakeTaxhub();

describe.runIf(postgresLane())('import from GeoNature-citizen', () => {
  describeWithDemo('import-gnc', { pglite: true }, (database) => {
    const setup = gncImport(database, taxhubUrl);
    const { work, gncMedia, db, run, mapped, publishedFolders, tableCounts } = setup;

    it('refuses a database that is not GeoNature-citizen, or a media folder that is not there', async () => {
      const { gnc, config } = setup;
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

    it('logs in with the GeoNature-citizen password once, and replaces its hash with argon2id', async () => {
      const login = (password: string) =>
        setup.app.inject({
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
          await setup.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { login: 'admin@parc.example', password: PASSWORDS.admin, cookie: false },
          })
        ).statusCode,
      ).toBe(200);
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

      const { gnc } = setup;
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
