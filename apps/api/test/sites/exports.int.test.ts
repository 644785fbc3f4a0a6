import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SavedVisit, SiteDetail, SiteType } from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { RELAXED_LIMITS } from '../accounts/helpers.js';
import { testApp } from '../app.js';
import { describeWithDemo } from '../engines.js';
import { jpegWithGps, multipart } from '../images.js';
import { parseCsv, parseXml, readZip } from '../reading/helpers.js';
import { caller, POND, signedIn, squareAround, type Call, type SignedIn } from './helpers.js';
import { POND_TYPE } from './pond-type.js';

const BLACKBIRD = 4117;
const MALLARD = 1966;
const DWC_TERMS = new Set(
  readFileSync(path.join(import.meta.dirname, '../reading/fixtures/dwc-terms.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',')[0]!),
);

describeWithDemo('site programme exports', (database) => {
  let app: App;
  let admin: SignedIn;
  let alice: SignedIn;
  let validator: SignedIn;
  let programId: number;
  let pond: SiteType;
  let siteId: number;
  const visits: SavedVisit[] = [];
  let sensitiveCdNom: number;
  const db = () => database().db;

  let call: Call;
  const download = async (file: string, who: SignedIn | null = null) => {
    const response = await call('GET', `/api/programs/${programId}/export/${file}`, who);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    return response;
  };
  const table = (text: string) => {
    const [header, ...rows] = parseCsv(text);
    const col = (name: string) => header!.indexOf(name);
    return { header: header!, rows, col };
  };

  beforeAll(async () => {
    app = await testApp(database(), { RATE_LIMITS: RELAXED_LIMITS });
    call = caller(app);
    await app.ready();
    admin = await signedIn(app, db(), { username: 'export-admin', role: 'admin' });
    alice = await signedIn(app, db(), { username: 'alice-x' });
    validator = await signedIn(app, db(), { username: 'vera', role: 'validator' });
    programId = (
      await call('POST', '/api/admin/programs', admin, {
        slug: 'mares',
        title: 'Mares',
        kind: 'sites',
        area: squareAround(POND),
      })
    ).json<{ id: number }>().id;
    pond = (
      await call('POST', `/api/admin/programs/${programId}/site-types`, admin, POND_TYPE)
    ).json<SiteType>();
    const site = await call('POST', '/api/sites', alice, {
      programId,
      siteTypeId: pond.id,
      name: '=Mare, "ronde"',
      location: { type: 'Point', coordinates: POND },
      customData: { surface: 42.5, fish: true, vegetation: ['reeds', 'lilies'] },
    });
    siteId = site.json<SiteDetail>().id;
    const { payload, headers } = multipart(
      {
        visit: JSON.stringify({
          visitedOn: '2026-03-01',
          visitedTime: '07:15',
          comment: 'Frost\nat dawn',
          customData: { waterLevel: 'high', eggMasses: 3, notes: '+33 6 00' },
        }),
      },
      [{ field: 'photo', filename: 'v.jpg', type: 'image/jpeg', bytes: await jpegWithGps() }],
    );
    visits.push(
      (
        await app.inject({
          method: 'POST',
          url: `/api/sites/${siteId}/visits`,
          payload,
          headers: { ...headers, ...alice.headers },
        })
      ).json<SavedVisit>(),
    );
    visits.push(
      (
        await call('POST', `/api/sites/${siteId}/visits`, alice, {
          visitedOn: '2026-04-10',
          customData: { waterLevel: 'low' },
        })
      ).json<SavedVisit>(),
    );
    sensitiveCdNom = (
      await sql<{ cd_nom: number }>`
        select cd_nom from sensitivity_rules where area_id is null order by cd_nom limit 1`.execute(
        db(),
      )
    ).rows[0]!.cd_nom;
    for (const [visit, cdNom, count] of [
      [visits[0]!, BLACKBIRD, 2],
      [visits[0]!, MALLARD, 7],
      [visits[1]!, BLACKBIRD, 1],
      [visits[1]!, sensitiveCdNom, 1],
    ] as const) {
      const response = await call('POST', '/api/observations', alice, {
        programId,
        cdNom,
        count,
        observedOn: visit.visitedOn,
        location: { type: 'Point', coordinates: POND },
        visitId: visit.id,
      });
      expect(response.statusCode).toBe(201);
    }
  });
  afterAll(() => app?.close());

  it('exports the sites as CSV with the site form fields as columns', async () => {
    const response = await download('sites.csv');
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="mares-sites.csv"');
    const { header, rows, col } = table(response.body);
    expect(header.slice(-3)).toEqual(['custom.surface', 'custom.fish', 'custom.vegetation']);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row![col('name')]).toBe(`'=Mare, "ronde"`);
    expect(row![col('site_type')]).toBe('Pond');
    expect(row![col('creator')]).toBe('alice-x');
    expect([
      row![col('visit_count')],
      row![col('first_visit_on')],
      row![col('last_visit_on')],
    ]).toEqual(['2', '2026-03-01', '2026-04-10']);
    expect(Number(row![col('longitude')])).toBeCloseTo(POND[0]!, 6);
    expect([row![col('custom.surface')], row![col('custom.fish')]]).toEqual(['42.5', 'true']);
    expect(JSON.parse(row![col('custom.vegetation')]!)).toEqual(['reeds', 'lilies']);
    expect(response.body).not.toMatch(/@example\.net/);
  });

  it('exports the visits as CSV with the visit form fields as columns', async () => {
    const { header, rows, col } = table((await download('visits.csv')).body);
    expect(header.slice(-4)).toEqual([
      'custom.waterLevel',
      'custom.temperature',
      'custom.eggMasses',
      'custom.notes',
    ]);
    expect(
      rows.map((r) => [r[col('visited_on')], r[col('custom.waterLevel')], r[col('species_count')]]),
    ).toEqual([
      ['2026-03-01', 'high', '2'],
      ['2026-04-10', 'low', '2'],
    ]);
    const [first] = rows;
    expect(first![col('visited_time')]).toBe('07:15');
    expect(first![col('comment')]).toBe('Frost\nat dawn');
    expect(first![col('custom.notes')]).toBe(`'+33 6 00`);
    expect(first![col('photos')]).toMatch(
      /^http:\/\/localhost:3000\/api\/media\/[0-9a-f-]+\/display$/,
    );
    expect(first![col('site_id')]).toBe(String(siteId));
  });

  it('exports the species of the visits, leaving sensitive taxa out for the public', async () => {
    const { rows, col } = table((await download('visit-observations.csv')).body);
    expect(rows.map((r) => [r[col('visit_id')], r[col('cd_nom')], r[col('count')]]).sort()).toEqual(
      [
        [String(visits[0]!.id), String(BLACKBIRD), '2'],
        [String(visits[0]!.id), String(MALLARD), '7'],
        [String(visits[1]!.id), String(BLACKBIRD), '1'],
      ].sort(),
    );
    expect(rows[0]![col('site_name')]).toBe(`'=Mare, "ronde"`);
    const expert = table((await download('visit-observations.csv', validator)).body);
    expect(expert.rows.map((r) => r[expert.col('cd_nom')])).toContain(String(sensitiveCdNom));
  });

  it('exports sites with their visits and species as GeoJSON', async () => {
    const response = await download('sites.geojson');
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
    const collection = response.json<{
      features: {
        id: number;
        properties: {
          customData: object;
          visits: { visitedOn: string; customData: object; species: { cdNom: number }[] }[];
        };
      }[];
    }>();
    expect(collection.features).toHaveLength(1);
    const [site] = collection.features;
    expect(site!.id).toBe(siteId);
    expect(site!.properties.customData).toEqual({
      surface: 42.5,
      fish: true,
      vegetation: ['reeds', 'lilies'],
    });
    expect(
      site!.properties.visits.map((v) => [v.visitedOn, v.species.map((s) => s.cdNom).sort()]),
    ).toEqual([
      ['2026-03-01', [MALLARD, BLACKBIRD].sort()],
      ['2026-04-10', [BLACKBIRD]],
    ]);
    expect(site!.properties.visits[0]!.customData).toMatchObject({ waterLevel: 'high' });
  });

  it('exports the visits as sampling events of a Darwin Core Archive, with their occurrences', async () => {
    const response = await download('events.dwca.zip', validator);
    expect(response.headers['content-type']).toBe('application/zip');
    const files = readZip(response.rawPayload);
    expect([...files.keys()].sort()).toEqual([
      'eml.xml',
      'event.txt',
      'meta.xml',
      'occurrence.txt',
    ]);
    const meta = parseXml(files.get('meta.xml')!.toString());
    const core = meta.getElementsByTagName('core')[0]!;
    expect(core.getAttribute('rowType')).toBe('http://rs.tdwg.org/dwc/terms/Event');
    const terms = Array.from(meta.getElementsByTagName('field')).map((f) =>
      f.getAttribute('term')!,
    );
    expect(terms.filter((t) => !DWC_TERMS.has(t))).toEqual([]);

    const tsv = (name: string) =>
      files
        .get(name)!
        .toString()
        .trimEnd()
        .split('\n')
        .map((line) => line.split('\t'));
    const [eventHeader, ...events] = tsv('event.txt');
    expect(eventHeader!.slice(0, 4)).toEqual([
      'eventID',
      'eventDate',
      'eventTime',
      'samplingProtocol',
    ]);
    expect(events).toHaveLength(2);
    const locality = eventHeader!.indexOf('locality');
    expect(events.map((e) => e[locality])).toEqual(['=Mare, "ronde"', '=Mare, "ronde"']);
    const dynamic = eventHeader!.indexOf('dynamicProperties');
    expect(JSON.parse(events[0]![dynamic]!)).toEqual({
      waterLevel: 'high',
      eggMasses: 3,
      notes: '+33 6 00',
    });
    expect(events[0]![eventHeader!.indexOf('eventRemarks')]).toBe('Frost at dawn');

    const [occurrenceHeader, ...occurrences] = tsv('occurrence.txt');
    expect(occurrenceHeader!.slice(0, 2)).toEqual(['coreid', 'occurrenceID']);
    const eventIds = new Set(events.map((e) => e[0]));
    expect(occurrences).toHaveLength(4);
    expect(occurrences.every((o) => eventIds.has(o[0]))).toBe(true);
    const eml = parseXml(files.get('eml.xml')!.toString());
    expect(eml.getElementsByTagName('beginDate')[0]!.textContent).toContain('2026-03-01');

    const publicArchive = readZip((await download('events.dwca.zip')).rawPayload);
    expect(publicArchive.get('occurrence.txt')!.toString().trimEnd().split('\n')).toHaveLength(4);
  });

  it('exports nothing of a programme that records observations, nor of an unknown one', async () => {
    expect((await call('GET', '/api/programs/1/export/sites.csv', null)).statusCode).toBe(404);
    expect((await call('GET', '/api/programs/999999/export/visits.csv', null)).statusCode).toBe(
      404,
    );
  });
});
