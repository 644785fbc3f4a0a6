import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Locale } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import type { BBox, ResolvedFilter, Viewer } from '../observations/filters.js';
import {
  and,
  envelope,
  filterConditions,
  spatialTest,
  viewerPoint,
} from '../observations/filters.repository.js';
import { withoutParallelismOrJit } from '../observations/plans.repository.js';
import { displayName } from '../taxonomy/names.repository.js';
import { facetLevels, type CellFacets } from './cell-facets.js';
import { encodeTile, type MvtPoint } from './mvt.js';
import {
  CELL_TABLE_MAX_LEVEL,
  CELLS_LOG2,
  KEY_LEVEL,
  mortonKey,
  TILE_BUFFER,
  TILE_EXTENT,
  TILE_POINT_LIMIT,
  tileBounds,
  tileKeys,
} from './tile-grid.js';

export type TileCoordinates = { programId: number; z: number; x: number; y: number };

/** [x0, x1, y0, y1]: the cells of `level` covering tile (z, x, y), or the one holding it. */
function cellRange(level: number, z: number, x: number, y: number) {
  return level >= z
    ? [
        x << (level - z),
        ((x + 1) << (level - z)) - 1,
        y << (level - z),
        ((y + 1) << (level - z)) - 1,
      ]
    : [x >> (z - level), x >> (z - level), y >> (z - level), y >> (z - level)];
}

