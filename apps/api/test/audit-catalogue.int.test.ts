import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { createServices } from '../src/services.js';
import { testConfig } from './app.js';
import { auditLog, CATALOGUE_ROUTES, file } from './audit-helpers.js';
import { describeOnEngines } from './engines.js';
import { jpegWithGps, multipart } from './images.js';
import { squareAround } from './sites/helpers.js';
import { POND_TYPE } from './sites/pond-type.js';
import { fixture } from './taxonomy/helpers.js';

/**
 * "Every admin and validator action goes to an audit log that admins can read", for the catalogue:
 * the taxonomy, species lists, projects, programmes and their site types. Each admin write route is
 * called here over HTTP, and the audit log must then hold one new entry of the right event, by the
 * admin, with useful details. The routes called here are CATALOGUE_ROUTES, which the route checks
 * of audit-coverage.int.test.ts count on: the last test keeps that list true.
 */

describeOnEngines('the audit log of every catalogue write', (database) => {
  const audit = auditLog(database);
  const { env, covered, call, expectAudited, expectNothingAudited, ok } = audit;

  let speciesListId: number;
  let programId: number;
  let sitesProgramId: number;

  it('audits a taxonomy import with its counts, not its rows', async () => {
    const taxref = readFileSync(fixture('taxref-sample.tsv'));
    const response = await call(
      'POST',
      '/api/admin/taxonomy/import',
      {},
      {
        form: multipart({ format: 'taxref', version: '18.0' }, [
          file('file', 'TAXREFv18.txt', taxref, 'text/plain'),
        ]),
      },
    );
    ok(response);
    const entry = await expectAudited('taxonomy_imported', {
      format: 'taxref',
      fileName: 'TAXREFv18.txt',
      version: '18.0',
      inserted: 231,
      updated: 0,
      unchanged: 0,
      errorCount: 0,
    });
    expect(entry.details).not.toHaveProperty('errors');
  });

  it('audits creating, changing and deleting a species list, and its pictures', async () => {
    const created = await call(
      'POST',
      '/api/admin/species-lists',
      {},
      {
        json: { name: 'Garden birds', taxa: [{ cdNom: 4117 }, { cdNom: 1966 }] },
      },
    );
    ok(created, 201);
    speciesListId = created.json<{ id: number }>().id;
    await expectAudited('species_list_created', {
      speciesListId,
      name: 'Garden birds',
      taxa: 2,
    });

    ok(
      await call(
        'PUT',
        '/api/admin/species-lists/:id',
        { id: speciesListId },
        {
          json: { name: 'Birds of gardens', taxa: [{ cdNom: 4117 }] },
        },
      ),
    );
    await expectAudited('species_list_updated', {
      speciesListId,
      name: 'Birds of gardens',
      previousName: 'Garden birds',
      taxa: 1,
      inserted: 0,
      removed: 1,
    });

    ok(
      await call(
        'PUT',
        '/api/admin/species-lists/:id/taxa/:cdNom/picture',
        { id: speciesListId, cdNom: 4117 },
        { json: { url: 'https://pictures.example.org/blackbird.jpg' } },
      ),
    );
    await expectAudited('species_list_picture_set', {
      speciesListId,
      name: 'Birds of gardens',
      cdNom: 4117,
      scientificName: 'Turdus merula',
      url: 'https://pictures.example.org/blackbird.jpg',
    });

    const photo = await jpegWithGps({ width: 400, height: 300 });
    const uploaded = await call(
      'POST',
      '/api/admin/species-lists/:id/taxa/:cdNom/picture',
      { id: speciesListId, cdNom: 4117 },
      { form: multipart({}, [file('file', 'blackbird.jpg', photo, 'image/jpeg')]) },
    );
    ok(uploaded);
    await expectAudited('species_list_picture_set', {
      speciesListId,
      cdNom: 4117,
      scientificName: 'Turdus merula',
      mediaId: uploaded.json<{ pictureMediaId: string }>().pictureMediaId,
    });

    ok(
      await call('DELETE', '/api/admin/species-lists/:id/taxa/:cdNom/picture', {
        id: speciesListId,
        cdNom: 4117,
      }),
      204,
    );
    await expectAudited('species_list_picture_removed', { speciesListId, cdNom: 4117 });

    const csv = readFileSync(fixture('species-list.csv'));
    const imported = await call(
      'POST',
      '/api/admin/species-lists/import',
      {},
      {
        form: multipart({ name: 'Birds of gardens' }, [file('file', 'list.csv', csv, 'text/csv')]),
      },
    );
    ok(imported);
    await expectAudited('species_list_imported', {
      speciesListId,
      name: 'Birds of gardens',
      created: false,
      inserted: 3,
      updated: 1,
      unchanged: 0,
      removed: 0,
    });

    const other = await call(
      'POST',
      '/api/admin/species-lists',
      {},
      {
        json: { name: 'Doomed list', taxa: [{ cdNom: 1966 }] },
      },
    );
    ok(other, 201);
    const otherId = other.json<{ id: number }>().id;
    await expectAudited('species_list_created', { speciesListId: otherId });
    ok(await call('DELETE', '/api/admin/species-lists/:id', { id: otherId }), 204);
    await expectAudited('species_list_deleted', {
      speciesListId: otherId,
      name: 'Doomed list',
      taxa: 1,
    });
  });

  it('writes no entry when the change fails, and no change when the entry fails', async () => {
    // Refused changes: a name already taken, a list that does not exist.
    const clash = await call(
      'POST',
      '/api/admin/species-lists',
      {},
      {
        json: { name: 'Birds of gardens' },
      },
    );
    expect(clash.statusCode).toBe(409);
    expect((await call('DELETE', '/api/admin/species-lists/:id', { id: 999_999 })).statusCode).toBe(
      404,
    );
    await expectNothingAudited();

    // The entry is written in the change's transaction: when it fails, the change is undone.
    const services = createServices(testConfig(env), database());
    const failing = async () => {
      throw new Error('the audit log is unavailable');
    };
    await expect(
      services.speciesLists.create({ name: 'Never made', taxa: [] }, 'en', failing),
    ).rejects.toThrow('the audit log is unavailable');
    await expect(services.speciesLists.remove(speciesListId, failing)).rejects.toThrow();
    const names = (await services.speciesLists.list()).map((l) => l.name);
    expect(names).toContain('Birds of gardens');
    expect(names).not.toContain('Never made');
    await expectNothingAudited();
  });

  it('audits programmes and projects', async () => {
    const project = await call(
      'POST',
      '/api/admin/projects',
      {},
      {
        json: { title: 'Wetlands' },
      },
    );
    ok(project, 201);
    const projectId = project.json<{ id: number }>().id;
    await expectAudited('project_created', { projectId, title: 'Wetlands' });

    const created = await call(
      'POST',
      '/api/admin/programs',
      {},
      {
        json: {
          slug: 'garden-birds',
          title: 'Garden birds',
          area: squareAround([4.85, 45.75]),
          speciesListId,
          projectId,
        },
      },
    );
    ok(created, 201);
    programId = created.json<{ id: number }>().id;
    await expectAudited('program_created', { programId, slug: 'garden-birds' });

    ok(
      await call(
        'PATCH',
        '/api/admin/programs/:id',
        { id: programId },
        {
          json: { title: 'Birds of our gardens', isActive: true },
        },
      ),
    );
    await expectAudited('program_updated', { programId, fields: ['title', 'isActive'] });

    const area = JSON.stringify(squareAround([4.86, 45.76]));
    ok(
      await call(
        'PUT',
        '/api/admin/programs/:id/area',
        { id: programId },
        {
          form: multipart({}, [file('file', 'area.geojson', area, 'application/geo+json')]),
        },
      ),
    );
    await expectAudited('program_updated', { programId, fields: ['area'] });

    const banner = await jpegWithGps({ width: 600, height: 300 });
    ok(
      await call(
        'PUT',
        '/api/admin/programs/:id/image',
        { id: programId },
        {
          form: multipart({}, [file('file', 'banner.jpg', banner, 'image/jpeg')]),
        },
      ),
    );
    await expectAudited('program_updated', { programId, fields: ['image'] });
  });

  it('audits site types and site settings', async () => {
    const created = await call(
      'POST',
      '/api/admin/programs',
      {},
      {
        json: { slug: 'ponds', title: 'Ponds', kind: 'sites', area: squareAround([4.85, 45.75]) },
      },
    );
    ok(created, 201);
    sitesProgramId = created.json<{ id: number }>().id;
    await expectAudited('program_created', { programId: sitesProgramId });

    const type = await call(
      'POST',
      '/api/admin/programs/:id/site-types',
      { id: sitesProgramId },
      { json: POND_TYPE },
    );
    ok(type, 201);
    const siteTypeId = type.json<{ id: number }>().id;
    await expectAudited('site_type_created', {
      programId: sitesProgramId,
      siteTypeId,
      name: 'Pond',
    });

    ok(
      await call(
        'PATCH',
        '/api/admin/programs/:id/site-types/:typeId',
        { id: sitesProgramId, typeId: siteTypeId },
        { json: { name: 'Pond or pool', visitForm: null } },
      ),
    );
    await expectAudited('site_type_updated', {
      programId: sitesProgramId,
      siteTypeId,
      name: 'Pond or pool',
      fields: ['name', 'visitForm'],
    });

    ok(
      await call(
        'PATCH',
        '/api/admin/programs/:id/site-settings',
        { id: sitesProgramId },
        {
          json: { visitsBy: 'creator' },
        },
      ),
    );
    await expectAudited('site_settings_updated', {
      programId: sitesProgramId,
      fields: ['visitsBy'],
      visitsBy: 'creator',
    });

    ok(
      await call('DELETE', '/api/admin/programs/:id/site-types/:typeId', {
        id: sitesProgramId,
        typeId: siteTypeId,
      }),
      204,
    );
    await expectAudited('site_type_deleted', {
      programId: sitesProgramId,
      siteTypeId,
      name: 'Pond or pool',
    });
  });

  it('calls every route CATALOGUE_ROUTES lists, and no other', () => {
    expect([...covered].sort()).toEqual([...CATALOGUE_ROUTES].sort());
  });
});
