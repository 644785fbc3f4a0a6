import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type {
  Locale,
  ObservationDetail,
  ObservationFeatureCollection,
  ObservationList,
  ObservationListItem,
  ObservationListQuery,
  ObservationReview,
  ObservationSort,
  Photo,
  ValidationStatus,
} from '@citizen/shared';
import type { DB } from '../db/schema.js';
import { BadRequestError, NotFoundError } from '../http/errors.js';
import { displayName } from '../taxonomy/names.js';
import { safeObserverName } from '../users/public-name.js';
import { withoutParallelismOrJit } from './plans.js';
import {
  afterCursor,
  and,
  decodeCursor,
  encodeCursor,
  filterConditions,
  orderBySql,
  sortKeySql,
  viewerPoint,
  type Cursor,
  type ObservationFilter,
  type ResolvedFilter,
  type Viewer,
} from './filters.js';

/** Side of the grid cell a sensitive taxon's point is blurred to, by sensitivity (see public_point()). */
export const BLUR_CELL_METRES = [0, 1000, 5000, 10000] as const;

/**
 * The uncertainty of a blurred point: the original one plus the half-diagonal of the grid cell,
 * so that the circle covers every place the observation may have been.
 */
export function blurredUncertainty(original: number | null, sensitivity: number): number {
  const cell = BLUR_CELL_METRES[sensitivity] ?? BLUR_CELL_METRES[3];
  return (original ?? 0) + Math.ceil((cell * Math.SQRT2) / 2);
}

export { safeObserverName };

type BaseRow = {
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
  sort_key: string;
  photos?: PhotoRow[];
  /** Selected with `reviews`, for the viewer's own observations (all, for experts). */
  review_allowed?: boolean | null;
  review?: ObservationReview | null;
};

