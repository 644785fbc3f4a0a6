import type {
  Locale,
  ObservationDetail,
  ObservationFeatureCollection,
  ObservationList,
  ObservationListItem,
  ObservationListQuery,
  Photo,
} from '@citizen/shared';
import { DomainError } from '../http/errors.js';
import { safeObserverName } from '../users/public-name.js';
import {
  cursorAfter,
  decodeCursor,
  encodeCursor,
  type Cursor,
  type ObservationFilter,
  type ResolvedFilter,
  type Viewer,
} from './filters.js';
import type {
  BaseRow,
  ListingRepository,
  ObservationRecord,
  PhotoRow,
} from './listing.repository.js';

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
        throw new DomainError('program.notActive', { id: filter.programId });
      }
    }
    const resolved: ResolvedFilter = { ...filter };
    if (filter.taxon !== undefined) {
      resolved.cdNoms = await repository.synonyms(filter.taxon);
      if (resolved.cdNoms.length === 0) {
        throw new DomainError('filter.unknownTaxon', { cdNom: filter.taxon }, { field: 'taxon' });
      }
    }
    if (filter.areaId !== undefined && !(await repository.areaExists(filter.areaId))) {
      throw new DomainError('filter.unknownArea', { id: filter.areaId }, { field: 'area' });
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
          found.length > query.limit && last ? encodeCursor(cursorAfter(sort, last)) : null,
      };
    },

    /**
     * The newest `limit` observations of a programme (or, with a taxon, of every active
     * programme) as GeoJSON features (no photos), for maps of small selections; `truncated` when
     * more match.
     */
    async features(
      filter: ObservationFilter,
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
      if (!row) throw new DomainError('observation.notFound', { id });
      const [decorated] = await decorate([row], lang);
      const r = decorated!;
      return {
        ...toItem(r, r.name, r.photos),
        comment: r.comment,
        customData: r.custom_data ?? {},
        obscured: r.obscured,
        offList: r.off_list,
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
        after = cursorAfter('date_desc', last);
      }
    },
  };
}

export type ListingService = ReturnType<typeof createListingService>;
