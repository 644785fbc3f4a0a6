import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  ErrorResponse,
  ObservationFeatureCollection,
  ProgramDetail,
  ProgramList,
} from '@citizen/shared';
import type { App } from '../src/http/types.js';
import { testApp } from './app.js';
import { describeOnEngines } from './engines.js';

describeOnEngines('programmes API', { demo: true }, (database) => {
  let app: App;
  beforeAll(async () => {
    app = await testApp(database());
  });
  afterAll(() => app?.close());

  const get = async <T>(url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json<T>() };
  };

  it('lists the active programmes with their counts and bounding box', async () => {
    await sql`update programs set is_active = false where slug = 'chartreuse'`.execute(
      database().db,
    );
    try {
      const { status, body } = await get<ProgramList>('/api/programs');
      expect(status).toBe(200);
      expect(body.items.map((p) => p.slug)).toEqual(['tete-dor']);
      const [program] = body.items;
      expect(program!.observationCount).toBe(260);
      expect(program!.speciesCount).toBeGreaterThan(20);
      const [west, south, east, north] = program!.bbox;
      expect(west).toBeLessThan(east);
      expect(south).toBeLessThan(north);
      expect(west).toBeCloseTo(4.85, 1);
    } finally {
      await sql`update programs set is_active = true`.execute(database().db);
    }
  });

  it('returns one programme with its area as GeoJSON', async () => {
    const { status, body } = await get<ProgramDetail>('/api/programs/1');
    expect(status).toBe(200);
    expect(body.slug).toBe('tete-dor');
    expect(body.area.type).toBe('MultiPolygon');
    expect(body.longDescription).toContain('Tête d');
  });

  it('answers 404 for an unknown programme and 400 for a malformed id', async () => {
    const missing = await get<ErrorResponse>('/api/programs/999');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      code: 'program.notActive',
      params: { id: 999 },
      message: 'Programme 999 does not exist or is not active',
    });
    const malformed = await get<ErrorResponse>('/api/programs/abc');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({
      code: 'request.invalid',
      params: { field: 'id' },
      errors: [{ field: 'id', code: 'field.wrongType', params: { type: 'integer' } }],
    });
  });

  it("serves a programme's observations as GeoJSON, newest first, with names in the asked language", async () => {
    const { status, body } = await get<ObservationFeatureCollection>(
      '/api/programs/1/observations?lang=de&limit=5000',
    );
    expect(status).toBe(200);
    expect(body.truncated).toBe(false);
    expect(body.features).toHaveLength(260);
    const dates = body.features.map((f) => f.properties.observedOn);
    expect([...dates].sort().reverse()).toEqual(dates);
    const blackbird = body.features.find((f) => f.properties.scientificName === 'Turdus merula');
    expect(blackbird?.properties.taxonName).toBe('Amsel');
    const english = await get<ObservationFeatureCollection>(
      '/api/programs/1/observations?lang=en&limit=1',
    );
    expect(english.body.features).toHaveLength(1);
    expect(english.body.truncated).toBe(true);
  });

  it('rejects a limit above the cap and an unknown language', async () => {
    expect((await get('/api/programs/1/observations?limit=5001')).status).toBe(400);
    expect((await get('/api/programs/1/observations?lang=xx')).status).toBe(400);
    expect((await get('/api/programs/999/observations')).status).toBe(404);
  });

  it('shows sensitive taxa at the centre of their grid cell, never at the exact point', async () => {
    const { body } = await get<ObservationFeatureCollection>(
      '/api/programs/2/observations?limit=5000',
    );
    const { rows } = await sql<{ id: string; x: number; y: number; sensitivity: number }>`
      select o.id, ST_X(o.geom) as x, ST_Y(o.geom) as y, o.sensitivity
      from observations o where o.program_id = 2`.execute(database().db);
    const exact = new Map(rows.map((r) => [r.id, r]));
    const sensitive = body.features.filter((f) => exact.get(f.id)!.sensitivity > 0);
    const open = body.features.filter((f) => exact.get(f.id)!.sensitivity === 0);
    expect(sensitive.length).toBeGreaterThan(0);
    for (const feature of open) {
      const point = exact.get(feature.id)!;
      expect(feature.geometry.coordinates[0]).toBeCloseTo(point.x, 5);
      expect(feature.geometry.coordinates[1]).toBeCloseTo(point.y, 5);
    }
    for (const feature of sensitive) {
      const point = exact.get(feature.id)!;
      const [x, y] = feature.geometry.coordinates as [number, number];
      expect(Math.abs(x - point.x) + Math.abs(y - point.y)).toBeGreaterThan(1e-6);
      // The shown point is the centre of a cell of the EPSG:3035 grid of the taxon's size.
      const { rows: cell } = await sql<{ cx: number; cy: number; size: number }>`
        select ST_X(c) as cx, ST_Y(c) as cy, (array[1000, 5000, 10000])[${point.sensitivity}::int] as size
        from ST_Transform(ST_SetSRID(ST_MakePoint(${x}, ${y}), 4326), 3035) as c`.execute(
        database().db,
      );
      const { cx, cy, size } = cell[0]!;
      const offGrid = (v: number) =>
        Math.abs((v - size / 2) / size - Math.round((v - size / 2) / size));
      expect(offGrid(cx)).toBeLessThan(1e-3);
      expect(offGrid(cy)).toBeLessThan(1e-3);
    }
  });

  it('reports health: database reachable, PostGIS present, no pending migration', async () => {
    const { status, body } = await get<{
      status: string;
      database: { postgis: string };
      migrations: { pending: string[] };
    }>('/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.database.postgis).toMatch(/^3\./);
    expect(body.migrations.pending).toEqual([]);
  });

  it('serves public settings and the OpenAPI document', async () => {
    const settings = await get<{ siteName: string; map: { baseLayers: unknown[] } }>(
      '/api/settings',
    );
    expect(settings.body.siteName).toBe('Citizen');
    const openapi = await get<{ paths: Record<string, unknown> }>('/api/docs/json');
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/programs',
        '/api/programs/{id}',
        '/api/programs/{id}/observations',
        '/api/health',
      ]),
    );
    const unknown = await get<{ statusCode: number }>('/api/nothing-here');
    expect(unknown.status).toBe(404);
  });
});
