import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { TILE_BUFFER, TILE_EXTENT, TILE_POINT_LIMIT, tileBounds } from '../../src/map/tile-grid.js';
import { describeWithDemo } from '../engines.js';
import {
  asUser,
  cdNomOf,
  decodeMvt,
  insertObservation,
  readingApp,
  type DecodedFeature,
} from './helpers.js';

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

// A filter the facets cannot serve but that keeps every observation: the tile is then counted
// from the observations themselves, as before the facets.
const EVERYWHERE = 'bbox=-180,-85,180,85';

describeWithDemo(
  'map tiles of broad filters, from the cell facets',
  { pglite: true },
  (database, engine) => {
    // Every check runs on PostgreSQL. PGlite, there for what differs between the engines (its
    // PostGIS, its MVT encoder), checks one zoom of each band of stored counts and the changes
    // that move points, instead of every zoom and change: the zoom arithmetic is the same SQL.
    const onPGlite = engine === 'pglite';
    let app: App;
    const db = () => database().db;
    const validator = asUser({ id: 999_998, username: 'val', role: 'validator' });
    let golden = 0;
    let common = 0;
    let centre: [number, number] = [0, 0];

    beforeAll(async () => {
      app = await readingApp(database());
      golden = await cdNomOf(db(), 'Aquila chrysaetos');
      common = await cdNomOf(db(), 'Fringilla coelebs');
      // Chartreuse: half of a sensitive taxon, over 2023 and 2024, a third certain, a few hidden.
      await sql`
      insert into observations (program_id, cd_nom, observed_on, geom, validation_status, hidden_at)
      select 2, case when i % 2 = 0 then ${golden}::int else ${common}::int end,
        date '2023-01-01' + (i % 700)::int, g,
        case when i % 3 = 0 then 'certain' else 'pending' end,
        case when i % 50 = 0 then now() end
      from (
        -- Numbered after ST_Dump has made the rows (in one select list, every row would be 1).
        select g, row_number() over () as i from (
          select (ST_Dump(ST_GeneratePoints(p.area, ${3 * TILE_POINT_LIMIT + 600}, 11))).geom as g
          from programs p where p.id = 2
        ) d
      ) s`.execute(db());
      const { rows } = await sql<{ x: number; y: number }>`
      select ST_X(ST_Centroid(area)) as x, ST_Y(ST_Centroid(area)) as y from programs where id = 2`.execute(
        db(),
      );
      centre = [rows[0]!.x, rows[0]!.y];
    });
    afterAll(() => app?.close());

    const features = async (path: string, headers: Record<string, string> = {}) => {
      const response = await app.inject({ method: 'GET', url: `/api/programs/${path}`, headers });
      expect(response.statusCode, path).toBe(200);
      const layers = decodeMvt(response.rawPayload);
      return {
        cells: layers.get('clusters')?.features,
        points: layers.get('observations')?.features,
      };
    };
    const total = (cells: DecodedFeature[]) =>
      cells.reduce((sum, f) => sum + (f.properties.count as number), 0);

    /**
     * The rows (n ≠ 0) of observation_cell_facets (by taxon) and of observation_cell_status_years
     * (every taxon, by status and year), and a recount of them from the observations, in the same
     * order.
     */
    const facetsAndRecount = async () => {
      const { rows: stored } = await sql<{ key: string }>`
      select concat_ws(' ', program_id, exact, level, cd_nom, cx, cy, validation_status, year, n,
        round(su::numeric, 6), round(sv::numeric, 6)) as key
      from observation_cell_facets where n <> 0 order by key`.execute(db());
      const { rows: recount } = await sql<{ key: string }>`
      select concat_ws(' ', program_id, exact, level, cd_nom, cx, cy, validation_status, year, n,
        round(su::numeric, 6), round(sv::numeric, 6)) as key
      from (
        select o.program_id, p.exact, l.level, t.cd_nom, c.cx >> (12 - l.level) as cx,
          c.cy >> (12 - l.level) as cy, o.validation_status,
          extract(year from o.observed_on)::smallint as year, count(*) as n,
          sum(c.u) as su, sum(c.v) as sv
        from observations o
        cross join lateral (values (false, o.public_geom), (true, o.geom)) as p (exact, g)
        cross join lateral (select mercator_u(p.g) as u, mercator_v(p.g) as v,
          least(floor(mercator_u(p.g) * 4096), 4095)::int as cx,
          least(floor(mercator_v(p.g) * 4096), 4095)::int as cy) as c
        cross join (values (8), (12)) as l (level)
        cross join lateral (values (o.cd_nom)) as t (cd_nom)
        where p.exact or o.is_public
        group by 1, 2, 3, 4, 5, 6, 7, 8
      ) r order by key`.execute(db());
      const { rows: storedGroups } = await sql<{ key: string }>`
      select concat_ws(' ', program_id, exact, level, key, cx, cy, validation_status, year, n,
        round(su::numeric, 6), round(sv::numeric, 6)) as key
      from observation_cell_status_years where n <> 0 order by key`.execute(db());
      // The Morton key of the cell at its level, from its own columns (as tile-grid.ts does).
      const { rows: recountGroups } = await sql<{ key: string }>`
      select concat_ws(' ', program_id, exact, level, morton_key(cx, cy), cx, cy, validation_status,
        year, n, round(su::numeric, 6), round(sv::numeric, 6)) as key
      from (
        select c.program_id, c.exact, l.level,
          least(floor(c.u * 2 ^ l.level), 2 ^ l.level - 1)::int as cx,
          least(floor(c.v * 2 ^ l.level), 2 ^ l.level - 1)::int as cy,
          c.validation_status, c.year, count(*) as n, sum(c.u) as su, sum(c.v) as sv
        from (
          select o.program_id, p.exact, o.validation_status,
            extract(year from o.observed_on)::smallint as year,
            mercator_u(p.g) as u, mercator_v(p.g) as v
          from observations o
          cross join lateral (values (false, o.public_geom), (true, o.geom)) as p (exact, g)
          where p.exact or o.is_public
        ) c
        cross join (values (8), (10), (12), (13), (14), (15), (16)) as l (level)
        group by 1, 2, 3, 4, 5, 6, 7
      ) r order by key`.execute(db());
      return {
        stored: [...stored.map((r) => r.key), '|', ...storedGroups.map((r) => r.key)],
        recount: [...recount.map((r) => r.key), '|', ...recountGroups.map((r) => r.key)],
      };
    };

    it('keeps the facet counts equal to a recount through every kind of change', async () => {
      const check = async (what: string) => {
        const { stored, recount } = await facetsAndRecount();
        expect(stored.length, what).toBeGreaterThan(2);
        expect(stored.at(0), what).not.toBe('|');
        expect(stored.at(-1), what).not.toBe('|');
        expect(stored, what).toEqual(recount);
      };
      await check('after the load');
      const ids = async (limit: number, offset: number) =>
        (
          await sql<{ id: string }>`
          select id from observations where program_id = 2 order by id limit ${limit} offset ${offset}`.execute(
            db(),
          )
        ).rows.map((r) => r.id);
      const some = await ids(20, 0);
      const changes: [string, RawBuilder<unknown>][] = [
        [
          'a status',
          sql`update observations set validation_status = 'probable' where id = any(${some})`,
        ],
        ['a taxon', sql`update observations set cd_nom = ${golden} where id = any(${some})`],
        [
          'a year',
          sql`update observations set observed_on = date '2019-06-01' where id = any(${some})`,
        ],
        [
          'a day in the same year',
          sql`update observations set observed_on = date '2019-06-02' where id = any(${some})`,
        ],
        ['hidden', sql`update observations set hidden_at = now() where id = any(${some})`],
        [
          'a move',
          sql`update observations set geom = ST_SetSRID(ST_MakePoint(5.7, 45.3), 4326) where id = any(${some})`,
        ],
        [
          'a new sensitivity rule',
          sql`insert into sensitivity_rules (source, cd_nom, level) values ('test', ${common}, 2)`,
        ],
        ['a removed rule', sql`delete from sensitivity_rules where source = 'test'`],
        ['validated only', sql`update programs set public_validated_only = true where id = 2`],
        ['all again', sql`update programs set public_validated_only = false where id = 2`],
        ['deleted', sql`delete from observations where id = any(${await ids(15, 100)})`],
      ];
      const checked = new Set(['a move', 'a new sensitivity rule', 'deleted']);
      for (const [what, change] of changes) {
        await change.execute(db());
        if (!onPGlite || checked.has(what)) await check(what);
      }
      await insertObservation(db(), {
        programId: 2,
        cdNom: common,
        lon: centre[0],
        lat: centre[1],
        observedOn: '2024-03-01',
        status: 'certain',
      });
      await check('a new observation');
      // Twelve recounts of every level: PGlite on a busy machine needs more than the default.
    }, 180_000);

    it('serves broad filters up to zoom 12 as counting the observations would', async () => {
      for (const z of onPGlite ? [3, 6, 8, 12] : [3, 5, 6, 7, 8, 9, 10, 11, 12]) {
        const t = tileOf(z, ...centre);
        const base = `2/tiles/${t.z}/${t.x}/${t.y}.mvt`;
        for (const query of [
          `taxon=${common}`,
          `taxon=${golden}`,
          'status=certain,pending',
          'from=2024-01-01&to=2024-12-31',
          `taxon=${common}&status=pending&from=2023-01-01`,
          'to=2023-12-31',
        ]) {
          for (const [who, headers] of [
            ['public', {}],
            ['validator', validator],
          ] as const) {
            const what = `z${z} ${query} (${who})`;
            const fromFacets = await features(`${base}?${query}`, headers);
            const counted = await features(`${base}?${query}&${EVERYWHERE}`, headers);
            if (!counted.cells) {
              // Few enough for points: the same points, whatever counted them.
              expect(fromFacets.points?.length, what).toBe(counted.points?.length);
              continue;
            }
            expect(fromFacets.cells, what).toBeDefined();
            const cells = fromFacets.cells!;
            expect(total(cells), what).toBeGreaterThan(TILE_POINT_LIMIT);
            expect(
              cells.map((f) => f.properties.count),
              what,
            ).toEqual(counted.cells.map((f) => f.properties.count));
            cells.forEach((f, i) => {
              const [x, y] = counted.cells![i]!.points[0]!;
              expect(Math.abs(f.points[0]![0] - x), what).toBeLessThanOrEqual(1);
              expect(Math.abs(f.points[0]![1] - y), what).toBeLessThanOrEqual(1);
            });
          }
        }
      }
    }, 180_000);

    it("places a taxon's or a date range's points and counts its cells as the observations say, for the public and validators, tile edges and buffer included", async () => {
      let pointTiles = 0;
      let cellTiles = 0;
      for (const [who, headers, column] of [
        ['public', {}, 'public_geom'],
        ['validator', validator, 'geom'],
      ] as const)
        for (const z of [9, 10, 11, 12, 13, 14]) {
          const t = tileOf(z, ...centre);
          for (const [dx, dy] of [
            [0, 0],
            [1, 0],
            [0, 1],
            [-1, 0],
            [0, -1],
          ] as const) {
            const [x, y] = [t.x + dx, t.y + dy];
            // Taxa (the key indexes of migrations 0025, 0026, 0029) and dates (the date and cell
            // indexes of 0029): a whole year (counted from the stored cells) and a range within
            // years (counted from the observations).
            const filters: [string, RawBuilder<unknown>][] = [
              ...[common, golden].map((taxon): [string, RawBuilder<unknown>] => [
                `taxon=${taxon}`,
                sql`o.cd_nom in (
                  select s.cd_nom from taxa s join taxa a on a.cd_ref = s.cd_ref where a.cd_nom = ${taxon})`,
              ]),
              [
                'from=2024-01-01&to=2024-12-31',
                sql`o.observed_on between '2024-01-01' and '2024-12-31'`,
              ],
              [
                'from=2023-03-01&to=2024-02-15',
                sql`o.observed_on between '2023-03-01' and '2024-02-15'`,
              ],
            ];
            for (const [query, condition] of filters) {
              const what = `z${z}/${x}/${y} ${query} (${who})`;
              const response = await app.inject({
                method: 'GET',
                url: `/api/programs/2/tiles/${z}/${x}/${y}.mvt?${query}`,
                headers,
              });
              const layers =
                response.statusCode === 204 ? new Map() : decodeMvt(response.rawPayload);
              const points = layers.get('observations')?.features as DecodedFeature[] | undefined;
              const cells = layers.get('clusters')?.features as DecodedFeature[] | undefined;
              const point = sql.ref(`o.${column}`);
              const matching = sql`o.program_id = 2 and (${who === 'validator'} or o.is_public) and ${condition}`;
              if (cells) {
                cellTiles++;
                const { rows } = await sql<{ n: number }>`
              select count(*)::int as n from observations o where ${matching}
                and ST_Intersects(ST_Transform(${point}, 3857), ST_TileEnvelope(${z}, ${x}, ${y}))`.execute(
                  db(),
                );
                expect(total(cells), what).toBe(rows[0]!.n);
                continue;
              }
              const [west, south, east, north] = tileBounds(z, x, y, TILE_BUFFER / TILE_EXTENT);
              const { rows } = await sql<{ id: string; inside: boolean }>`
            select o.id::text as id,
              ST_Intersects(ST_Transform(${point}, 3857), ST_TileEnvelope(${z}, ${x}, ${y})) as inside
            from observations o where ${matching}
              and ${point} && ST_MakeEnvelope(${west}::float8, ${south}::float8, ${east}::float8, ${north}::float8, 4326)`.execute(
                db(),
              );
              if (rows.length > 0) pointTiles++;
              const drawn = (points ?? []).map((f) => String(f.properties.id)).sort();
              if (rows.length <= TILE_POINT_LIMIT) {
                expect(drawn, what).toEqual(rows.map((r) => r.id).sort());
                continue;
              }
              // More in the buffer than a tile draws (a denser tile next door): the tile's own
              // points all, then buffer points up to the limit.
              const ids = new Set(rows.map((r) => r.id));
              expect(drawn.length, what).toBe(TILE_POINT_LIMIT);
              expect(
                drawn.every((id) => ids.has(id)),
                what,
              ).toBe(true);
              const own = new Set(drawn);
              expect(
                rows.filter((r) => r.inside && !own.has(r.id)),
                what,
              ).toEqual([]);
            }
          }
        }
      // The area gave both kinds of tile, to both viewers.
      expect(pointTiles).toBeGreaterThan(10);
      expect(cellTiles).toBeGreaterThan(0);
    }, 180_000);

    it('reads the facets: public points for the public, hidden ones for validators only', async () => {
      const t = tileOf(5, ...centre);
      const base = `2/tiles/${t.z}/${t.x}/${t.y}.mvt?taxon=${golden}`;
      const countIn = async (column: 'geom' | 'public_geom') => {
        const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from observations o
        where o.program_id = 2 and o.cd_nom = ${golden} and (${column === 'geom'} or o.is_public)
          and ST_Intersects(ST_Transform(o.${sql.ref(column)}, 3857), ST_TileEnvelope(${t.z}, ${t.x}, ${t.y}))`.execute(
          db(),
        );
        return rows[0]!.n;
      };
      const publicCells = (await features(base)).cells!;
      const exactCells = (await features(base, validator)).cells!;
      expect(total(publicCells)).toBe(await countIn('public_geom'));
      expect(total(exactCells)).toBe(await countIn('geom'));
      // Hidden observations count for validators only.
      expect(total(exactCells)).toBeGreaterThan(total(publicCells));

      // The tile adds up the stored facets: doubling them (without a new data version, so asked
      // in another language to pass the tile cache) doubles the tile.
      await sql`update observation_cell_facets set n = 2 * n, su = 2 * su, sv = 2 * sv`.execute(
        db(),
      );
      try {
        expect(total((await features(`${base}&lang=de`)).cells!)).toBe(2 * total(publicCells));
      } finally {
        await sql`select observation_cell_facets_rebuild()`.execute(db());
      }
    });
  },
);
