import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  ImportReport,
  SpeciesListDetail,
  SpeciesListEntry,
  SpeciesListImportResult,
  SpeciesLists,
} from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { testApp } from '../app.js';
import { describeOnEngines } from '../engines.js';
import { jpegWithGps, multipart } from '../images.js';
import {
  dwcArchive,
  editedTaxref,
  fixture,
  fixtureText,
  insertProgram,
  loginAs,
} from './helpers.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-taxonomy-admin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (field: string, filename: string, bytes: Buffer | string, type = 'text/plain') => ({
  field,
  filename,
  type,
  bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes),
});

describeOnEngines('taxonomy administration', (database) => {
  let app: App;
  let admin: Record<string, string>;
  let observer: Record<string, string>;

  beforeAll(async () => {
    app = await testApp(database());
    admin = await loginAs(app, database().db, 'admin', 'taxonomist');
    observer = await loginAs(app, database().db, 'observer', 'birder');
  });
  afterAll(() => app?.close());

  const send = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    options: {
      headers?: Record<string, string>;
      json?: unknown;
      form?: ReturnType<typeof multipart>;
    } = {},
  ) => {
    const response = await app.inject({
      method,
      url,
      headers: { ...options.headers, ...(options.form?.headers ?? {}) },
      ...(options.form ? { payload: options.form.payload } : {}),
      ...(options.json !== undefined ? { payload: options.json as object } : {}),
    });
    return { status: response.statusCode, body: response.body ? response.json() : null };
  };
  const importFile = (fields: Record<string, string>, files: ReturnType<typeof file>[]) =>
    send('POST', '/api/admin/taxonomy/import', { headers: admin, form: multipart(fields, files) });

  it('keeps the admin routes for administrators: 401 anonymous, 403 for others', async () => {
    const routes = [
      ['POST', '/api/admin/taxonomy/import'],
      ['GET', '/api/admin/species-lists'],
      ['POST', '/api/admin/species-lists'],
      ['POST', '/api/admin/species-lists/import'],
      ['GET', '/api/admin/species-lists/1'],
      ['PUT', '/api/admin/species-lists/1'],
      ['DELETE', '/api/admin/species-lists/1'],
      ['PUT', '/api/admin/species-lists/1/taxa/4117/picture'],
      ['POST', '/api/admin/species-lists/1/taxa/4117/picture'],
      ['DELETE', '/api/admin/species-lists/1/taxa/4117/picture'],
    ] as const;
    for (const [method, url] of routes) {
      const json = method === 'GET' || method === 'DELETE' ? undefined : {};
      expect((await send(method, url, { json })).status, `${method} ${url}`).toBe(401);
      expect(
        (await send(method, url, { json, headers: observer })).status,
        `${method} ${url}`,
      ).toBe(403);
    }
  });

  it('documents the taxonomy routes in the OpenAPI document', async () => {
    const { body } = await send('GET', '/api/docs/json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/taxa/search',
        '/api/taxa/{cdNom}',
        '/api/programs/{id}/taxa',
        '/api/admin/taxonomy/import',
        '/api/admin/species-lists',
        '/api/admin/species-lists/import',
        '/api/admin/species-lists/{id}',
        '/api/admin/species-lists/{id}/taxa/{cdNom}/picture',
      ]),
    );
    expect(body.paths['/api/admin/taxonomy/import'].post.description).toMatch(
      /Any bad row rejects the whole file/,
    );
  });

  it('imports a TAXREF file sent as multipart, idempotently', async () => {
    const taxref = file('file', 'TAXREFv10.txt', readFileSync(fixture('taxref-sample.tsv')));
    const first = await importFile({ format: 'taxref' }, [taxref]);
    expect(first).toEqual({
      status: 200,
      body: { inserted: 231, updated: 0, unchanged: 0, removed: 0, errors: [], errorCount: 0 },
    });
    const again = await importFile({ format: 'taxref' }, [taxref]);
    expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 231 });
  });

  it('answers 422 with the bad lines, and imports nothing, for a file with a bad row', async () => {
    const bad = fixtureText('taxref-incomplete-rows.tsv').trimEnd().split('\n').slice(1, 2);
    const text = [editedTaxref({ 4117: { NOM_VERN: 'Merle' } }), ...bad].join('\n');
    const { status, body } = await importFile({ format: 'taxref' }, [file('file', 'x.txt', text)]);
    expect(status).toBe(422);
    expect(body).toMatchObject({
      statusCode: 422,
      code: 'import.rejected',
      params: { count: 1 },
      message: 'The file has 1 bad row(s); nothing was imported',
      inserted: 0,
      errors: [{ line: 233, message: 'CD_REF "" is not a positive integer' }],
      errorCount: 1,
    });
    const search = await send('GET', '/api/taxa/search?q=merle%20noir&lang=fr');
    expect(search.body.items[0].vernacularName).toBe('Merle noir');
  });

  it('imports a Darwin Core archive, and the two checklist files', async () => {
    const archive = await dwcArchive(path.join(dir, 'checklist.zip'));
    const zipped = await importFile({ format: 'dwc' }, [
      file('file', 'checklist.zip', readFileSync(archive), 'application/zip'),
    ]);
    expect(zipped.status).toBe(200);
    expect((zipped.body as ImportReport).updated).toBe(11);
    const files = await importFile({ format: 'dwc', languages: 'de' }, [
      file('file', 'Taxon.tsv', readFileSync(fixture('dwc/Taxon.tsv'))),
      file('vernacular', 'VernacularName.tsv', readFileSync(fixture('dwc/VernacularName.tsv'))),
    ]);
    expect(files.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 11 });
    const amsel = await send('GET', '/api/taxa/search?q=amsel&lang=de');
    expect(amsel.body.items[0].cdNom).toBe(4117);
  });

  it('checks the form of an import', async () => {
    const taxref = file('file', 't.txt', 'CD_NOM\tCD_REF\tLB_NOM\n');
    expect((await importFile({}, [taxref])).status).toBe(400);
    expect((await importFile({ format: 'csv' }, [taxref])).status).toBe(400);
    expect((await importFile({ format: 'taxref' }, [])).status).toBe(400);
    expect((await importFile({ format: 'dwc', languages: 'french!' }, [taxref])).status).toBe(400);
    const json = await send('POST', '/api/admin/taxonomy/import', { headers: admin, json: {} });
    expect(json.status).toBe(415);
    const notZip = await importFile({ format: 'dwc' }, [
      file('file', 'a.zip', 'PK\u0003\u0004junk'),
    ]);
    expect(notZip.status).toBe(400);
  });

  let listId: number;

  it('creates, reads, replaces and deletes species lists', async () => {
    const created = await send('POST', '/api/admin/species-lists?lang=en', {
      headers: admin,
      json: {
        name: 'Garden birds',
        description: 'Common garden birds',
        taxa: [
          { cdNom: 4117, pictureUrl: 'https://pictures.example.org/blackbird.jpg' },
          { cdNom: 3764 },
        ],
      },
    });
    expect(created.status).toBe(201);
    const detail = created.body as SpeciesListDetail;
    listId = detail.id;
    expect(detail).toMatchObject({
      name: 'Garden birds',
      description: 'Common garden birds',
      taxonCount: 2,
      programCount: 0,
      taxhubListId: null,
      taxa: [
        {
          cdNom: 4117,
          position: 0,
          scientificName: 'Turdus merula',
          vernacularName: 'Common Blackbird',
          pictureMediaId: null,
          pictureUrl: 'https://pictures.example.org/blackbird.jpg',
        },
        { cdNom: 3764, position: 1, vernacularName: 'Great Tit', pictureUrl: null },
      ],
    });
    expect(
      (
        await send('POST', '/api/admin/species-lists', {
          headers: admin,
          json: { name: 'Garden birds' },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await send('POST', '/api/admin/species-lists', {
          headers: admin,
          json: { name: 'Other', taxa: [{ cdNom: 123456789 }] },
        })
      ).body.message,
    ).toBe('Unknown taxa: 123456789');

    const lists = await send('GET', '/api/admin/species-lists', { headers: admin });
    expect((lists.body as SpeciesLists).items.map((l) => [l.name, l.taxonCount])).toEqual([
      ['Garden birds', 2],
    ]);

    const replaced = await send('PUT', `/api/admin/species-lists/${listId}`, {
      headers: admin,
      json: { name: 'Garden birds', taxa: [{ cdNom: 3764 }, { cdNom: 2895 }] },
    });
    expect((replaced.body as SpeciesListDetail).taxa.map((t) => t.cdNom)).toEqual([3764, 2895]);
    const renamed = await send('PUT', `/api/admin/species-lists/${listId}`, {
      headers: admin,
      json: { name: 'Birds of the garden', taxhubListId: 12 },
    });
    expect(renamed.body).toMatchObject({
      name: 'Birds of the garden',
      taxonCount: 2,
      taxhubListId: 12,
    });

    const programId = await insertProgram(database().db, 'garden', listId);
    const used = await send('DELETE', `/api/admin/species-lists/${listId}`, { headers: admin });
    expect(used.status).toBe(409);
    expect(used.body).toMatchObject({
      code: 'speciesList.inUse',
      params: { name: 'Birds of the garden', programs: '"garden"' },
    });
    await database().db.deleteFrom('programs').where('id', '=', programId).execute();
    expect(
      (await send('DELETE', `/api/admin/species-lists/${listId}`, { headers: admin })).status,
    ).toBe(204);
    expect(
      (await send('GET', `/api/admin/species-lists/${listId}`, { headers: admin })).status,
    ).toBe(404);
  });

  it('imports a species list from CSV: creates it, then replaces its taxa; all or nothing', async () => {
    const csv = readFileSync(fixture('species-list.csv'));
    const form = (bytes: Buffer | string, fields: Record<string, string> = {}) =>
      multipart({ name: 'Park birds', ...fields }, [file('file', 'list.csv', bytes, 'text/csv')]);
    const created = await send('POST', '/api/admin/species-lists/import', {
      headers: admin,
      form: form(csv, { description: 'From a CSV file' }),
    });
    expect(created.status).toBe(200);
    const result = created.body as SpeciesListImportResult;
    expect(result.report).toMatchObject({ inserted: 4, updated: 0, unchanged: 0, removed: 0 });
    expect(result.list).toMatchObject({
      name: 'Park birds',
      description: 'From a CSV file',
      taxonCount: 4,
    });
    listId = result.list.id;
    const detail = (
      await send('GET', `/api/admin/species-lists/${listId}?lang=fr`, { headers: admin })
    ).body as SpeciesListDetail;
    expect(detail.taxa.map((t) => [t.cdNom, t.vernacularName, t.pictureUrl])).toEqual([
      [4117, 'Merle noir', 'https://pictures.example.org/turdus-merula.jpg'],
      [2895, "Épervier d'Europe", null],
      [3764, 'Mésange charbonnière', 'https://pictures.example.org/parus-major.jpg'],
      [4564, 'Pinson des arbres', null],
    ]);

    const again = await send('POST', '/api/admin/species-lists/import', {
      headers: admin,
      form: form(csv),
    });
    expect((again.body as SpeciesListImportResult).report).toMatchObject({ unchanged: 4 });

    const changed =
      'scientific_name;picture_url\nParus major;\nTurdus merula;https://p.example.org/b.jpg\n';
    const replaced = await send('POST', '/api/admin/species-lists/import', {
      headers: admin,
      form: form(changed),
    });
    expect((replaced.body as SpeciesListImportResult).report).toMatchObject({
      inserted: 0,
      updated: 2,
      unchanged: 0,
      removed: 2,
    });

    const bad = [
      'cd_nom,scientific_name,picture_url',
      '4117,,',
      '123456789,,',
      ',Nomen nescio,',
      '4117,,',
      'abc,,',
      '2895,,ftp://x',
    ].join('\n');
    const rejected = await send('POST', '/api/admin/species-lists/import', {
      headers: admin,
      form: form(bad),
    });
    expect(rejected.status).toBe(422);
    expect(rejected.body.errors).toEqual([
      { line: 6, message: 'cd_nom "abc" is not a positive integer' },
      { line: 7, message: 'picture_url "ftp://x" is not an http(s) URL' },
    ]);
    const unknown = await send('POST', '/api/admin/species-lists/import', {
      headers: admin,
      form: form(bad.split('\n').slice(0, 5).join('\n')),
    });
    expect(unknown.body.errors).toEqual([
      { line: 3, message: 'taxon 123456789 is not in the taxonomy' },
      { line: 4, message: 'no taxon is named "Nomen nescio"' },
      { line: 5, message: 'taxon 4117 is already on line 2' },
    ]);
    const kept = (await send('GET', `/api/admin/species-lists/${listId}`, { headers: admin }))
      .body as SpeciesListDetail;
    expect(kept.taxa.map((t) => t.cdNom)).toEqual([3764, 4117]);
  });

  it("sets and removes a list's picture of a taxon: a media id or a URL", async () => {
    const { id: mediaId } = await database()
      .db.insertInto('media')
      .values({ storage_key: 'ab/test-picture', mime_type: 'image/jpeg', byte_size: 10 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const url = `/api/admin/species-lists/${listId}/taxa/3764/picture`;
    const media = await send('PUT', url, { headers: admin, json: { mediaId } });
    expect(media.status).toBe(200);
    expect(media.body as SpeciesListEntry).toMatchObject({
      cdNom: 3764,
      pictureMediaId: mediaId,
      pictureUrl: `/api/media/${mediaId}/display`,
      thumbnailUrl: `/api/media/${mediaId}/thumb`,
    });
    const link = await send('PUT', url, {
      headers: admin,
      json: { url: 'https://p.example.org/t.jpg' },
    });
    expect(link.body).toMatchObject({
      pictureMediaId: null,
      pictureUrl: 'https://p.example.org/t.jpg',
    });
    const removed = await send('PUT', url, { headers: admin, json: {} });
    expect(removed.body).toMatchObject({ pictureMediaId: null, pictureUrl: null });

    expect(
      (await send('PUT', url, { headers: admin, json: { mediaId, url: 'https://x.org/a' } }))
        .status,
    ).toBe(400);
    expect(
      (
        await send('PUT', url, {
          headers: admin,
          json: { mediaId: '00000000-0000-4000-8000-000000000000' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await send('PUT', url, { headers: admin, json: { url: 'javascript:alert(1)' } })).status,
    ).toBe(400);
    expect(
      (await send('PUT', url, { headers: admin, json: { url: '//elsewhere.example.org/a.jpg' } }))
        .status,
    ).toBe(400);
    const notInList = `/api/admin/species-lists/${listId}/taxa/2895/picture`;
    expect((await send('PUT', notInList, { headers: admin, json: {} })).status).toBe(404);
  });

  it("uploads a list's picture of a taxon, checking that it is an image, and removes it", async () => {
    const url = `/api/admin/species-lists/${listId}/taxa/4117/picture`;
    const upload = (bytes: Buffer, filename = 'blackbird.jpg', target = url) =>
      send('POST', `${target}?lang=en`, {
        headers: admin,
        form: multipart({}, [file('file', filename, bytes, 'image/jpeg')]),
      });
    const uploaded = await upload(await jpegWithGps({ width: 640, height: 480 }));
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    const entry = uploaded.body as SpeciesListEntry;
    expect(entry).toMatchObject({ cdNom: 4117, vernacularName: 'Common Blackbird' });
    expect(entry.pictureMediaId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entry.thumbnailUrl).toBe(`/api/media/${entry.pictureMediaId}/thumb`);
    const thumb = await app.inject({ method: 'GET', url: entry.thumbnailUrl! });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    // Pickers of programmes that use the list show it.
    const detail = (await send('GET', `/api/admin/species-lists/${listId}`, { headers: admin }))
      .body as SpeciesListDetail;
    expect(detail.taxa.find((t) => t.cdNom === 4117)?.pictureMediaId).toBe(entry.pictureMediaId);

    // The content is checked, not the name: a text file named .jpg is refused, and kept out.
    const fake = await upload(Buffer.from('not a picture at all'));
    expect(fake.status).toBe(415);
    const kept = (await send('GET', `/api/admin/species-lists/${listId}`, { headers: admin }))
      .body as SpeciesListDetail;
    expect(kept.taxa.find((t) => t.cdNom === 4117)?.pictureMediaId).toBe(entry.pictureMediaId);
    expect((await upload(Buffer.from('x'), 'a.jpg', notInListUrl())).status).toBe(404);
    const none = await send('POST', url, { headers: admin, form: multipart({ a: 'b' }, []) });
    expect(none.status).toBe(400);

    expect((await send('DELETE', url, { headers: admin })).status).toBe(204);
    const removed = (await send('GET', `/api/admin/species-lists/${listId}`, { headers: admin }))
      .body as SpeciesListDetail;
    expect(removed.taxa.find((t) => t.cdNom === 4117)).toMatchObject({
      pictureMediaId: null,
      pictureUrl: null,
    });
    expect((await send('DELETE', notInListUrl(), { headers: admin })).status).toBe(404);
  });
  const notInListUrl = () => `/api/admin/species-lists/${listId}/taxa/2895/picture`;
});
