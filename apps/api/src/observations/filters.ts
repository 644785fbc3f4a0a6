import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ObservationFilterQuery, ObservationSort, ValidationStatus } from '@citizen/shared';
import type { CurrentUser } from '../auth/current-user.js';
import { BadRequestError } from '../http/errors.js';
import { canSeeExactLocation } from '../policies/observations.policy.js';

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

/** The filters of the list, the map tiles and the exports, checked. */
export type ObservationFilter = {
  programId?: number;
  /** A cd_nom; the observations of all its synonyms match. */
  taxon?: number;
  from?: string;
  to?: string;
  bbox?: BBox;
  areaId?: number;
  statuses?: ValidationStatus[];
  observerId?: number;
  /** Leave out this observer's observations (a validator's queue never holds their own). */
  excludeObserverId?: number;
  hasPhoto?: boolean;
};

/** A filter whose taxon is resolved to the cd_nom of every synonym. */
export type ResolvedFilter = ObservationFilter & { cdNoms?: number[] };

/**
 * Whose eyes a query is for: the public sees the public point of every observation (a grid cell
 * centre for sensitive taxa); an owner sees their own observations' exact points; experts
 * (validators, admins) see every exact point.
 */
export type Viewer = { kind: 'public' } | { kind: 'expert' } | { kind: 'owner'; userId: number };

export const PUBLIC_VIEWER: Viewer = { kind: 'public' };

export function viewerOf(user: CurrentUser | null): Viewer {
  if (!user) return PUBLIC_VIEWER;
  // An observation nobody owns: only experts may see its exact point.
  if (canSeeExactLocation(user, { observerId: null })) return { kind: 'expert' };
  return { kind: 'owner', userId: user.id };
}

/** A short text naming the viewer, for cache keys. */
export function viewerKey(viewer: Viewer): string {
  return viewer.kind === 'owner' ? `owner:${viewer.userId}` : viewer.kind;
}

export function parseBBox(text: string): BBox {
  const parts = text.split(',').map((p) => p.trim());
  const numbers = parts.map(Number);
  if (
    parts.length !== 4 ||
    parts.some((p) => p === '') ||
    numbers.some((n) => !Number.isFinite(n))
  ) {
    throw new BadRequestError('bbox must be four numbers: west,south,east,north');
  }
  const [west, south, east, north] = numbers as BBox;
  if (west < -180 || east > 180 || south < -90 || north > 90) {
    throw new BadRequestError('bbox must lie within longitudes -180..180 and latitudes -90..90');
  }
  if (west >= east || south >= north) {
    throw new BadRequestError('bbox must have west < east and south < north');
  }
  return [west, south, east, north];
}

export function parseFilter(
  query: ObservationFilterQuery & { program?: number },
): ObservationFilter {
  const filter: ObservationFilter = {};
  if (query.program !== undefined) filter.programId = query.program;
  if (query.taxon !== undefined) filter.taxon = query.taxon;
  if (query.from !== undefined) filter.from = query.from;
  if (query.to !== undefined) filter.to = query.to;
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new BadRequestError('from must not be after to');
  }
  if (query.bbox !== undefined) filter.bbox = parseBBox(query.bbox);
  if (query.area !== undefined) filter.areaId = query.area;
  if (query.status !== undefined) {
    filter.statuses = [...new Set(query.status.split(','))].sort() as ValidationStatus[];
  }
  if (query.observer !== undefined) filter.observerId = query.observer;
  if (query.hasPhoto !== undefined) filter.hasPhoto = query.hasPhoto;
  return filter;
}

/** True when nothing but the programme narrows the selection. */
export function isUnfiltered(filter: ObservationFilter): boolean {
  return Object.keys(filter).every((k) => k === 'programId');
}

/** The filter as a canonical text, for cache keys. */
export function filterKey(filter: ObservationFilter): string {
  return JSON.stringify(
    Object.keys(filter)
      .sort()
      .map((k) => [k, filter[k as keyof ObservationFilter]]),
  );
}

// SQL fragments. They refer to the observation as `o`.

/** The point `viewer` may see of observation `o`. */
export function viewerPoint(viewer: Viewer): RawBuilder<unknown> {
  switch (viewer.kind) {
    case 'public':
      return sql`o.public_geom`;
    case 'expert':
      return sql`o.geom`;
    case 'owner':
      return sql`(case when o.observer_id = ${viewer.userId} then o.geom else o.public_geom end)`;
  }
}

/**
 * A spatial test on the point `viewer` sees, written so that a GiST index can serve it: for an
 * owner, one test per column.
 */
export function spatialTest(
  viewer: Viewer,
  test: (point: RawBuilder<unknown>) => RawBuilder<SqlBool>,
): RawBuilder<SqlBool> {
  switch (viewer.kind) {
    case 'public':
      return test(sql`o.public_geom`);
    case 'expert':
      return test(sql`o.geom`);
    case 'owner':
      return sql<SqlBool>`((o.observer_id = ${viewer.userId} and ${test(sql`o.geom`)})
        or (o.observer_id is distinct from ${viewer.userId} and ${test(sql`o.public_geom`)}))`;
  }
}

export function envelope([west, south, east, north]: BBox): RawBuilder<unknown> {
  return sql`ST_MakeEnvelope(${west}::float8, ${south}::float8, ${east}::float8, ${north}::float8, 4326)`;
}

