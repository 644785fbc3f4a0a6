import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Locale, ObservationReview, ObservationSort, ValidationStatus } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import { displayName } from '../taxonomy/names.repository.js';
import type { Cursor, ResolvedFilter, Viewer } from './filters.js';
import {
  afterCursor,
  and,
  filterConditions,
  createdKeySql,
  orderBySql,
  viewerPoint,
} from './filters.repository.js';
import { withoutParallelismOrJit } from './plans.repository.js';

export type BaseRow = {
  id: string;
  program_id: number;
  program_slug: string;
  program_title: string;
  cd_nom: number;
  cd_ref: number;
  scientific_name: string;
  sensitivity: number;
  observed_on: string;
  observed_time: string | null;
  count: number;
  lon: number;
  lat: number;
  blurred: boolean;
  coordinate_uncertainty_m: number | null;
  municipality: string | null;
  validation_status: ValidationStatus;
  observer: string | null;
  created_at: Date;
  /** created_at as text to the microsecond, for cursors. */
  created_key: string;
  photos?: PhotoRow[];
  /** Selected with `reviews`, for the viewer's own observations (all, for experts). */
  review_allowed?: boolean | null;
  review?: ObservationReview | null;
};

export type ExtendedRow = BaseRow & {
  comment: string | null;
  custom_data: Record<string, unknown> | null;
  updated_at: Date;
  authority: string | null;
  rank: string;
  kingdom: string | null;
  phylum: string | null;
  class: string | null;
  order: string | null;
  family: string | null;
  taxref_version: string | null;
  municipality_code: string | null;
  obscured: boolean;
  off_list: boolean;
};

/** A photo of an observation, as the listing query gives it (JSON). */
export type PhotoRow = {
  id: string;
  width: number | null;
  height: number | null;
  licence: string | null;
  author: string | null;
  /** ISO 8601 text. */
  taken_at: string | null;
};

/** One observation as the exports see it: every field, names and photos resolved. */
export type ObservationRecord = ExtendedRow & { name: string; photos: PhotoRow[] };

