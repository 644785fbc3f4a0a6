import type { ValidationStatus } from '@citizen/shared';
import { VALIDATION_STATUSES } from './contract';

/** What a visitor can narrow a programme's map, list and gallery to: the same for all three. */
export interface ObservationFilters {
  taxon?: number;
  area?: number;
  from?: string;
  to?: string;
  status?: ValidationStatus;
}

const isDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

const positiveInteger = (value: string | null): number | undefined => {
  const number = Number(value);
  return value && Number.isInteger(number) && number > 0 ? number : undefined;
};

/** The filters in a page's query string; anything malformed is ignored rather than an error. */
export function readFilters(params: URLSearchParams): ObservationFilters {
  const filters: ObservationFilters = {};
  const taxon = positiveInteger(params.get('taxon'));
  if (taxon) filters.taxon = taxon;
  const area = positiveInteger(params.get('area'));
  if (area) filters.area = area;
  const from = params.get('from');
  if (isDate(from)) filters.from = from;
  const to = params.get('to');
  if (isDate(to)) filters.to = to;
  const status = params.get('status');
  if ((VALIDATION_STATUSES as readonly (string | null)[]).includes(status)) {
    filters.status = status as ValidationStatus;
  }
  return filters;
}

/** The filters as query parameters, in the API's names (the page's query string uses the same). */
export function filterQuery(filters: ObservationFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.taxon) params.set('taxon', String(filters.taxon));
  if (filters.area) params.set('area', String(filters.area));
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.status) params.set('status', filters.status);
  return params;
}

export const hasFilters = (filters: ObservationFilters): boolean => filterQuery(filters).size > 0;
