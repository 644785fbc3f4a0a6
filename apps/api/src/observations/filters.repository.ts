import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ObservationSort } from '@citizen/shared';
import type { BBox, Cursor, ResolvedFilter, Viewer } from './filters.js';

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

// Keyset pagination (see Cursor in filters.ts).

/** The recording time as the cursor holds it: text, to the microsecond. */
export const createdKeySql = sql<string>`to_char(o.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function orderBySql(sort: ObservationSort): RawBuilder<unknown> {
  switch (sort) {
    case 'date_desc':
      return sql`o.observed_on desc, o.created_at desc, o.id asc`;
    case 'date_asc':
      return sql`o.observed_on asc, o.created_at asc, o.id desc`;
    case 'created_desc':
      return sql`o.created_at desc, o.id asc`;
  }
}

/**
 * Rows strictly after `cursor` in its sort order. The leading column gets a bound of its own so
 * that the index scan starts at the cursor.
 */
export function afterCursor(cursor: Cursor): RawBuilder<SqlBool> {
  const created = sql`${cursor.createdAt}::timestamptz`;
  const id = sql`${cursor.id}::uuid`;
  switch (cursor.sort) {
    case 'date_desc': {
      const day = sql`${cursor.observedOn}::date`;
      return sql<SqlBool>`o.observed_on <= ${day} and (o.observed_on < ${day}
        or o.created_at < ${created} or (o.created_at = ${created} and o.id > ${id}))`;
    }
    case 'date_asc': {
      const day = sql`${cursor.observedOn}::date`;
      return sql<SqlBool>`o.observed_on >= ${day} and (o.observed_on > ${day}
        or o.created_at > ${created} or (o.created_at = ${created} and o.id < ${id}))`;
    }
    case 'created_desc':
      return sql<SqlBool>`o.created_at <= ${created}
        and (o.created_at < ${created} or o.id > ${id})`;
  }
}
