/** A site programme's filters, kept in the page's query string so that a view can be shared. */
export interface SiteFilters {
  /** A site type's id. */
  type?: number;
  /** Only the sites I created or visited. */
  mine?: boolean;
}

/** The filters in a query string; anything malformed is ignored, as for observations. */
export function readSiteFilters(params: URLSearchParams): SiteFilters {
  const filters: SiteFilters = {};
  const type = Number(params.get('type'));
  if (Number.isInteger(type) && type > 0) filters.type = type;
  if (params.get('mine') === '1') filters.mine = true;
  return filters;
}

/** The filters as a query string (empty ones left out). */
export function siteFilterQuery(filters: SiteFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.type) params.set('type', String(filters.type));
  if (filters.mine) params.set('mine', '1');
  return params;
}
