import type { ValidationStatus } from '@citizen/shared';
import type { ResolvedFilter } from '../observations/filters.js';
import {
  FACET_LEVELS,
  FACET_MAX_LEVEL,
  STATUS_YEAR_LEVELS,
  STATUS_YEAR_MAX_LEVEL,
} from './tile-grid.js';

/**
 * A filter in the dimensions of the stored cell counts: observation_cell_facets with a taxon
 * (migrations 0024, 0026), observation_cell_status_years without (0026).
 */
export type CellFacets = {
  /** The taxon's cd_nom and its synonyms'; absent for every taxon. */
  cdNoms?: number[];
  statuses?: ValidationStatus[];
  /** Whole years: from 1 January of fromYear to 31 December of toYear. */
  fromYear?: number;
  toYear?: number;
};

const SERVED_KEYS = new Set(['programId', 'taxon', 'cdNoms', 'statuses', 'from', 'to']);
const YEAR_START = /^(\d{4})-01-01$/;
const YEAR_END = /^(\d{4})-12-31$/;

/** The levels stored for `facets`, and the finest of them. */
export function facetLevels(facets: CellFacets): { levels: readonly number[]; max: number } {
  return facets.cdNoms
    ? { levels: FACET_LEVELS, max: FACET_MAX_LEVEL }
    : { levels: STATUS_YEAR_LEVELS, max: STATUS_YEAR_MAX_LEVEL };
}

/**
 * The filter as facets when the stored cell counts can count its observations exactly: a
 * taxon, statuses and dates on year boundaries; null otherwise (an area, an observer, photos, a
 * date within a year…), when the tile counts the observations themselves.
 */
export function cellFacetsOf(filter: ResolvedFilter): CellFacets | null {
  const keys = Object.entries(filter)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
  if (keys.some((key) => !SERVED_KEYS.has(key))) return null;
  if (filter.taxon !== undefined && filter.cdNoms === undefined) return null;
  const facets: CellFacets = {};
  if (filter.cdNoms !== undefined) facets.cdNoms = filter.cdNoms;
  if (filter.statuses !== undefined) facets.statuses = filter.statuses;
  if (filter.from !== undefined) {
    const start = YEAR_START.exec(filter.from);
    if (!start) return null;
    facets.fromYear = Number(start[1]);
  }
  if (filter.to !== undefined) {
    const end = YEAR_END.exec(filter.to);
    if (!end) return null;
    facets.toYear = Number(end[1]);
  }
  return facets;
}
