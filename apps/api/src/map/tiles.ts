import type { Locale } from '@citizen/shared';
import { DomainError } from '../http/errors.js';
import {
  filterKey,
  isUnfiltered,
  viewerKey,
  type ObservationFilter,
  type Viewer,
} from '../observations/filters.js';
import type { ListingService } from '../observations/listing.service.js';
import type { DataVersions } from '../stats/data-versions.repository.js';
import { cacheHeaders, etagOf, ifNoneMatchHits } from './http-cache.js';
import type { TileCache } from './tile-cache.js';
import { cellFacetsOf, facetLevels } from './cell-facets.js';
import { CELL_TABLE_MAX_LEVEL, CELLS_LOG2, KEY_LEVEL, TILE_POINT_LIMIT } from './tile-grid.js';
import type { TilesRepository } from './tiles.repository.js';

export const TILE_MAX_AGE = 30;

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

export function createTilesService(
  tiles: TilesRepository,
  versions: DataVersions,
  listing: ListingService,
  cache: TileCache,
) {
  /**
   * Builds the tile: points when it holds few observations, cells beyond. Counts come from the
   * stored cells where they can: observation_cells without a filter, observation_cell_facets (a
   * taxon) or observation_cell_status_years (statuses, whole years) with a filter they serve;
   * beyond their levels, for the public, from the map keys of the observations (the unfiltered
   * and a taxon's: index-only range scans); else from the observations.
   */
  async function build(request: TileRequest): Promise<Buffer> {
    const { programId, z, filter } = request;
    let viewer = request.viewer;
    const resolved = await listing.resolve({ ...filter, programId }, viewer, {
      programChecked: true,
    });
    // An observer with no blurred or non-public observation here sees what the public sees.
    if (viewer.kind === 'owner' && !(await tiles.ownerSeesMore(viewer.userId, programId))) {
      viewer = { kind: 'public' };
    }
    const cellTable = isUnfiltered(filter) && viewer.kind !== 'owner';
    const facets = !cellTable && viewer.kind !== 'owner' ? cellFacetsOf(resolved) : null;
    const exact = viewer.kind === 'expert';
    const facetMaxLevel = facets ? facetLevels(facets).max : -1;

    let count = TILE_POINT_LIMIT + 1;
    let counted = false;
    if (cellTable) {
      count = await tiles.countFromCells(exact, request);
      counted = z <= CELL_TABLE_MAX_LEVEL;
    } else if (facets) {
      count = await tiles.countFromFacets(exact, facets, request);
      counted = z <= facetMaxLevel;
    }
    if (count > TILE_POINT_LIMIT && !counted) {
      count = await tiles.countUpTo(resolved, viewer, request, TILE_POINT_LIMIT + 1);
    }
    if (count <= TILE_POINT_LIMIT) {
      return tiles.encode(POINT_LAYER, tiles.pointsQuery(request, resolved, viewer, request.lang), [
        'id',
        'cd_nom',
        'name',
        'date',
        'count',
        'blurred',
      ]);
    }
    const level = z + CELLS_LOG2;
    const cells =
      cellTable && level <= CELL_TABLE_MAX_LEVEL
        ? tiles.storedCellsQuery(request, exact)
        : facets && level <= facetMaxLevel
          ? tiles.facetCellsQuery(request, exact, facets)
          : (cellTable || facets?.cdNoms) && viewer.kind === 'public' && level <= KEY_LEVEL
            ? tiles.keyCellsQuery(request, facets ?? {})
            : tiles.cellsQuery(request, resolved, viewer);
    return tiles.encode(CELL_LAYER, cells, ['count']);
  }

  return {
    async tile(request: TileRequest): Promise<TileResponse> {
      const { programId, z, x, y, filter, viewer } = request;
      if (x >= 2 ** z || y >= 2 ** z) {
        throw new DomainError('tile.outOfRange', { z, x, y });
      }
      const state = await versions.program(programId);
      if (!state || (viewer.kind !== 'expert' && !state.isActive)) {
        throw new DomainError('program.notActive', { id: programId });
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
      const body = await cache.get(etag, () => build(request));
      return body.length === 0
        ? { status: 204, body: null, headers }
        : { status: 200, body, headers };
    },
  };
}

export type TilesService = ReturnType<typeof createTilesService>;