/** `serialPlans`: run the page queries without parallel workers or JIT (PostgreSQL). */
export function createListingRepository(db: Kysely<DB>, { serialPlans = false } = {}) {
  async function rows<E extends boolean>(
    filter: ResolvedFilter,
    viewer: Viewer,
    options: {
      sort: ObservationSort;
      after?: Cursor;
      limit: number;
      extended: E;
      onlyActive: boolean;
      id?: string;
      /** With the photos (id, size, licence, author, date), in their order. */
      photos: boolean;
      /** With the latest judgement or question, where the viewer may read it (see `review`). */
      reviews?: boolean;
    },
  ): Promise<(E extends true ? ExtendedRow : BaseRow)[]> {
    const point = viewerPoint(viewer);
    // Several taxa (a name and its synonyms): one index scan per taxon, merged, rather than a
    // walk through every date hoping to meet the rare ones.
    const taxa = filter.cdNoms !== undefined && filter.cdNoms.length > 1 ? filter.cdNoms : null;
    const conditions = filterConditions(taxa ? { ...filter, cdNoms: undefined } : filter, viewer);
    if (options.after) conditions.push(afterCursor(options.after));
    if (options.onlyActive) {
      conditions.push(sql<SqlBool>`o.program_id in (select id from programs where is_active)`);
    }
    if (options.id) conditions.push(sql<SqlBool>`o.id = ${options.id}::uuid`);
    const order = orderBySql(options.sort);
    // The page is picked from the observations alone; the joins then touch its rows only.
    const page = (where: RawBuilder<SqlBool>[]) =>
      sql`(select o.* from observations o where ${and(where)}
        order by ${order} limit ${options.limit})`;
    const source = taxa
      ? sql`(${sql.join(
          taxa.map((cdNom) => page([...conditions, sql<SqlBool>`o.cd_nom = ${cdNom}`])),
          sql` union all `,
        )}) o`
      : sql`${page(conditions)} o`;
    const photos = options.photos
      ? sql`, (select coalesce(json_agg(json_build_object('id', m.id, 'width', m.width,
            'height', m.height, 'licence', m.licence, 'author', m.author, 'taken_at', m.taken_at)
            order by om.position, m.created_at, m.id), '[]'::json)
          from observation_media om join media m on m.id = om.media_id
          where om.observation_id = o.id and m.hidden_at is null) as photos`
      : sql``;
    // The latest expert word, for the observer and experts only (the history's readers).
    const mayReadReview =
      viewer.kind === 'expert'
        ? sql<SqlBool>`true`
        : viewer.kind === 'owner'
          ? sql<SqlBool>`(o.observer_id is not distinct from ${viewer.userId})`
          : null;
    const reviews =
      options.reviews && mayReadReview
        ? sql`, ${mayReadReview} as review_allowed,
          (select json_build_object('kind', e.kind, 'status', e.to_status, 'reason', e.reason,
              'comment', e.comment,
              'at', to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
            from observation_events e
            where e.observation_id = o.id and e.kind in ('validated', 'question')
              and ${mayReadReview}
            order by e.id desc limit 1) as review`
        : sql``;
    const extended = options.extended
      ? sql`, o.comment, o.custom_data, o.updated_at, o.municipality_code, o.obscured, o.off_list, t.authority, t.rank,
          t.kingdom, t.phylum, t.class, t."order", t.family, t.taxref_version`
      : sql``;
    const query = sql<E extends true ? ExtendedRow : BaseRow>`
      select o.id, o.program_id, p.slug as program_slug, p.title as program_title,
        o.cd_nom, t.cd_ref, t.scientific_name, o.sensitivity,
        o.observed_on, o.observed_time::text as observed_time, o.count,
        ST_X(${point}) as lon, ST_Y(${point}) as lat, ${point} is distinct from o.geom as blurred,
        o.coordinate_uncertainty_m, o.municipality, o.validation_status,
        case when o.observer_id is not null then coalesce(u.display_name, u.username)
          else o.observer_name end as observer,
        o.created_at, ${createdKeySql} as created_key
        ${extended} ${photos} ${reviews}
      from ${source}
      join taxa t on t.cd_nom = o.cd_nom
      join programs p on p.id = o.program_id
      left join users u on u.id = o.observer_id
      order by ${order}
      limit ${options.limit}`;
    return withoutParallelismOrJit(db, serialPlans, async (executor) => {
      return (await query.execute(executor)).rows;
    });
  }

  return {
    rows,

    async names(cdNoms: number[], lang: Locale): Promise<Map<number, string>> {
      if (cdNoms.length === 0) return new Map();
      const { rows } = await sql<{ cd_nom: number; name: string }>`
        select t.cd_nom, ${displayName(sql.ref('t.cd_nom'), sql.ref('t.scientific_name'), lang)} as name
        from taxa t where t.cd_nom in (${sql.join(cdNoms)})`.execute(db);
      return new Map(rows.map((r) => [r.cd_nom, r.name]));
    },

    /** Every cd_nom sharing the accepted name of `cdNom` (itself included); empty if unknown. */
    async synonyms(cdNom: number): Promise<number[]> {
      const { rows } = await sql<{ cd_nom: number }>`
        select s.cd_nom from taxa t join taxa s on s.cd_ref = t.cd_ref
        where t.cd_nom = ${cdNom} order by s.cd_nom`.execute(db);
      return rows.map((r) => r.cd_nom);
    },

    async areaExists(id: number): Promise<boolean> {
      const { rows } = await sql`select 1 from areas where id = ${id}`.execute(db);
      return rows.length > 0;
    },

    async program(id: number) {
      return db
        .selectFrom('programs')
        .select(['id', 'is_active'])
        .where('id', '=', id)
        .executeTakeFirst();
    },
  };
}

export type ListingRepository = ReturnType<typeof createListingRepository>;