const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`));

/**
 * The rows (as `f`) of `facets` and of the cells of `level` covering tile (z, x, y) (or holding
 * it): in observation_cell_facets with a taxon, by cell columns; in observation_cell_status_years
 * without, by the range of the tile's Morton keys at that level.
 */
function facetRows(
  facets: CellFacets,
  { programId, z, x, y }: TileCoordinates,
  exact: boolean,
  level: number,
): RawBuilder<unknown> {
  const conditions = [
    sql<SqlBool>`f.program_id = ${programId}`,
    sql<SqlBool>`f.exact = ${exact}`,
    sql<SqlBool>`f.level = ${level}`,
  ];
  if (facets.cdNoms) {
    const [x0, x1, y0, y1] = cellRange(level, z, x, y);
    conditions.push(
      facets.cdNoms.length > 0 ? sql<SqlBool>`f.cd_nom in (${list(facets.cdNoms)})` : sql`false`,
      sql<SqlBool>`f.cx between ${x0} and ${x1}`,
      sql<SqlBool>`f.cy between ${y0} and ${y1}`,
    );
  } else {
    const below = Math.max(level - z, 0);
    const first = mortonKey(x * 2 ** below, y * 2 ** below) >> BigInt(2 * Math.max(z - level, 0));
    const last = first + 4n ** BigInt(below) - 1n;
    conditions.push(
      sql<SqlBool>`f.key between ${first.toString()}::bigint and ${last.toString()}::bigint`,
    );
  }
  if (facets.statuses) {
    conditions.push(sql<SqlBool>`f.validation_status in (${list(facets.statuses)})`);
  }
  if (facets.fromYear !== undefined) conditions.push(sql<SqlBool>`f.year >= ${facets.fromYear}`);
  if (facets.toYear !== undefined) conditions.push(sql<SqlBool>`f.year <= ${facets.toYear}`);
  const table = facets.cdNoms ? sql`observation_cell_facets` : sql`observation_cell_status_years`;
  return sql`select f.cx, f.cy, f.n, f.su, f.sv from ${table} f where ${and(conditions)}`;
}

/** The conditions on observations (as `o`) of `facets` (never empty). */
function observationFacetConditions(facets: CellFacets): RawBuilder<SqlBool>[] {
  const conditions = [sql<SqlBool>`true`];
  if (facets.cdNoms) {
    conditions.push(
      facets.cdNoms.length > 0 ? sql<SqlBool>`o.cd_nom in (${list(facets.cdNoms)})` : sql`false`,
    );
  }
  if (facets.statuses) {
    conditions.push(sql<SqlBool>`o.validation_status in (${list(facets.statuses)})`);
  }
  if (facets.fromYear !== undefined) {
    conditions.push(sql<SqlBool>`o.observed_on >= make_date(${facets.fromYear}, 1, 1)`);
  }
  if (facets.toYear !== undefined) {
    conditions.push(sql<SqlBool>`o.observed_on <= make_date(${facets.toYear}, 12, 31)`);
  }
  return conditions;
}

/**
 * Narrowing conditions for the tile's rows, beside the spatial test (which decides), with `buffer`
 * for the tile grown by it; none for an observer's own view:
 * - with a taxon, the tile's map keys (migration 0011), so that an index reads that taxon's rows
 *   of the tile alone: for the public, their public keys (indexes of migrations 0025, 0026), for
 *   validators the keys of their exact points (0026, 0029); with the level-24 cells of the tile,
 *   which leave out within the index the rows of those key ranges outside the tile;
 * - for the public, with dates (and no taxon), those cells alone, so that the (programme, date,
 *   cell) index of migration 0029 reads the dates' rows of the tile alone: the programme's whole
 *   year otherwise (a tile holding a sliver of the programme, next to its dense areas).
 */
/** The public's tile of a date range over every taxon: read by 0029's (programme, date, cell) index. */
function publicDateRange(filter: ResolvedFilter, viewer: Viewer): boolean {
  return (
    viewer.kind === 'public' &&
    !filter.cdNoms?.length &&
    (filter.from !== undefined || filter.to !== undefined)
  );
}

function tileKeyTest(
  filter: ResolvedFilter,
  viewer: Viewer,
  { z, x, y }: TileCoordinates,
  buffer: number,
): RawBuilder<SqlBool>[] {
  if (viewer.kind === 'owner') return [];
  const taxon = (filter.cdNoms?.length ?? 0) > 0;
  if (!taxon && !publicDateRange(filter, viewer)) return [];
  const { ranges, mx, my } = tileKeys(z, x, y, buffer);
  const [cellX, cellY] =
    viewer.kind === 'public'
      ? [sql`o.public_mx`, sql`o.public_my`]
      : [sql`exact_map_x(o.geom)`, sql`exact_map_y(o.geom)`];
  const cells = [
    sql<SqlBool>`${cellX} between ${mx[0]} and ${mx[1]}`,
    sql<SqlBool>`${cellY} between ${my[0]} and ${my[1]}`,
  ];
  if (!taxon) return cells;
  const key = viewer.kind === 'public' ? sql`o.public_key` : sql`exact_map_key(o.geom)`;
  const arms = ranges.map(
    ([first, last]) =>
      sql<SqlBool>`${key} between ${first.toString()}::bigint and ${last.toString()}::bigint`,
  );
  return [sql<SqlBool>`(${sql.join(arms, sql` or `)})`, ...cells];
}

/** `serialPlans`: run the tile queries without parallel workers or JIT (PostgreSQL). */
export function createTilesRepository(db: Kysely<DB>, { serialPlans = false } = {}) {
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

  return {
    /** Whether the observer has, in the programme, an observation the public sees otherwise. */
    async ownerSeesMore(userId: number, programId: number): Promise<boolean> {
      const { rows } = await sql`
        select 1 from observations o
        where o.observer_id = ${userId} and o.program_id = ${programId}
          and (o.geom is distinct from o.public_geom or not o.is_public)
        limit 1`.execute(db);
      return rows.length > 0;
    },

    /** How many observations matching `filter` the tile holds, counting up to `limit`. */
    async countUpTo(
      filter: ResolvedFilter,
      viewer: Viewer,
      tile: TileCoordinates,
      limit: number,
    ): Promise<number> {
      const { z, x, y } = tile;
      const conditions = [
        ...filterConditions(filter, viewer),
        // With a ring: the bounding-box test may take a point a hair beyond the edge.
        ...tileKeyTest(filter, viewer, tile, 1 / TILE_EXTENT),
        inTile(viewer, tileBounds(z, x, y)),
      ];
      const { rows } = await withoutParallelismOrJit(db, serialPlans, (executor) =>
        sql<{ n: number }>`
          select count(*)::int as n from (
            select 1 from observations o
            where ${and(conditions)} limit ${limit}
          ) s`.execute(executor),
      );
      return rows[0]!.n;
    },

    /** The number of observations in the tile, from observation_cells (upper bound beyond z16). */
    async countFromCells(exact: boolean, { programId, z, x, y }: TileCoordinates) {
      const level = Math.min(z + CELLS_LOG2, CELL_TABLE_MAX_LEVEL);
      const [x0, x1, y0, y1] = cellRange(level, z, x, y);
      const { rows } = await sql<{ n: number }>`
        select coalesce(sum(n), 0)::int as n from observation_cells
        where program_id = ${programId} and exact = ${exact} and level = ${level}
          and cx between ${x0} and ${x1} and cy between ${y0} and ${y1} and n > 0`.execute(db);
      return rows[0]!.n;
    },

    /**
     * The number of observations matching `facets` in the tile, from the stored cell counts (an
     * upper bound beyond their finest level).
     */
    async countFromFacets(
      exact: boolean,
      facets: CellFacets,
      tile: TileCoordinates,
    ): Promise<number> {
      const { levels, max } = facetLevels(facets);
      const level = levels.find((l) => l >= tile.z) ?? max;
      const { rows } = await sql<{ n: number }>`
        select coalesce(sum(f.n), 0)::int as n
        from (${facetRows(facets, tile, exact, level)}) f`.execute(db);
      return rows[0]!.n;
    },

    /**
     * The tile's observations matching `facets` in cells of level z + 4 (up to the finest stored
     * level), added up from the finest stored level at or below it.
     */
    facetCellsQuery(
      tile: TileCoordinates,
      exact: boolean,
      facets: CellFacets,
    ): RawBuilder<unknown> {
      const { z, x, y } = tile;
      const n = 2 ** z;
      const { levels, max } = facetLevels(facets);
      const level = levels.find((l) => l >= z + CELLS_LOG2) ?? max;
      const shift = sql.lit(level - z - CELLS_LOG2);
      return sql`
        select sum(f.n)::int as count,
          round((sum(f.su) / sum(f.n) * ${n}::float8 - ${x}) * ${TILE_EXTENT})::int as px,
          round((sum(f.sv) / sum(f.n) * ${n}::float8 - ${y}) * ${TILE_EXTENT})::int as py
        from (${facetRows(facets, tile, exact, level)}) f
        group by f.cy >> ${shift}, f.cx >> ${shift}
        having sum(f.n) > 0
        order by f.cy >> ${shift}, f.cx >> ${shift}`;
    },

    pointsQuery(
      tile: TileCoordinates,
      filter: ResolvedFilter,
      viewer: Viewer,
      lang: Locale,
    ): RawBuilder<unknown> {
      const { z, x, y } = tile;
      const bounds = tileBounds(z, x, y, TILE_BUFFER / TILE_EXTENT);
      const conditions = [
        ...filterConditions(filter, viewer),
        ...tileKeyTest(filter, viewer, tile, TILE_BUFFER / TILE_EXTENT),
        inTile(viewer, bounds),
      ];
      const point = viewerPoint(viewer);
      const rows = (where: RawBuilder<SqlBool>[]) => sql`
        select o.id::text as id, o.cd_nom, o.observed_on, o.count,
          ${point} is distinct from o.geom as blurred, ${tileXY(viewer, z, x, y)}
        from observations o
        where ${and(where)}`;
      const inside = sql<SqlBool>`(px between 0 and ${TILE_EXTENT} and py between 0 and ${TILE_EXTENT})`;
      // The public's points of a date range: the tile's own, then those of the buffer in date
      // order, each from the (programme, date, cell) index of migration 0029, so that a buffer
      // reaching a dense area next door yields the few it needs, not all its rows to sort.
      const apart = publicDateRange(filter, viewer);
      const own = [
        ...filterConditions(filter, viewer),
        ...tileKeyTest(filter, viewer, tile, 1 / TILE_EXTENT),
        inTile(viewer, tileBounds(z, x, y, 1 / TILE_EXTENT)),
      ];
      // The tile's own points (at most the limit, counted) and the first points of the grown
      // tile in date order (the buffer's first among them), without the rows of both twice.
      const candidates = apart
        ? sql`
          (select * from (${rows(own)}) p
            order by ${inside} desc, observed_on desc, id limit ${TILE_POINT_LIMIT})
          union
          (select * from (${rows(conditions)}) p
            order by observed_on desc, id limit ${TILE_POINT_LIMIT})`
        : rows(conditions);
      // The tile's own points were counted; the buffer may hold many more (the edge of a dense
      // area next door): they come after the tile's own, within the same limit.
      return sql`
        with pts as (
          select id, cd_nom, observed_on::text as date, count, blurred, px, py
          from (${candidates}) p
          order by ${inside} desc, observed_on desc, id
          limit ${TILE_POINT_LIMIT}
        )
        -- A taxon's name for each point (a few thousand index reads at most): a join of the
        -- points with their distinct taxa went through every pair when the rows were
        -- underestimated.
        select pts.id, pts.cd_nom,
          ${displayName(sql.ref('t.cd_nom'), sql.ref('t.scientific_name'), lang)} as name,
          pts.date, pts.count, pts.blurred, pts.px, pts.py
        from pts join taxa t on t.cd_nom = pts.cd_nom`;
    },

    /** The tile's observations in cells of level z + 4, from observation_cells. */
    storedCellsQuery({ programId, z, x, y }: TileCoordinates, exact: boolean): RawBuilder<unknown> {
      const n = 2 ** z;
      const side = 1 << CELLS_LOG2;
      return sql`
        select n as count,
          round((su / n * ${n}::float8 - ${x}) * ${TILE_EXTENT})::int as px,
          round((sv / n * ${n}::float8 - ${y}) * ${TILE_EXTENT})::int as py
        from observation_cells
        where program_id = ${programId} and exact = ${exact}
          and level = ${z + CELLS_LOG2} and n > 0
          and cx between ${x * side} and ${x * side + side - 1}
          and cy between ${y * side} and ${y * side + side - 1}
        order by cy, cx`;
    },

    /** The tile's observations matching `filter` in cells of level z + 4, counted now. */
    cellsQuery(tile: TileCoordinates, filter: ResolvedFilter, viewer: Viewer): RawBuilder<unknown> {
      const { z, x, y } = tile;
      // A taxon's keys of the tile are the tile's points: the test on u and v below decides
      // then, and the spatial index would only add the whole tile's rows (any taxon) to the key
      // index's.
      const keys = tileKeyTest(filter, viewer, tile, 0);
      const conditions = [
        ...filterConditions(filter, viewer),
        ...keys,
        ...(filter.cdNoms?.length ? [] : [inTile(viewer, tileBounds(z, x, y))]),
      ];
      const n = 2 ** z;
      const point = viewerPoint(viewer);
      const cells = 2 ** (z + CELLS_LOG2);
      return sql`
        select count(*)::int as count,
          round((avg(u) * ${n}::float8 - ${x}) * ${TILE_EXTENT})::int as px,
          round((avg(v) * ${n}::float8 - ${y}) * ${TILE_EXTENT})::int as py
        from (
          select u, v, floor(u * ${cells}::float8) as cx, floor(v * ${cells}::float8) as cy
          from (
            -- offset 0: u and v computed once a row, not again in each use above.
            select mercator_u(${point}) as u, mercator_v(${point}) as v
            from observations o
            where ${and(conditions)}
            offset 0
          ) p
          where u >= ${x / n}::float8 and u < ${(x + 1) / n}::float8
            and v >= ${y / n}::float8 and v < ${(y + 1) / n}::float8
        ) s
        group by cy, cx
        order by cy, cx`;
    },

    /**
     * The public observations (matching `facets`) of a tile in cells of level z + 4, from the map
     * keys (migration 0011): one range scan, index-only without a filter (beyond
     * observation_cells' levels) or with a taxon alone (index of migration 0025, beyond the
     * facets' levels).
     */
    keyCellsQuery(
      { programId, z, x, y }: TileCoordinates,
      facets: CellFacets = {},
    ): RawBuilder<unknown> {
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
            and ${and(observationFacetConditions(facets))}
        ) k
        group by cy, cx
        order by cy, cx`;
    },

    /** Runs `query` and encodes its rows as a one-layer tile, with ST_AsMVT when available. */
    async encode(layer: string, query: RawBuilder<unknown>, properties: string[]): Promise<Buffer> {
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
    },
  };
}

export type TilesRepository = ReturnType<typeof createTilesRepository>;
