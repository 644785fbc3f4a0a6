import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Locale } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import { BadRequestError, NotFoundError } from '../http/errors.js';
import {
  and,
  envelope,
  filterConditions,
  filterKey,
  isUnfiltered,
  spatialTest,
  viewerKey,
  viewerPoint,
  type BBox,
  type ObservationFilter,
  type ResolvedFilter,
  type Viewer,
} from '../observations/filters.js';
import type { ListingService } from '../observations/listing.js';
import type { DataVersions } from '../stats/data-versions.js';
import { withoutParallelismOrJit } from '../observations/plans.js';
import { displayName } from '../taxonomy/names.js';
import { cacheHeaders, etagOf, ifNoneMatchHits } from './http-cache.js';
import { encodeTile, type MvtPoint } from './mvt.js';

export const TILE_EXTENT = 4096;
/** Points this far (in tile units) beyond the edge are kept, so that symbols are not cut. */
export const TILE_BUFFER = 64;
/**
 * A tile shows its observations as points when it holds at most this many, as cells beyond:
 * 1000 points (a unique id each) make a tile of about 65 kB, built in 10-20 ms.
 */
export const TILE_POINT_LIMIT = 1000;
/** Cells per tile side, as a power of 2: 16 × 16 cells, i.e. 32 px cells on a 512 px tile. */
const CELLS_LOG2 = 4;
/** The finest level of observation_cells (migration 0005). */
const CELL_TABLE_MAX_LEVEL = 16;
export const TILE_MAX_AGE = 30;
export const MAX_ZOOM = 22;

export const POINT_LAYER = 'observations';
export const CELL_LAYER = 'clusters';

export type TileRequest = {
  programId: number;
  z: number;
  x: number;
  y: number;
  filter: ObservationFilter;
  viewer: Viewer;
  lang: Locale;
  ifNoneMatch?: string | undefined;
};

export type TileResponse = {
  /** 200 with a tile, 204 when the tile is empty, 304 when the client's copy is current. */
  status: 200 | 204 | 304;
  body: Buffer | null;
  headers: Record<string, string>;
};

const mercatorLon = (u: number) => Math.min(Math.max(u, 0), 1) * 360 - 180;
const mercatorLat = (v: number) =>
  (Math.atan(Math.sinh(Math.PI * (1 - 2 * Math.min(Math.max(v, 0), 1)))) * 180) / Math.PI;

/** Level of the map keys of migration 0011 (public_mx, public_my, public_key). */
const KEY_LEVEL = 24;

function spread(v: number): bigint {
  let s = BigInt(v) & 0xffffffn;
  s = (s | (s << 16n)) & 0x0000ffff0000ffffn;
  s = (s | (s << 8n)) & 0x00ff00ff00ff00ffn;
  s = (s | (s << 4n)) & 0x0f0f0f0f0f0f0f0fn;
  s = (s | (s << 2n)) & 0x3333333333333333n;
  s = (s | (s << 1n)) & 0x5555555555555555n;
  return s;
}

/** The Morton key of cell (x, y) of level 24, as morton_key() in SQL (migration 0011). */
export function mortonKey(x: number, y: number): bigint {
  return spread(x) | (spread(y) << 1n);
}

/** The tile's bounds in degrees, grown by `buffer` (a fraction of the tile's side). */
export function tileBounds(z: number, x: number, y: number, buffer = 0): BBox {
  const n = 2 ** z;
  return [
    mercatorLon((x - buffer) / n),
    mercatorLat((y + 1 + buffer) / n),
    mercatorLon((x + 1 + buffer) / n),
    mercatorLat((y - buffer) / n),
  ];
}

