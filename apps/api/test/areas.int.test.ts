import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AreaImportReport, AreaKinds } from '@citizen/shared';
import type { App } from '../src/http/types.js';
import { testApp } from './app.js';
import { describeOnEngines } from './engines.js';
import { multipart } from './images.js';
import { loginAs } from './taxonomy/helpers.js';

/** A square polygon feature around a point, with the given properties. */
const square = (lon: number, lat: number, properties: Record<string, unknown>, half = 0.01) => ({
  type: 'Feature',
  properties,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
      ],
    ],
  },
});
const collection = (...features: object[]) => ({ type: 'FeatureCollection', features });

describeOnEngines('areas administration', (database) => {
  let app: App;
  let admin: Record<string, string>;
  let observer: Record<string, string>;

  beforeAll(async () => {
    app = await testApp(database());
    admin = await loginAs(app, database().db, 'admin', 'cartographer');
    observer = await loginAs(app, database().db, 'observer', 'walker');
  });
  afterAll(() => app?.close());

  const importAreas = async (
    geojson: unknown,
    fields: Record<string, string> = {},
    headers = admin,
  ) => {
    const form = multipart(fields, [
      {
        field: 'file',
        filename: 'areas.geojson',
        type: 'application/geo+json',
        bytes: Buffer.from(typeof geojson === 'string' ? geojson : JSON.stringify(geojson)),
      },
    ]);
    const response = await app.inject({
      method: 'POST',
      url: '/api/admin/areas/import',
      headers: { ...headers, ...form.headers },
      payload: form.payload,
    });
    return { status: response.statusCode, body: response.json() };
  };
  const kinds = async () =>
    (
      await app.inject({ method: 'GET', url: '/api/admin/areas/kinds', headers: admin })
    ).json<AreaKinds>().items;

  it('keeps the area administration to administrators', async () => {
    for (const [method, url] of [
      ['GET', '/api/admin/areas/kinds'],
      ['DELETE', '/api/admin/areas/kinds/municipality'],
      ['POST', '/api/admin/areas/import'],
    ] as const) {
      expect((await app.inject({ method, url })).statusCode, `${method} ${url}`).toBe(401);
      expect(
        (await app.inject({ method, url, headers: observer })).statusCode,
        `${method} ${url}`,
      ).toBe(403);
    }
  });

  it('imports municipalities from the usual properties, then updates them on a second import', async () => {
    const file = collection(
      square(4.85, 45.76, { INSEE_COM: '69381', NOM: 'Lyon 1er' }),
      square(4.87, 45.76, { INSEE_COM: 69382, NOM: 'Lyon 2e' }),
    );
    const first = await importAreas(file);
    expect(first).toEqual({
      status: 200,
      body: {
        kind: 'municipality',
        inserted: 2,
        updated: 0,
        codeProperty: 'INSEE_COM',
        nameProperty: 'NOM',
      } satisfies AreaImportReport,
    });
    const again = await importAreas(file);
    expect(again.body).toMatchObject({ inserted: 0, updated: 2 });
    expect((await kinds()).map((k) => [k.kind, k.count])).toEqual([['municipality', 2]]);
    const listed = await app.inject({ method: 'GET', url: '/api/areas?kind=municipality' });
    expect(listed.json<{ items: { code: string; name: string }[] }>().items).toMatchObject([
      { code: '69381', name: 'Lyon 1er' },
      { code: '69382', name: 'Lyon 2e' },
    ]);
  });

  it('reads the code and name from the properties the admin names, for another kind', async () => {
    const report = await importAreas(
      collection(
        square(5.9, 45.5, { ref: 'PNR-B', label: 'Bauges', name: 'ignored' }, 0.2),
        square(5.7, 45.3, { ref: 'PNR-C', label: 'Chartreuse', name: 'ignored' }, 0.2),
      ),
      { kind: 'natural_park', codeProperty: 'ref', nameProperty: 'label' },
    );
    expect(report.body).toEqual({
      kind: 'natural_park',
      inserted: 2,
      updated: 0,
      codeProperty: 'ref',
      nameProperty: 'label',
    });
    expect((await kinds()).map((k) => [k.kind, k.count])).toEqual([
      ['municipality', 2],
      ['natural_park', 2],
    ]);
    const parks = await app.inject({ method: 'GET', url: '/api/areas?kind=natural_park' });
    expect(parks.json<{ items: { name: string }[] }>().items.map((a) => a.name)).toEqual([
      'Bauges',
      'Chartreuse',
    ]);
  });

  it.each([
    ['not JSON', '{', {}, { code: 'area.notJson' }],
    ['not a collection', { type: 'Feature' }, {}, { code: 'area.notFeatureCollection' }],
    ['empty', collection(), {}, { code: 'area.noFeatures' }],
    [
      'a bad kind',
      collection(square(1, 1, { code: 'a', name: 'A' })),
      { kind: 'Bad!' },
      { code: 'area.badKind' },
    ],
    [
      'no code property',
      collection(square(1, 1, { label: 'A' })),
      {},
      { code: 'area.noCodeProperty', message: /^Feature 1 has no code property/ },
    ],
    [
      'a feature without the code',
      collection(square(1, 1, { code: 'a', name: 'A' }), square(2, 1, { name: 'B' })),
      {},
      { code: 'area.featureWithoutCode', params: { feature: 2, property: 'code' } },
    ],
    [
      'a code twice',
      collection(
        square(1, 1, { code: 'a', name: 'A' }),
        square(2, 1, { code: 'b', name: 'B' }),
        square(3, 1, { code: 'a', name: 'C' }),
      ),
      {},
      { code: 'area.duplicateCode', params: { feature: 3, code: 'a', earlier: 1 } },
    ],
    [
      'a named property the features lack',
      collection(square(1, 1, { code: 'a', name: 'A' })),
      { nameProperty: 'NOM_M' },
      { code: 'area.featureWithoutName', params: { feature: 1, property: 'NOM_M' } },
    ],
    [
      'a point',
      collection(square(1, 1, { code: 'a', name: 'A' }), {
        type: 'Feature',
        properties: { code: 'b', name: 'B' },
        geometry: { type: 'Point', coordinates: [1, 1] },
      }),
      {},
      { code: 'area.badGeometry', params: { feature: 2, name: 'B' } },
    ],
  ])('refuses %s, importing nothing', async (_, geojson, fields, expected) => {
    const before = await kinds();
    const { status, body } = await importAreas(geojson, { kind: 'test_kind', ...fields });
    expect(status).toBe(400);
    expect(body).toMatchObject(expected);
    expect(await kinds()).toEqual(before);
  });

  it('deletes every area of a kind', async () => {
    const url = '/api/admin/areas/kinds/natural_park';
    expect((await app.inject({ method: 'DELETE', url, headers: admin })).statusCode).toBe(204);
    expect((await kinds()).map((k) => k.kind)).toEqual(['municipality']);
    expect((await app.inject({ method: 'DELETE', url, headers: admin })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/admin/areas/kinds/Bad!', headers: admin }))
        .statusCode,
    ).toBe(400);
  });
});
