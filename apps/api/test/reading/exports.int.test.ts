import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXPORT_CHUNK_SIZE } from '../../src/exports/exports.js';
import type { App } from '../../src/http/types.js';
import { describeWithDemo } from '../engines.js';
import { asUser, attachPhoto, parseCsv, parseXml, readingApp, readZip } from './helpers.js';

const fixture = (file: string) =>
  readFileSync(path.join(import.meta.dirname, 'fixtures', file), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',')[0]!);
const DWC_TERMS = new Set(fixture('dwc-terms.csv'));
const MULTIMEDIA_TERMS = new Set(fixture('gbif-multimedia-terms.csv'));

type Sensitive = { id: string; x: number; y: number; px: number; py: number; sensitivity: number };

describeWithDemo('exports', { pglite: true }, (database) => {
  let app: App;
  const db = () => database().db;
  let sensitive: Sensitive[] = [];
  let tricky = '';
  let offList = '';
  let photos = 0;
  const validator = asUser({ id: 999_998, username: 'val', role: 'validator' });

  beforeAll(async () => {
    app = await readingApp(database());
    const form = await sql<{ id: number }>`
      insert into custom_forms (name, json_schema) values ('Chartreuse form', ${JSON.stringify({
        type: 'object',
        properties: { habitat: { type: 'string' }, weather: { type: 'string' } },
        allOf: [{ properties: { nest: { type: 'object' } } }],
        if: { properties: { habitat: { const: 'cliff' } } },
        then: { properties: { behaviour: { type: 'string' } } },
      })}::jsonb) returning id`.execute(db());
    await sql`update programs set form_id = ${form.rows[0]!.id} where id = 2`.execute(db());
    const { rows } = await sql<{ id: string }>`
      select id from observations where program_id = 2 order by id limit 3`.execute(db());
    tricky = rows[0]!.id;
    // A species not in the programme's list (0022), recorded where the programme allows it.
    offList = rows[1]!.id;
    await sql`update observations set off_list = true where id = ${offList}::uuid`.execute(db());
    await sql`update observations set
      custom_data = ${JSON.stringify({
        habitat: 'forest, "old" beech\nwood',
        weather: '=HYPERLINK("http://x")',
        nest: { height: 12, tree: 'beech' },
        other: 'not in the form',
      })}::jsonb,
      comment = ${'a\ttabbed\ncomment'},
      contact_email = 'secret@example.org'
      where id = ${tricky}::uuid`.execute(db());
    for (const r of rows) {
      await attachPhoto(db(), r.id);
      photos++;
    }
    await attachPhoto(db(), rows[0]!.id, 'Another Author');
    photos++;
    sensitive = (
      await sql<Sensitive>`
        select o.id, ST_X(o.geom) as x, ST_Y(o.geom) as y, ST_X(o.public_geom) as px,
          ST_Y(o.public_geom) as py, o.sensitivity
        from observations o
        where o.program_id = 2 and o.sensitivity > 0`.execute(db())
    ).rows;
  });
  afterAll(() => app?.close());

  const download = async (url: string, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, headers: response.headers, raw: response.rawPayload };
  };
  const programCount = async (programId: number) =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from observations where program_id = ${programId}`.execute(db())
    ).rows[0]!.n;

  it('exports CSV with the custom form fields as columns', async () => {
    const { status, headers, raw } = await download('/api/programs/2/export.csv?lang=en');
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^text\/csv/);
    expect(headers['content-disposition']).toBe(
      'attachment; filename="chartreuse-observations.csv"',
    );
    const text = raw.toString('utf8');
    expect(text).not.toContain('example.org');
    const [header, ...rows] = parseCsv(text);
    expect(header!.slice(-4)).toEqual([
      'custom.habitat',
      'custom.weather',
      'custom.nest',
      'custom.behaviour',
    ]);
    expect(header).not.toContain('custom.other');
    expect(rows).toHaveLength(await programCount(2));
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
    const col = (name: string) => header!.indexOf(name);
    const row = rows.find((r) => r[col('id')] === tricky)!;
    expect(row[col('custom.habitat')]).toBe('forest, "old" beech\nwood');
    expect(row[col('custom.weather')]).toBe(`'=HYPERLINK("http://x")`);
    expect(JSON.parse(row[col('custom.nest')]!)).toEqual({ height: 12, tree: 'beech' });
    expect(row[col('custom.behaviour')]).toBe('');
    expect(row[col('comment')]).toBe('a\ttabbed\ncomment');
    expect(row[col('photos')]!.split(' | ')).toHaveLength(2);
    expect(row[col('program')]).toBe('chartreuse');

    expect(sensitive.length).toBeGreaterThan(0);
    for (const s of sensitive) {
      const r = rows.find((x) => x[col('id')] === s.id)!;
      expect(Number(r[col('longitude')])).toBeCloseTo(s.px, 5);
      expect(Number(r[col('latitude')])).toBeCloseTo(s.py, 5);
      expect(r[col('location_blurred')]).toBe('true');
      expect(r[col('municipality')]).toBe('');
      expect(Number(r[col('coordinate_uncertainty_m')])).toBeGreaterThanOrEqual(
        Math.ceil(([0, 1000, 5000, 10000][s.sensitivity]! * Math.SQRT2) / 2),
      );
    }
  });

  it('exports the exact points to validators', async () => {
    const [header, ...rows] = parseCsv(
      (await download('/api/programs/2/export.csv', validator)).raw.toString(),
    );
    const col = (name: string) => header!.indexOf(name);
    for (const s of sensitive) {
      const r = rows.find((x) => x[col('id')] === s.id)!;
      expect(Number(r[col('longitude')])).toBeCloseTo(s.x, 5);
      expect(r[col('location_blurred')]).toBe('false');
    }
  });

  it('takes the filters of the list', async () => {
    const [header, ...rows] = parseCsv(
      (await download('/api/programs/2/export.csv?status=certain&hasPhoto=false')).raw.toString(),
    );
    const status = header!.indexOf('validation_status');
    const { rows: expected } = await sql<{ n: number }>`
      select count(*)::int as n from observations o
      where program_id = 2 and validation_status = 'certain'
        and not exists (select 1 from observation_media m where m.observation_id = o.id)`.execute(
      db(),
    );
    expect(rows).toHaveLength(expected[0]!.n);
    expect(rows.every((r) => r[status] === 'certain')).toBe(true);
  });

  it('exports a streamed GeoJSON FeatureCollection', async () => {
    const { status, headers, raw } = await download('/api/programs/2/export.geojson');
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('application/geo+json');
    const collection = JSON.parse(raw.toString()) as {
      type: string;
      features: {
        id: string;
        geometry: { coordinates: number[] };
        properties: Record<string, unknown>;
      }[];
    };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(await programCount(2));
    const feature = collection.features.find((f) => f.id === tricky)!;
    expect(feature.properties.customData).toMatchObject({ nest: { height: 12, tree: 'beech' } });
    for (const s of sensitive) {
      const f = collection.features.find((x) => x.id === s.id)!;
      expect(f.geometry.coordinates[0]).toBeCloseTo(s.px, 5);
      expect(f.properties.blurred).toBe(true);
    }
    expect(raw.toString()).not.toContain('example.org');
  });

  it('exports a Darwin Core Archive whose meta.xml maps every column to a Darwin Core term', async () => {
    const { status, headers, raw } = await download('/api/programs/2/export.dwca.zip');
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('application/zip');
    const files = readZip(raw);
    expect([...files.keys()].sort()).toEqual([
      'eml.xml',
      'meta.xml',
      'multimedia.txt',
      'occurrence.txt',
    ]);

    const meta = parseXml(files.get('meta.xml')!.toString('utf8'));
    const archive = meta.documentElement;
    expect(archive.getAttribute('metadata')).toBe('eml.xml');
    const describe = (element: Element) => {
      const fields = [...(element.getElementsByTagName('field') as unknown as Element[])].map(
        (f) => ({
          index: Number(f.getAttribute('index')),
          term: f.getAttribute('term')!,
        }),
      );
      const location = element.getElementsByTagName('location')[0]!.textContent!;
      return { fields, location, rowType: element.getAttribute('rowType') };
    };
    const core = describe(archive.getElementsByTagName('core')[0]!);
    const extension = describe(archive.getElementsByTagName('extension')[0]!);
    expect(core.rowType).toBe('http://rs.tdwg.org/dwc/terms/Occurrence');
    expect(extension.rowType).toBe('http://rs.gbif.org/terms/1.0/Multimedia');
    for (const f of core.fields) expect(DWC_TERMS, f.term).toContain(f.term);
    for (const f of extension.fields) expect(MULTIMEDIA_TERMS, f.term).toContain(f.term);

    const tsv = (name: string) =>
      files
        .get(name)!
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split('\t'));
    const [occurrenceHeader, ...occurrences] = tsv(core.location);
    // Every column is mapped, each to one term.
    expect(core.fields.map((f) => f.index)).toEqual(occurrenceHeader!.map((_, i) => i));
    expect(occurrences).toHaveLength(await programCount(2));
    expect(occurrences.every((r) => r.length === occurrenceHeader!.length)).toBe(true);
    const [mediaHeader, ...media] = tsv(extension.location);
    expect(extension.fields.map((f) => f.index)).toEqual(mediaHeader!.map((_, i) => i).slice(1));
    expect(media).toHaveLength(photos);
    expect(media.every((r) => r.length === mediaHeader!.length)).toBe(true);

    const term = (name: string) => core.fields.find((f) => f.term.endsWith(`/${name}`))!.index;
    const ids = new Set(occurrences.map((r) => r[term('occurrenceID')]));
    for (const m of media) expect(ids).toContain(m[0]);
    const row = occurrences.find((r) => r[term('occurrenceID')] === tricky)!;
    expect(row[term('basisOfRecord')]).toBe('HumanObservation');
    expect(row[term('occurrenceRemarks')]).toBe('a tabbed comment');
    expect(row[term('geodeticDatum')]).toBe('EPSG:4326');
    expect(row[term('license')]).toBe('http://creativecommons.org/licenses/by/4.0/legalcode');
    expect(row[term('nomenclaturalCode')]).toBe('ICZN');
    expect(row[term('nameAccordingTo')]).toMatch(/^TAXREF v/);
    expect(row[term('taxonRank')]).toBe('species');
    expect(row[term('datasetName')]).toBe('Faune de Chartreuse');
    // Off the species list: a remark on the identification, and the flag for machines.
    expect(row[term('identificationRemarks')]).toBe('');
    expect(JSON.parse(row[term('dynamicProperties')]!)).toEqual({ offList: false });
    const off = occurrences.find((r) => r[term('occurrenceID')] === offList)!;
    expect(off[term('identificationRemarks')]).toMatch(/not in the programme's species list/);
    expect(JSON.parse(off[term('dynamicProperties')]!)).toEqual({ offList: true });
    expect(occurrences.filter((r) => r[term('identificationRemarks')] !== '')).toHaveLength(1);
    for (const s of sensitive) {
      const r = occurrences.find((x) => x[term('occurrenceID')] === s.id)!;
      expect(Number(r[term('decimalLongitude')])).toBeCloseTo(s.px, 5);
      expect(Number(r[term('decimalLatitude')])).toBeCloseTo(s.py, 5);
      expect(r[term('informationWithheld')]).not.toBe('');
      expect(r[term('dataGeneralizations')]).toMatch(/EEA reference grid/);
      expect(r[term('municipality')]).toBe('');
    }
    expect(files.get('occurrence.txt')!.toString()).not.toContain('example.org');

    const eml = parseXml(files.get('eml.xml')!.toString('utf8'));
    expect(eml.getElementsByTagName('title')[0]!.textContent).toBe('Faune de Chartreuse');
    expect(eml.getElementsByTagName('intellectualRights')[0]!.textContent).toMatch(/CC-BY/);
    expect(eml.getElementsByTagName('calendarDate')).toHaveLength(2);
    expect(eml.getElementsByTagName('westBoundingCoordinate')[0]!.textContent).toMatch(/^5\./);
    expect(eml.getElementsByTagName('methods')[0]!.textContent).toMatch(/"offList":true/);
  });

  it('reads large selections in chunks, each observation once', async () => {
    await sql`
      insert into observations (program_id, cd_nom, observed_on, geom)
      select 1, (select cd_nom from taxa order by cd_nom limit 1), date '2023-01-01' + (i % 5),
        ST_SetSRID(ST_MakePoint(4.85 + i * 1e-6, 45.775), 4326)
      from generate_series(1, ${EXPORT_CHUNK_SIZE + 300}) i`.execute(db());
    const [header, ...rows] = parseCsv(
      (await download('/api/programs/1/export.csv')).raw.toString(),
    );
    const ids = rows.map((r) => r[header!.indexOf('id')]);
    expect(ids).toHaveLength(await programCount(1));
    expect(new Set(ids).size).toBe(ids.length);
    const zip = readZip((await download('/api/programs/1/export.dwca.zip')).raw);
    expect(zip.get('occurrence.txt')!.toString().trim().split('\n')).toHaveLength(ids.length + 1);
  });

  it('answers 404 for an unknown or inactive programme and 400 for bad filters', async () => {
    expect((await download('/api/programs/999/export.csv')).status).toBe(404);
    expect((await download('/api/programs/2/export.geojson?bbox=9,9,1,1')).status).toBe(400);
    expect((await download('/api/programs/2/export.dwca.zip?taxon=123456789')).status).toBe(400);
    await sql`update programs set is_active = false where id = 2`.execute(db());
    try {
      expect((await download('/api/programs/2/export.csv')).status).toBe(404);
      expect((await download('/api/programs/2/export.csv', validator)).status).toBe(200);
    } finally {
      await sql`update programs set is_active = true where id = 2`.execute(db());
    }
  });
});