/** `serialPlans`: run the tile queries without parallel workers or JIT (PostgreSQL). */
export function createTilesService(
  db: Kysely<DB>,
  versions: DataVersions,
  listing: ListingService,
  { serialPlans = false } = {},
) {
  let hasAsMvt: Promise<boolean> | undefined;
  /** PostGIS builds tiles with ST_AsMVT where it has protobuf support (not in PGlite). */
  const canUseAsMvt = () =>
    (hasAsMvt ??= sql`select ST_AsMVT(q, 'probe', 4096, 'geom') as tile
        from (select ST_MakePoint(1, 1) as geom) q`
      .execute(db)
      .then(
        () => true,
        () => false,
      ));

  /** Tile coordinates of the point `viewer` sees. */
  const tileXY = (viewer: Viewer, z: number, x: number, y: number) => {
    const point = viewerPoint(viewer);
    const n = 2 ** z;
    return sql`round((mercator_u(${point}) * ${n}::float8 - ${x}) * ${TILE_EXTENT})::int as px,
      round((mercator_v(${point}) * ${n}::float8 - ${y}) * ${TILE_EXTENT})::int as py`;
  };

  const inTile = (viewer: Viewer, bounds: BBox) =>
    spatialTest(viewer, (point) => sql<SqlBool>`${point} && ${envelope(bounds)}`);

  async function countUpTo(conditions: RawBuilder<SqlBool>[], limit: number): Promise<number> {
    const { rows } = await withoutParallelismOrJit(db, serialPlans, (executor) =>
      sql<{ n: number }>`
        select count(*)::int as n from (
          select 1 from observations o where ${and(conditions)} limit ${limit}
        ) s`.execute(executor),
    );
    return rows[0]!.n;
  }

  /** The number of observations in the tile, from observation_cells (upper bound beyond z16). */
  async function countFromCells(
    programId: number,
    exact: boolean,
    z: number,
    x: number,
    y: number,
  ): Promise<number> {
    const level = Math.min(z + CELLS_LOG2, CELL_TABLE_MAX_LEVEL);
    const [x0, x1, y0, y1] =
      level >= z
        ? [
            x << (level - z),
            ((x + 1) << (level - z)) - 1,
            y << (level - z),
            ((y + 1) << (level - z)) - 1,
          ]
        : [x >> (z - level), x >> (z - level), y >> (z - level), y >> (z - level)];
    const { rows } = await sql<{ n: number }>`
      select coalesce(sum(n), 0)::int as n from observation_cells
      where program_id = ${programId} and exact = ${exact} and level = ${level}
        and cx between ${x0} and ${x1} and cy between ${y0} and ${y1} and n > 0`.execute(db);
    return rows[0]!.n;
  }

  function pointsQuery(
    request: TileRequest,
    conditions: RawBuilder<SqlBool>[],
    viewer: Viewer,
  ): RawBuilder<unknown> {
    const { z, x, y, lang } = request;
    const bounds = tileBounds(z, x, y, TILE_BUFFER / TILE_EXTENT);
    const point = viewerPoint(viewer);
    // The tile's own points were counted; the buffer may hold many more (the edge of a dense
    // area next door): they come after the tile's own, within the same limit.
    return sql`
      with pts as (
        select * from (
          select o.id::text as id, o.cd_nom, o.observed_on::text as date, o.count,
            ${point} is distinct from o.geom as blurred, ${tileXY(viewer, z, x, y)}
          from observations o
          where ${and([...conditions, inTile(viewer, bounds)])}
        ) p
        order by (px between 0 and ${TILE_EXTENT} and py between 0 and ${TILE_EXTENT}) desc,
          date desc, id
        limit ${TILE_POINT_LIMIT}
      ),
      names as (
        select t.cd_nom, ${displayName(sql.ref('t.cd_nom'), sql.ref('t.scientific_name'), lang)} as name
        from taxa t where t.cd_nom in (select distinct cd_nom from pts)
      )
      select pts.id, pts.cd_nom, names.name, pts.date, pts.count, pts.blurred, pts.px, pts.py
      from pts join names on names.cd_nom = pts.cd_nom`;
  }

  function cellsQuery(
    request: TileRequest,
    conditions: RawBuilder<SqlBool>[],
    viewer: Viewer,
    fromCellTable: boolean,
  ): RawBuilder<unknown> {
    const { programId, z, x, y } = request;
    const n = 2 ** z;
    const level = z + CELLS_LOG2;
    if (fromCellTable) {
      const side = 1 << CELLS_LOG2;
      return sql`
        select n as count,
          round((su / n * ${n}::float8 - ${x}) * ${TILE_EXTENT})::int as px,
          round((sv / n * ${n}::float8 - ${y}) * ${TILE_EXTENT})::int as py
        from observation_cells
        where program_id = ${programId} and exact = ${viewer.kind === 'expert'}
          and level = ${level} and n > 0
          and cx between ${x * side} and ${x * side + side - 1}
          and cy between ${y * side} and ${y * side + side - 1}
        order by cy, cx`;
    }
    const point = viewerPoint(viewer);
    const cells = 2 ** level;
    return sql`
      select count(*)::int as count,
        round((avg(u) * ${n}::float8 - ${x}) * ${TILE_EXTENT})::int as px,
        round((avg(v) * ${n}::float8 - ${y}) * ${TILE_EXTENT})::int as py
      from (
        select u, v, floor(u * ${cells}::float8) as cx, floor(v * ${cells}::float8) as cy
        from (
          select mercator_u(${point}) as u, mercator_v(${point}) as v
          from observations o
          where ${and([...conditions, inTile(viewer, tileBounds(z, x, y))])}
        ) p
        where u >= ${x / n}::float8 and u < ${(x + 1) / n}::float8
          and v >= ${y / n}::float8 and v < ${(y + 1) / n}::float8
      ) s
      group by cy, cx
      order by cy, cx`;
  }

  /**
   * The public observations of a tile in cells of level z + 4, from the map keys (migration
   * 0011): one index-only range scan, for the dense tiles beyond observation_cells' levels.
   */
  function keyCellsQuery(request: TileRequest): RawBuilder<unknown> {
    const { programId, z, x, y } = request;
    const below = KEY_LEVEL - z;
    const first = mortonKey(x * 2 ** below, y * 2 ** below);
    const last = first + 4n ** BigInt(below) - 1n;
    const shift = sql.lit(below - CELLS_LOG2);
    const cellsPerKey = 2 ** below;
    return sql`
      select count(*)::int as count,
        round(((avg(mx) + 0.5) / ${cellsPerKey}::float8 - ${x}) * ${TILE_EXTENT})::int as px,
        round(((avg(my) + 0.5) / ${cellsPerKey}::float8 - ${y}) * ${TILE_EXTENT})::int as py
      from (
        select o.public_mx as mx, o.public_my as my,
          o.public_mx >> ${shift} as cx, o.public_my >> ${shift} as cy
        from observations o
        where o.program_id = ${programId} and o.is_public
          and o.public_key between ${first.toString()}::bigint and ${last.toString()}::bigint
      ) k
      group by cy, cx
      order by cy, cx`;
  }

  /** Runs `query` and encodes its rows as a one-layer tile, with ST_AsMVT when available. */
  async function encode(
    layer: string,
    query: RawBuilder<unknown>,
    properties: string[],
  ): Promise<Buffer> {
    if (await canUseAsMvt()) {
      const columns = sql.join(properties.map((p) => sql.ref(`q.${p}`)));
      const { rows } = await withoutParallelismOrJit(db, serialPlans, (executor) =>
        sql<{ tile: Uint8Array | null }>`
          select ST_AsMVT(t, ${layer}, ${TILE_EXTENT}, 'geom') as tile
          from (select ST_MakePoint(q.px, q.py) as geom, ${columns} from (${query}) q) t`.execute(
          executor,
        ),
      );
      return Buffer.from(rows[0]?.tile ?? new Uint8Array());
    }
    const { rows } = await withoutParallelismOrJit(db, serialPlans, (executor) =>
      sql<Record<string, string | number | boolean> & { px: number; py: number }>`
        ${query}`.execute(executor),
    );
    const features: MvtPoint[] = rows.map((row) => ({
      x: row.px,
      y: row.py,
      properties: Object.fromEntries(properties.map((p) => [p, row[p] ?? null])),
    }));
    return Buffer.from(encodeTile([{ name: layer, extent: TILE_EXTENT, features }]));
  }

  return {
    async tile(request: TileRequest): Promise<TileResponse> {
      const { programId, z, x, y, filter } = request;
      if (x >= 2 ** z || y >= 2 ** z) {
        throw new BadRequestError(`Tile ${z}/${x}/${y} does not exist: x and y must be below 2^z`);
      }
      let viewer = request.viewer;
      const state = await versions.program(programId);
      if (!state || (viewer.kind !== 'expert' && !state.isActive)) {
        throw new NotFoundError(`Programme ${programId} does not exist or is not active`);
      }
      const personal = viewer.kind !== 'public';
      const etag = etagOf([
        'tile',
        programId,
        state.version,
        z,
        x,
        y,
        filterKey(filter),
        request.lang,
        viewerKey(viewer),
      ]);
      const headers = { etag, ...cacheHeaders(personal, TILE_MAX_AGE) };
      if (ifNoneMatchHits(request.ifNoneMatch, etag)) return { status: 304, body: null, headers };

      const resolved: ResolvedFilter = await listing.resolve({ ...filter, programId }, viewer, {
        programChecked: true,
      });
      if (viewer.kind === 'owner') {
        // An observer with no blurred or non-public observation here sees what the public sees.
        const { rows } = await sql`
          select 1 from observations o
          where o.observer_id = ${viewer.userId} and o.program_id = ${programId}
            and (o.geom is distinct from o.public_geom or not o.is_public)
          limit 1`.execute(db);
        if (rows.length === 0) viewer = { kind: 'public' };
      }
      const conditions = filterConditions(resolved, viewer);
      const cellTable = isUnfiltered(filter) && viewer.kind !== 'owner';

      let count = cellTable
        ? await countFromCells(programId, viewer.kind === 'expert', z, x, y)
        : TILE_POINT_LIMIT + 1;
      if (count > TILE_POINT_LIMIT && !(cellTable && z <= CELL_TABLE_MAX_LEVEL)) {
        count = await countUpTo(
          [...conditions, inTile(viewer, tileBounds(z, x, y))],
          TILE_POINT_LIMIT + 1,
        );
      }
      const body =
        count <= TILE_POINT_LIMIT
          ? await encode(POINT_LAYER, pointsQuery(request, conditions, viewer), [
              'id',
              'cd_nom',
              'name',
              'date',
              'count',
              'blurred',
            ])
          : await encode(
              CELL_LAYER,
              cellTable &&
                z + CELLS_LOG2 > CELL_TABLE_MAX_LEVEL &&
                viewer.kind === 'public' &&
                z + CELLS_LOG2 <= KEY_LEVEL
                ? keyCellsQuery(request)
                : cellsQuery(
                    request,
                    conditions,
                    viewer,
                    cellTable && z + CELLS_LOG2 <= CELL_TABLE_MAX_LEVEL,
                  ),
              ['count'],
            );
      return body.length === 0
        ? { status: 204, body: null, headers }
        : { status: 200, body, headers };
    },
  };
}

export type TilesService = ReturnType<typeof createTilesService>;
