import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProgramInput } from '@citizen/shared';
import type { App } from '../src/http/types.js';
import { createServices, type Services } from '../src/services.js';
import { testApp, testConfig } from './app.js';
import { describeWithDemo } from './engines.js';
import { multipart } from './images.js';

const square = (x: number, y: number, size = 0.01) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

const input = (extra: Partial<ProgramInput> = {}): ProgramInput => ({
  slug: 'mares-de-lyon',
  title: 'Mares de Lyon',
  shortDescription: 'Inventaire des mares',
  longDescription:
    '<p>Hello <strong>world</strong><script>alert(1)</script><a href="javascript:alert(1)">x</a><img src="https://example.org/a.png" onerror="alert(1)"></p>',
  area: square(4.8, 45.7),
  ...extra,
});

describeWithDemo('programme administration', (database) => {
  let app: App;
  let services: Services;
  beforeAll(async () => {
    app = await testApp(database());
    services = createServices(testConfig(), database());
  });
  afterAll(() => app?.close());

  it('creates a programme with a sanitised description and a custom form', async () => {
    const created = await services.programs.create(
      input({
        form: { jsonSchema: { type: 'object', properties: { depth: { type: 'number' } } } },
        registrationRequired: true,
      }),
    );
    expect(created).toMatchObject({
      slug: 'mares-de-lyon',
      isActive: true,
      registrationRequired: true,
      notices: [],
      licence: 'CC-BY-4.0',
    });
    expect(created.longDescription).toBe(
      '<p>Hello <strong>world</strong><a rel="noopener noreferrer">x</a><img src="https://example.org/a.png" /></p>',
    );
    expect(created.area.type).toBe('MultiPolygon');
    expect(created.form?.jsonSchema).toEqual({
      type: 'object',
      properties: { depth: { type: 'number' } },
    });
    const visible = await app.inject({ method: 'GET', url: `/api/programs/${created.id}` });
    // The fields' order is kept in the uiSchema (jsonb does not keep the keys' order).
    expect(visible.json<{ form: unknown }>().form).toEqual({
      jsonSchema: created.form!.jsonSchema,
      uiSchema: { 'ui:order': ['depth'] },
    });
  });

  it('repairs a self-intersecting area and says so', async () => {
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [5, 45],
          [5.1, 45.1],
          [5.1, 45],
          [5, 45.1],
          [5, 45],
        ],
      ],
    };
    const created = await services.programs.create(input({ slug: 'bowtie', area: bowtie }));
    expect(created.notices).toEqual([
      'The area was not a valid polygon (e.g. crossing edges) and was repaired',
    ]);
    expect(created.area.type).toBe('MultiPolygon');
    expect((created.area.coordinates as unknown[]).length).toBe(2);
  });

  it.each([
    ['a taken slug', input({ slug: 'tete-dor' }), 'program.slugTaken'],
    [
      'an unknown species list',
      input({ slug: 'x1', speciesListId: 999 }),
      'program.unknownSpeciesList',
    ],
    [
      'an invalid form schema',
      input({
        slug: 'x2',
        form: { jsonSchema: { type: 'object', properties: { a: { type: 'thing' } } } },
      }),
      'form.invalidSchema',
    ],
    [
      'dates in the wrong order',
      input({ slug: 'x3', startsOn: '2026-06-01', endsOn: '2026-05-01' }),
      'program.endsBeforeStart',
    ],
    [
      'an area in projected coordinates',
      input({ slug: 'x4', area: square(850000, 6500000, 1000) }),
      'program.areaNotWgs84',
    ],
    [
      'an area that is a point',
      input({ slug: 'x5', area: { type: 'Point', coordinates: [5, 45] } }),
      'program.areaNoPolygon',
    ],
  ])('refuses %s', async (_what, body, code) => {
    await expect(services.programs.create(body)).rejects.toMatchObject({ code });
  });

  it('changes a programme: a new form applies to the next observations, null removes it', async () => {
    const { id } = await services.programs.create(input({ slug: 'forms' }));
    const withForm = await services.programs.update(id, {
      form: { jsonSchema: { type: 'object', required: ['water'] } },
    });
    expect(withForm.form?.jsonSchema).toEqual({ type: 'object', required: ['water'] });
    const changed = await services.programs.update(id, {
      form: { jsonSchema: { type: 'object', required: ['depth'] } },
      title: 'Renamed',
      isActive: false,
    });
    expect(changed).toMatchObject({
      title: 'Renamed',
      isActive: false,
      form: { jsonSchema: { required: ['depth'] } },
    });
    expect((await app.inject({ method: 'GET', url: `/api/programs/${id}` })).statusCode).toBe(404);
    expect((await services.programs.update(id, { form: null })).form).toBeNull();
  });

  it('keeps admin routes for administrators', async () => {
    for (const [method, url] of [
      ['GET', '/api/admin/programs'],
      ['POST', '/api/admin/programs'],
      ['PATCH', '/api/admin/programs/1'],
      ['PUT', '/api/admin/programs/1/area'],
      ['PUT', '/api/admin/programs/1/image'],
      ['POST', '/api/admin/projects'],
      ['POST', '/api/admin/areas/import'],
    ] as const) {
      const response = await app.inject({
        method,
        url,
        payload: method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('imports municipalities from GeoJSON, updates them on a second import, and uses them for observations', async () => {
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { INSEE_COM: '69123', NOM_COM: 'Lyon' },
          geometry: square(4.84, 45.77, 0.03),
        },
        {
          type: 'Feature',
          properties: { INSEE_COM: '38185', NOM_COM: 'Grenoble' },
          geometry: square(5.7, 45.17, 0.05),
        },
      ],
    });
    expect(await services.areas.importGeoJson('municipality', file)).toMatchObject({
      kind: 'municipality',
      inserted: 2,
      updated: 0,
    });
    expect(await services.areas.importGeoJson('municipality', file)).toMatchObject({
      kind: 'municipality',
      inserted: 0,
      updated: 2,
    });
    const listed = await app.inject({ method: 'GET', url: '/api/areas?kind=municipality' });
    expect(listed.json<{ items: { name: string }[] }>().items.map((a) => a.name)).toEqual([
      'Grenoble',
      'Lyon',
    ]);

    const bad = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: '1' }, geometry: square(1, 1) }],
    });
    await expect(services.areas.importGeoJson('municipality', bad)).rejects.toThrow(
      /Feature 1 has no name property/,
    );

    const saved = await app.inject({
      method: 'POST',
      url: '/api/observations',
      payload: {
        programId: 1,
        cdNom: 4117,
        observedOn: '2026-05-01',
        location: { type: 'Point', coordinates: [4.853, 45.778] },
      },
    });
    expect(saved.json<{ municipality: string }>().municipality).toBe('Lyon');
    const count = await sql<{ n: number }>`select count(*)::int as n from areas`.execute(
      database().db,
    );
    expect(count.rows[0]!.n).toBe(2);
  });

  it('shows the public only validated observations where the programme asks for it', async () => {
    const program = await services.programs.create(
      input({ slug: 'validated-only', publicValidatedOnly: true, area: square(4.84, 45.77, 0.02) }),
    );
    expect(program.publicValidatedOnly).toBe(true);
    const saved = await services.observationWriter.create(
      {
        programId: program.id,
        cdNom: 4117,
        observedOn: '2026-05-01',
        location: { type: 'Point', coordinates: [4.85, 45.78] },
      },
      [],
      null,
    );
    const publicList = async () =>
      (await app.inject({ method: 'GET', url: `/api/observations?program=${program.id}` }))
        .json<{ items: { id: string }[] }>()
        .items.map((o) => o.id);
    expect(await publicList()).toEqual([]);
    expect((await services.programs.getForAdmin(program.id)).observationCount).toBe(0);
    await sql`update observations set validation_status = 'certain' where id = ${saved.id}`.execute(
      database().db,
    );
    expect(await publicList()).toEqual([saved.id]);
    await services.programs.update(program.id, { publicValidatedOnly: false });
    await sql`update observations set validation_status = 'doubtful' where id = ${saved.id}`.execute(
      database().db,
    );
    expect(await publicList()).toEqual([saved.id]);
  });

  it('reads an area from a KML file', async () => {
    const { id } = await services.programs.create(input({ slug: 'kml' }));
    const kml = `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><Polygon><outerBoundaryIs><LinearRing>
      <coordinates>6,46 6.2,46 6.2,46.2 6,46.2 6,46</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>`;
    const updated = await services.programs.update(id, { area: kml });
    expect(updated.bbox).toEqual([6, 46, 6.2, 46.2]);
    // The multipart route is for admins only; its parsing is the same service call.
    const { payload, headers } = multipart({}, [
      {
        field: 'file',
        filename: 'zone.kml',
        type: 'application/vnd.google-earth.kml+xml',
        bytes: Buffer.from(kml),
      },
    ]);
    expect(
      (await app.inject({ method: 'PUT', url: `/api/admin/programs/${id}/area`, payload, headers }))
        .statusCode,
    ).toBe(401);
  });
});
