import type { ErrorResponse } from '@citizen/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { mortonKey, TILE_POINT_LIMIT } from '../../src/map/tile-grid.js';
import { describeWithDemo } from '../engines.js';
import {
  asUser,
  cdNomOf,
  decodeMvt,
  insertObservation,
  readingApp,
  type DecodedLayer,
} from './helpers.js';

const BUFFER = 64 / 4096;

/** The tile at zoom z holding a point. */
function tileOf(z: number, lon: number, lat: number) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n),
  };
}

/** Where a point falls in a tile, in tile units (0..4096). */
function pixelOf(t: { z: number; x: number; y: number }, lon: number, lat: number) {
  const n = 2 ** t.z;
  const rad = (lat * Math.PI) / 180;
  return [
    Math.round((((lon + 180) / 360) * n - t.x) * 4096),
    Math.round((((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n - t.y) * 4096),
  ];
}

describeWithDemo('map tiles', { pglite: true }, (database) => {
  let app: App;
  const db = () => database().db;
  const validator = asUser({ id: 999_998, username: 'val', role: 'validator' });
  let golden = 0;
  let common = 0;

  beforeAll(async () => {
    app = await readingApp(database());
    golden = await cdNomOf(db(), 'Aquila chrysaetos');
    common = await cdNomOf(db(), 'Fringilla coelebs');
    // Enough observations in Chartreuse that low-zoom tiles hold more than the point limit;
    // every tenth of a sensitive taxon.
    await sql`
      insert into observations (program_id, cd_nom, observed_on, geom, validation_status)
      select 2, case when i % 10 = 0 then ${golden}::int else ${common}::int end,
        date '2024-01-01' + (i % 300)::int, g, case when i % 3 = 0 then 'certain' else 'pending' end
      from (
        -- Numbered after ST_Dump has made the rows (in one select list, every row would be 1).
        select g, row_number() over () as i from (
          select (ST_Dump(ST_GeneratePoints(p.area, ${TILE_POINT_LIMIT + 500}, 7))).geom as g
          from programs p where p.id = 2
        ) d
      ) s`.execute(db());
  });
  afterAll(() => app?.close());

  const tile = async (path: string, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'GET', url: `/api/programs/${path}`, headers });
    return {
      status: response.statusCode,
      headers: response.headers,
      raw: response.rawPayload,
      layers:
        response.statusCode === 200
          ? decodeMvt(response.rawPayload)
          : new Map<string, DecodedLayer>(),
    };
  };

  /**
   * Observations whose point lies in the tile (grown by margin), counted by PostGIS: the public
   * ones by their public point, or all by their exact point.
   */
  const countIn = async (
    programId: number,
    t: { z: number; x: number; y: number },
    column: 'geom' | 'public_geom',
    where = sql`true`,
    margin = 0,
  ) => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from observations o
      where o.program_id = ${programId} and ${where} and (${column === 'geom'} or o.is_public)
        and ST_Intersects(ST_Transform(o.${sql.ref(column)}, 3857), ST_TileEnvelope(${t.z}, ${t.x}, ${t.y}, margin => ${margin}::float8))`.execute(
      db(),
    );
    return rows[0]!.n;
  };

  it('serves the points of a high-zoom tile with their properties', async () => {
    const { rows } = await sql<{
      id: string;
      x: number;
      y: number;
      cd_nom: number;
      day: string;
      count: number;
    }>`
      select o.id, ST_X(o.geom) as x, ST_Y(o.geom) as y, o.cd_nom, o.observed_on::text as day, o.count
      from observations o
      where o.program_id = 1 and o.sensitivity = 0 order by o.id limit 1`.execute(db());
    const target = rows[0]!;
    const t = tileOf(16, target.x, target.y);
    const response = await tile(`1/tiles/${t.z}/${t.x}/${t.y}.mvt?lang=en`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const layer = response.layers.get('observations')!;
    expect(layer.version).toBe(2);
    expect(layer.extent).toBe(4096);
    const feature = layer.features.find((f) => f.properties.id === target.id)!;
    expect(feature.type).toBe(1);
    expect(feature.properties).toMatchObject({
      cd_nom: target.cd_nom,
      date: target.day,
      count: target.count,
      blurred: false,
    });
    expect(typeof feature.properties.name).toBe('string');
    const [px, py] = pixelOf(t, target.x, target.y);
    expect(Math.abs(feature.points[0]![0] - px!)).toBeLessThanOrEqual(1);
    expect(Math.abs(feature.points[0]![1] - py!)).toBeLessThanOrEqual(1);
    // Points tiles also hold the points in a buffer of 64/4096 around the tile.
    expect(layer.features.length).toBe(await countIn(1, t, 'public_geom', sql`true`, BUFFER));
    // Names follow ?lang=.
    const de = await tile(`1/tiles/${t.z}/${t.x}/${t.y}.mvt?lang=de`);
    const deFeature = de.layers
      .get('observations')!
      .features.find((f) => f.properties.id === target.id)!;
    expect(deFeature.properties.name).not.toBe(feature.properties.name);
  });

  it('serves grid cells with counts where a tile holds too many points', async () => {
    const { rows } = await sql<{ x: number; y: number }>`
      select ST_X(ST_Centroid(area)) as x, ST_Y(ST_Centroid(area)) as y from programs where id = 2`.execute(
      db(),
    );
    for (const z of [5, 7, 8]) {
      const t = tileOf(z, rows[0]!.x, rows[0]!.y);
      const expected = await countIn(2, t, 'public_geom');
      expect(expected, `z${z}`).toBeGreaterThan(TILE_POINT_LIMIT);
      const response = await tile(`2/tiles/${t.z}/${t.x}/${t.y}.mvt`);
      expect(response.status).toBe(200);
      expect(response.layers.has('observations')).toBe(false);
      const cells = response.layers.get('clusters')!;
      expect(cells.features.length).toBeGreaterThan(1);
      expect(cells.features.length).toBeLessThanOrEqual(256);
      const total = cells.features.reduce((sum, f) => sum + (f.properties.count as number), 0);
      expect(total, `z${z}`).toBe(expected);
      for (const f of cells.features) {
        expect(f.points[0]![0]).toBeGreaterThanOrEqual(0);
        expect(f.points[0]![0]).toBeLessThanOrEqual(4096);
      }

      // With a filter, the cells come from the facets (migration 0024): the same totals.
      const certain = await countIn(2, t, 'public_geom', sql`o.validation_status = 'certain'`);
      const filtered = await tile(`2/tiles/${t.z}/${t.x}/${t.y}.mvt?status=certain`);
      const layer = filtered.layers.get(certain > TILE_POINT_LIMIT ? 'clusters' : 'observations')!;
      const filteredTotal =
        certain > TILE_POINT_LIMIT
          ? layer.features.reduce((sum, f) => sum + (f.properties.count as number), 0)
          : layer.features.length;
      const expectedFiltered =
        certain > TILE_POINT_LIMIT
          ? certain
          : await countIn(2, t, 'public_geom', sql`o.validation_status = 'certain'`, BUFFER);
      expect(filteredTotal, `z${z} status=certain`).toBe(expectedFiltered);

      // A filter that keeps more than the limit: cells counted on the fly.
      const all = await tile(`2/tiles/${t.z}/${t.x}/${t.y}.mvt?hasPhoto=false`);
      const onTheFly = all.layers.get('clusters')!;
      expect(onTheFly.features.length).toBeGreaterThan(1);
      expect(
        onTheFly.features.reduce((sum, f) => sum + (f.properties.count as number), 0),
        `z${z} hasPhoto=false`,
      ).toBe(expected);
      expect(onTheFly.features.length).toBe(cells.features.length);

      // Experts' cells count the exact points.
      const exact = await tile(`2/tiles/${t.z}/${t.x}/${t.y}.mvt`, validator);
      const exactTotal = exact.layers
        .get('clusters')!
        .features.reduce((sum, f) => sum + (f.properties.count as number), 0);
      expect(exactTotal).toBe(await countIn(2, t, 'geom'));
    }
  });

  it('places sensitive taxa at their cell centre for the public, exactly for experts and their observer', async () => {
    const { rows } = await sql<{
      id: string;
      observer_id: number;
      x: number;
      y: number;
      px: number;
      py: number;
    }>`
      select o.id, o.observer_id, ST_X(o.geom) as x, ST_Y(o.geom) as y,
        ST_X(o.public_geom) as px, ST_Y(o.public_geom) as py
      from observations o
      where o.program_id = 2 and o.sensitivity = 3 and o.observer_id is not null
      order by o.id limit 1`.execute(db());
    const s = rows[0]!;
    const exactTile = tileOf(15, s.x, s.y);
    const cellTile = tileOf(15, s.px, s.py);
    expect(exactTile).not.toEqual(cellTile);
    const ids = async (
      t: { z: number; x: number; y: number },
      headers: Record<string, string> = {},
    ) => {
      const response = await tile(`2/tiles/${t.z}/${t.x}/${t.y}.mvt`, headers);
      const layer = response.layers.get('observations');
      return new Map((layer?.features ?? []).map((f) => [f.properties.id, f]));
    };
    expect((await ids(exactTile)).has(s.id)).toBe(false);
    const atCell = (await ids(cellTile)).get(s.id)!;
    expect(atCell.properties.blurred).toBe(true);
    const [cx, cy] = pixelOf(cellTile, s.px, s.py);
    expect(Math.abs(atCell.points[0]![0] - cx!)).toBeLessThanOrEqual(1);
    expect(Math.abs(atCell.points[0]![1] - cy!)).toBeLessThanOrEqual(1);

    const owner = asUser({ id: s.observer_id, username: 'owner', role: 'observer' });
    const other = asUser({ id: 999_999, username: 'other', role: 'observer' });
    expect((await ids(exactTile, validator)).get(s.id)?.properties.blurred).toBe(false);
    expect((await ids(exactTile, owner)).get(s.id)?.properties.blurred).toBe(false);
    expect((await ids(exactTile, other)).has(s.id)).toBe(false);
    expect((await ids(cellTile, owner)).has(s.id)).toBe(false);
  });

  it('answers If-None-Match with 304 until the programme changes', async () => {
    const t = tileOf(12, 4.85, 45.775);
    const url = `1/tiles/${t.z}/${t.x}/${t.y}.mvt`;
    const first = await tile(url);
    expect(first.status).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=30, must-revalidate');
    expect((await tile(url)).headers.etag).toBe(etag);

    const revalidated = await tile(url, { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.raw.length).toBe(0);
    expect(revalidated.headers.etag).toBe(etag);
    expect((await tile(url, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);

    // Other filters, another language, another viewer: other ETags.
    expect((await tile(`${url}?status=certain`)).headers.etag).not.toBe(etag);
    expect((await tile(`${url}?lang=de`)).headers.etag).not.toBe(etag);
    const personal = await tile(url, validator);
    expect(personal.headers.etag).not.toBe(etag);
    expect(personal.headers['cache-control']).toMatch(/^private/);

    // A change in another programme keeps the ETag; one in this programme changes it.
    await insertObservation(db(), {
      programId: 2,
      cdNom: common,
      lon: 5.8,
      lat: 45.4,
      observedOn: '2024-01-01',
    });
    expect((await tile(url, { 'if-none-match': etag })).status).toBe(304);
    const id = await insertObservation(db(), {
      programId: 1,
      cdNom: common,
      lon: 4.85,
      lat: 45.775,
      observedOn: '2024-01-01',
    });
    const changed = await tile(url, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    const etag2 = changed.headers.etag as string;
    expect(etag2).not.toBe(etag);

    await sql`update observations set validation_status = 'certain' where id = ${id}::uuid`.execute(
      db(),
    );
    const etag3 = (await tile(url)).headers.etag as string;
    expect(etag3).not.toBe(etag2);
    await sql`delete from observations where id = ${id}::uuid`.execute(db());
    const etag4 = (await tile(url)).headers.etag as string;
    expect(etag4).not.toBe(etag3);
    // So does a new sensitivity rule (it moves public points).
    await sql`insert into sensitivity_rules (source, cd_nom, level) values ('test', ${common}, 1)`.execute(
      db(),
    );
    expect((await tile(url)).headers.etag).not.toBe(etag4);
    await sql`delete from sensitivity_rules where source = 'test'`.execute(db());
  });

  it('leaves hidden observations out of public tiles and cells', async () => {
    const { rows } = await sql<{ x: number; y: number }>`
      select ST_X(ST_Centroid(area)) as x, ST_Y(ST_Centroid(area)) as y from programs where id = 2`.execute(
      db(),
    );
    const low = tileOf(7, rows[0]!.x, rows[0]!.y);
    const cellTotal = async (headers: Record<string, string> = {}) =>
      (await tile(`2/tiles/${low.z}/${low.x}/${low.y}.mvt`, headers)).layers
        .get('clusters')!
        .features.reduce((sum: number, f) => sum + Number(f.properties.count), 0);
    const before = await cellTotal();
    const { rows: hidden } = await sql<{
      id: string;
      x: number;
      y: number;
      exactX: number;
      exactY: number;
    }>`
      update observations set hidden_at = now()
      where id in (
        -- Ten the public sees in that tile (ids are random: any ten could lie outside it).
        select id from observations
        where program_id = 2 and is_public
          and ST_Intersects(ST_Transform(public_geom, 3857), ST_TileEnvelope(${low.z}, ${low.x}, ${low.y}))
        order by id limit 10)
      returning id, ST_X(public_geom) as x, ST_Y(public_geom) as y,
        ST_X(geom) as "exactX", ST_Y(geom) as "exactY"`.execute(db());
    try {
      expect(await cellTotal()).toBe(before - 10);
      expect(await cellTotal()).toBe(await countIn(2, low, 'public_geom'));
      expect(await cellTotal(validator)).toBe(await countIn(2, low, 'geom'));
      // A sensitive one's exact point may lie in another z16 tile than its blurred one.
      const { id, x, y, exactX, exactY } = hidden[0]!;
      const ids = async (high: ReturnType<typeof tileOf>, headers: Record<string, string> = {}) =>
        (
          (await tile(`2/tiles/${high.z}/${high.x}/${high.y}.mvt`, headers)).layers.get(
            'observations',
          )?.features ?? []
        ).map((f) => f.properties.id);
      expect(await ids(tileOf(16, x, y))).not.toContain(id);
      expect(await ids(tileOf(16, exactX, exactY), validator)).toContain(id);
    } finally {
      await sql`update observations set hidden_at = null where hidden_at is not null`.execute(db());
    }
    expect(await cellTotal()).toBe(before);
  });

  it('counts the cells of dense high-zoom tiles from the map keys', async () => {
    // 2500 observations in 300 m around a point of the Tête d'Or park.
    await sql`
      insert into observations (program_id, cd_nom, observed_on, geom)
      select 1, ${common}::int, date '2024-06-01',
        ST_SetSRID(ST_MakePoint(4.852 + random() * 0.004, 45.777 + random() * 0.003), 4326)
      from generate_series(1, ${TILE_POINT_LIMIT + 500})`.execute(db());
    const { rows: keys } = await sql<{ mx: number; my: number; key: string; expected: string }>`
      select public_mx as mx, public_my as my, public_key::text as key,
        morton_key(public_mx, public_my)::text as expected
      from observations where program_id = 1 limit 50`.execute(db());
    for (const k of keys) {
      expect(k.key).toBe(k.expected);
      expect(mortonKey(k.mx, k.my).toString()).toBe(k.key);
    }
    for (const z of [13, 14, 15]) {
      const t = tileOf(z, 4.854, 45.7785);
      const expected = await countIn(1, t, 'public_geom');
      expect(expected, `z${z}`).toBeGreaterThan(TILE_POINT_LIMIT);
      const sum = (layers: Map<string, { features: { properties: Record<string, unknown> }[] }>) =>
        layers.get('clusters')!.features.reduce((n, f) => n + (f.properties.count as number), 0);
      expect(sum((await tile(`1/tiles/${t.z}/${t.x}/${t.y}.mvt`)).layers), `z${z}`).toBe(expected);
      expect(sum((await tile(`1/tiles/${t.z}/${t.x}/${t.y}.mvt`, validator)).layers)).toBe(
        await countIn(1, t, 'geom'),
      );
    }
  });

  it('answers 204 for an empty tile', async () => {
    const t = tileOf(10, -30, 0); // the Atlantic
    const response = await tile(`1/tiles/${t.z}/${t.x}/${t.y}.mvt`);
    expect(response.status).toBe(204);
    expect(response.raw.length).toBe(0);
    expect(response.headers.etag).toBeDefined();
  });

  it('rejects bad tile coordinates and filters, and unknown programmes', async () => {
    const cases: [string, number][] = [
      ['1/tiles/23/0/0.mvt', 400],
      ['1/tiles/3/8/0.mvt', 400],
      ['1/tiles/3/0/8.mvt', 400],
      ['1/tiles/3/-1/0.mvt', 400],
      ['1/tiles/a/0/0.mvt', 400],
      ['1/tiles/3/0/0.mvt?bbox=1,2', 400],
      ['1/tiles/3/0/0.mvt?taxon=123456789', 400],
      ['999/tiles/3/0/0.mvt', 404],
      ['1/tiles/3/0/0.png', 404],
    ];
    for (const [path, status] of cases) {
      const response = await app.inject({ method: 'GET', url: `/api/programs/${path}` });
      expect(response.statusCode, path).toBe(status);
      expect(response.json<ErrorResponse>(), path).toMatchObject({
        code: expect.any(String),
        message: expect.any(String),
      });
    }
  });

  it('keeps built tiles per data version and per viewer: a filtered tile follows each change', async () => {
    const { rows } = await sql<{ x: number; y: number }>`
      select ST_X(ST_Centroid(area)) as x, ST_Y(ST_Centroid(area)) as y from programs where id = 2`.execute(
      db(),
    );
    const [lon, lat] = [rows[0]!.x, rows[0]!.y];
    const low = tileOf(7, lon, lat);
    // More than the point limit: cells, counted on the fly.
    const certainTotal = async () => {
      const response = await tile(`2/tiles/${low.z}/${low.x}/${low.y}.mvt?status=certain,pending`);
      const cells = response.layers.get('clusters')!.features;
      return cells.reduce((sum, f) => sum + Number(f.properties.count), 0);
    };
    const before = await certainTotal();
    expect(before).toBe(
      await countIn(2, low, 'public_geom', sql`o.validation_status in ('certain', 'pending')`),
    );
    expect(await certainTotal()).toBe(before);
    const id = await insertObservation(db(), {
      programId: 2,
      cdNom: common,
      lon,
      lat,
      observedOn: '2024-06-01',
      status: 'certain',
    });
    expect(await certainTotal()).toBe(before + 1);
    await sql`delete from observations where id = ${id}::uuid`.execute(db());
    expect(await certainTotal()).toBe(before);

    // A point seen exactly by everyone, until its taxon becomes sensitive: the public's tile
    // blurs it at once, the validator's keeps it exact.
    const { rows: points } = await sql<{ id: string; x: number; y: number }>`
      select o.id, ST_X(o.geom) as x, ST_Y(o.geom) as y from observations o
      where o.program_id = 2 and o.cd_nom = ${common} and o.sensitivity = 0 and o.is_public
      order by o.id limit 1`.execute(db());
    const point = points[0]!;
    const exact = tileOf(14, point.x, point.y);
    const seen = async (headers: Record<string, string> = {}) => {
      const response = await tile(
        `2/tiles/${exact.z}/${exact.x}/${exact.y}.mvt?taxon=${common}`,
        headers,
      );
      const features = response.layers.get('observations')?.features ?? [];
      return features.find((f) => f.properties.id === point.id)?.properties.blurred;
    };
    expect(await seen()).toBe(false);
    expect(await seen(validator)).toBe(false);
    await sql`insert into sensitivity_rules (source, cd_nom, level) values ('test', ${common}, 3)`.execute(
      db(),
    );
    try {
      expect(await seen()).not.toBe(false);
      expect(await seen(validator)).toBe(false);
    } finally {
      await sql`delete from sensitivity_rules where source = 'test'`.execute(db());
    }
    expect(await seen()).toBe(false);
  });

  it('filters tiles like the list, e.g. by taxon', async () => {
    const { rows } = await sql<{ x: number; y: number }>`
      select ST_X(ST_Centroid(area)) as x, ST_Y(ST_Centroid(area)) as y from programs where id = 2`.execute(
      db(),
    );
    const t = tileOf(8, rows[0]!.x, rows[0]!.y);
    const response = await tile(`2/tiles/${t.z}/${t.x}/${t.y}.mvt?taxon=${golden}`);
    const features = response.layers.get('observations')!.features;
    expect(features.length).toBe(
      await countIn(2, t, 'public_geom', sql`o.cd_nom = ${golden}`, BUFFER),
    );
    expect(features.every((f) => f.properties.cd_nom === golden)).toBe(true);
    expect(features.every((f) => f.properties.blurred)).toBe(true);
  });
});