type ExtendedRow = BaseRow & {
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

export const photoOf = (row: PhotoRow): Photo => ({
  id: row.id,
  thumbUrl: `/api/media/${row.id}/thumb`,
  displayUrl: `/api/media/${row.id}/display`,
  width: row.width,
  height: row.height,
  licence: row.licence,
  author: safeObserverName(row.author),
});

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

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
      ? sql`, o.comment, o.custom_data, o.updated_at, o.municipality_code, o.obscured, t.authority, t.rank,
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
        o.created_at, ${sortKeySql(options.sort)} as sort_key
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

/** Public outputs show active programmes only; experts see every programme. */
const onlyActiveFor = (viewer: Viewer) => viewer.kind !== 'expert';

export function createListingService(repository: ListingRepository) {
  /**
   * Checks that the programme (if any) may be read, unless the caller did, and resolves the
   * taxon and the area.
   */
  async function resolve(
    filter: ObservationFilter,
    viewer: Viewer,
    { programChecked = false } = {},
  ): Promise<ResolvedFilter> {
    if (filter.programId !== undefined && !programChecked) {
      const program = await repository.program(filter.programId);
      if (!program || (onlyActiveFor(viewer) && !program.is_active)) {
        throw new NotFoundError(`Programme ${filter.programId} does not exist or is not active`);
      }
    }
    const resolved: ResolvedFilter = { ...filter };
    if (filter.taxon !== undefined) {
      resolved.cdNoms = await repository.synonyms(filter.taxon);
      if (resolved.cdNoms.length === 0) {
        throw new BadRequestError(`taxon ${filter.taxon} is not in the taxonomy`);
      }
    }
    if (filter.areaId !== undefined && !(await repository.areaExists(filter.areaId))) {
      throw new BadRequestError(`area ${filter.areaId} does not exist`);
    }
    return resolved;
  }

  function toItem(row: BaseRow, name: string, photos: PhotoRow[]): ObservationListItem {
    return {
      id: row.id,
      program: { id: row.program_id, slug: row.program_slug, title: row.program_title },
      taxon: {
        cdNom: row.cd_nom,
        cdRef: row.cd_ref,
        scientificName: row.scientific_name,
        name,
      },
      observedOn: row.observed_on,
      observedTime: row.observed_time,
      count: row.count,
      location: { type: 'Point', coordinates: [round6(row.lon), round6(row.lat)] },
      blurred: row.blurred,
      coordinateUncertaintyM: row.blurred
        ? blurredUncertainty(row.coordinate_uncertainty_m, row.sensitivity)
        : row.coordinate_uncertainty_m,
      // A municipality would locate a blurred observation more precisely than its cell.
      municipality: row.blurred ? null : row.municipality,
      validationStatus: row.validation_status,
      photos: photos.map(photoOf),
      observer: safeObserverName(row.observer),
      createdAt: row.created_at.toISOString(),
      ...(row.review_allowed && { review: row.review ?? null }),
    };
  }

  async function decorate<R extends BaseRow>(
    rows: R[],
    lang: Locale,
    nameCache?: Map<number, string>,
  ): Promise<(R & { name: string; photos: PhotoRow[] })[]> {
    const cache = nameCache ?? new Map<number, string>();
    const missing = [...new Set(rows.map((r) => r.cd_nom))].filter((c) => !cache.has(c));
    for (const [cdNom, name] of await repository.names(missing, lang)) cache.set(cdNom, name);
    return rows.map((r) => ({
      ...r,
      name: cache.get(r.cd_nom) ?? r.scientific_name,
      photos: r.photos ?? [],
    }));
  }

  return {
    resolve,

    async list(
      query: ObservationListQuery,
      filter: ObservationFilter,
      viewer: Viewer,
      lang: Locale,
    ): Promise<ObservationList> {
      const sort = query.sort;
      const after = query.cursor !== undefined ? decodeCursor(query.cursor, sort) : undefined;
      const resolved = await resolve(filter, viewer);
      const found = await repository.rows(resolved, viewer, {
        sort,
        ...(after ? { after } : {}),
        limit: query.limit + 1,
        extended: false,
        onlyActive: onlyActiveFor(viewer),
        photos: true,
        reviews: true,
      });
      const page = found.slice(0, query.limit);
      const last = page.at(-1);
      const decorated = await decorate(page, lang);
      return {
        items: decorated.map((r) => toItem(r, r.name, r.photos)),
        nextCursor:
          found.length > query.limit && last
            ? encodeCursor({ sort, key: last.sort_key, id: last.id })
            : null,
      };
    },

    /**
     * The newest `limit` observations of a programme as GeoJSON features (no photos), for maps of
     * small selections; `truncated` when more match.
     */
    async features(
      filter: ObservationFilter & { programId: number },
      viewer: Viewer,
      lang: Locale,
      limit: number,
    ): Promise<ObservationFeatureCollection> {
      const resolved = await resolve(filter, viewer);
      const found = await repository.rows(resolved, viewer, {
        sort: 'date_desc',
        limit: limit + 1,
        extended: false,
        onlyActive: onlyActiveFor(viewer),
        photos: false,
      });
      const rows = found.slice(0, limit);
      const names = await repository.names([...new Set(rows.map((r) => r.cd_nom))], lang);
      return {
        type: 'FeatureCollection',
        truncated: found.length > limit,
        features: rows.map((row) => ({
          type: 'Feature',
          id: row.id,
          geometry: { type: 'Point', coordinates: [round6(row.lon), round6(row.lat)] },
          properties: {
            cdNom: row.cd_nom,
            taxonName: names.get(row.cd_nom) ?? row.scientific_name,
            scientificName: row.scientific_name,
            observedOn: row.observed_on,
            count: row.count,
          },
        })),
      };
    },

    async detail(id: string, viewer: Viewer, lang: Locale): Promise<ObservationDetail> {
      const [row] = await repository.rows({}, viewer, {
        sort: 'date_desc',
        limit: 1,
        extended: true,
        onlyActive: onlyActiveFor(viewer),
        id,
        photos: true,
        reviews: true,
      });
      if (!row) throw new NotFoundError(`Observation ${id} does not exist`);
      const [decorated] = await decorate([row], lang);
      const r = decorated!;
      return {
        ...toItem(r, r.name, r.photos),
        comment: r.comment,
        customData: r.custom_data ?? {},
        obscured: r.obscured,
        taxonDetails: {
          authority: r.authority,
          rank: r.rank,
          kingdom: r.kingdom,
          phylum: r.phylum,
          class: r.class,
          order: r.order,
          family: r.family,
        },
        updatedAt: r.updated_at.toISOString(),
      };
    },

    /**
     * Every observation matching `filter`, in keyset-paginated chunks (PGlite cannot stream a
     * cursor), for the exports. `filter` must be resolved; the programme checked.
     */
    async *records(
      filter: ResolvedFilter,
      viewer: Viewer,
      lang: Locale,
      chunkSize = 2000,
    ): AsyncGenerator<ObservationRecord[]> {
      const names = new Map<number, string>();
      let after: Cursor | undefined;
      for (;;) {
        const chunk = await repository.rows(filter, viewer, {
          sort: 'date_desc',
          ...(after ? { after } : {}),
          limit: chunkSize,
          extended: true,
          onlyActive: onlyActiveFor(viewer),
          photos: true,
        });
        if (chunk.length === 0) return;
        yield await decorate(chunk, lang, names);
        if (chunk.length < chunkSize) return;
        const last = chunk.at(-1)!;
        after = { sort: 'date_desc', key: last.sort_key, id: last.id };
      }
    },
  };
}

export type ListingService = ReturnType<typeof createListingService>;