const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`));

/**
 * Which observations `viewer` may see: the public those of `is_public` (not hidden by a moderator,
 * validated where the programme shows only validated ones; migration 0009); an owner those and
 * their own; experts all.
 */
export function visibleTo(viewer: Viewer): RawBuilder<SqlBool> {
  switch (viewer.kind) {
    case 'public':
      return sql<SqlBool>`o.is_public`;
    case 'expert':
      return sql<SqlBool>`true`;
    case 'owner':
      return sql<SqlBool>`(o.is_public or o.observer_id = ${viewer.userId})`;
  }
}

/** The WHERE conditions of `filter` for `viewer` (never empty). */
export function filterConditions(filter: ResolvedFilter, viewer: Viewer): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [visibleTo(viewer)];
  if (filter.programId !== undefined) {
    conditions.push(sql<SqlBool>`o.program_id = ${filter.programId}`);
  }
  if (filter.cdNoms !== undefined) {
    conditions.push(
      filter.cdNoms.length > 0 ? sql<SqlBool>`o.cd_nom in (${list(filter.cdNoms)})` : sql`false`,
    );
  }
  if (filter.from !== undefined)
    conditions.push(sql<SqlBool>`o.observed_on >= ${filter.from}::date`);
  if (filter.to !== undefined) conditions.push(sql<SqlBool>`o.observed_on <= ${filter.to}::date`);
  if (filter.bbox !== undefined) {
    const box = envelope(filter.bbox);
    conditions.push(spatialTest(viewer, (point) => sql<SqlBool>`ST_Intersects(${point}, ${box})`));
  }
  if (filter.areaId !== undefined) {
    const area = sql`(select a.geom from areas a where a.id = ${filter.areaId})`;
    conditions.push(spatialTest(viewer, (point) => sql<SqlBool>`ST_Intersects(${point}, ${area})`));
  }
  if (filter.statuses !== undefined) {
    conditions.push(sql<SqlBool>`o.validation_status in (${list(filter.statuses)})`);
  }
  if (filter.observerId !== undefined) {
    conditions.push(sql<SqlBool>`o.observer_id = ${filter.observerId}`);
  }
  if (filter.excludeObserverId !== undefined) {
    conditions.push(sql<SqlBool>`o.observer_id is distinct from ${filter.excludeObserverId}`);
  }
  if (filter.hasPhoto !== undefined) {
    const exists = sql`exists (select 1 from observation_media om join media m on m.id = om.media_id
      where om.observation_id = o.id and m.hidden_at is null)`;
    conditions.push(filter.hasPhoto ? sql<SqlBool>`${exists}` : sql<SqlBool>`not ${exists}`);
  }
  return conditions;
}

export function and(conditions: RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}

// Keyset pagination. Each sort is an index order: date_desc (observed_on desc, id), date_asc its
// exact reverse, created_desc (created_at desc, id). The cursor holds the last row's key.

export type Cursor = { sort: ObservationSort; key: string; id: string };

const SORT_CODES: Record<ObservationSort, string> = {
  date_desc: 'd',
  date_asc: 'a',
  created_desc: 'c',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([SORT_CODES[cursor.sort], cursor.key, cursor.id])).toString(
    'base64url',
  );
}

export function decodeCursor(text: string, sort: ObservationSort): Cursor {
  const invalid = () =>
    new BadRequestError('cursor is not valid: pass the nextCursor of a previous page unchanged');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [code, key, id] = parsed as unknown[];
  if (typeof key !== 'string' || typeof id !== 'string' || !UUID.test(id)) throw invalid();
  if (code !== SORT_CODES[sort]) {
    throw new BadRequestError('cursor belongs to another sort order: start again without it');
  }
  const keyPattern = sort === 'created_desc' ? TIMESTAMP : DATE;
  if (!keyPattern.test(key) || Number.isNaN(Date.parse(key))) throw invalid();
  return { sort, key, id };
}

/** The SQL expression of the sort key, as text, for the cursor. */
export function sortKeySql(sort: ObservationSort): RawBuilder<string> {
  return sort === 'created_desc'
    ? sql<string>`to_char(o.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    : sql<string>`o.observed_on::text`;
}

export function orderBySql(sort: ObservationSort): RawBuilder<unknown> {
  switch (sort) {
    case 'date_desc':
      return sql`o.observed_on desc, o.id asc`;
    case 'date_asc':
      return sql`o.observed_on asc, o.id desc`;
    case 'created_desc':
      return sql`o.created_at desc, o.id asc`;
  }
}

/** Rows strictly after `cursor` in its sort order. */
export function afterCursor(cursor: Cursor): RawBuilder<SqlBool> {
  const { key, id } = cursor;
  switch (cursor.sort) {
    case 'date_desc':
      return sql<SqlBool>`o.observed_on <= ${key}::date
        and (o.observed_on < ${key}::date or o.id > ${id}::uuid)`;
    case 'date_asc':
      return sql<SqlBool>`o.observed_on >= ${key}::date
        and (o.observed_on > ${key}::date or o.id < ${id}::uuid)`;
    case 'created_desc':
      return sql<SqlBool>`o.created_at <= ${key}::timestamptz
        and (o.created_at < ${key}::timestamptz or o.id > ${id}::uuid)`;
  }
}
