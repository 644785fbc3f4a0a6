import type {
  BulkValidationResult,
  ObservationListItem,
  ValidationReason,
  ValidationStatus,
} from '@citizen/shared';
import type { Area } from '$lib/api';
import type { Query } from '$lib/api-client/operations';
import type { Locale } from '$lib/i18n/locales';
import { VALIDATION_STATUSES } from '../contract';

/**
 * The validation queue's filters, as the page's query string holds them (so that a filtered
 * queue can be shared, reloaded, and come back to from an observation), and as the API wants them.
 */

export const QUEUE_SORTS = ['date_desc', 'date_asc', 'created_desc'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** A status, or every status ('all'); the queue shows pending observations by default. */
export type QueueStatus = ValidationStatus | 'all';
export const DEFAULT_QUEUE_STATUS: QueueStatus = 'pending';

export interface QueueFilters {
  program?: number;
  taxon?: number;
  area?: number;
  from?: string;
  to?: string;
  status: QueueStatus;
  /** true: with a photo; false: without; absent: either. */
  photo?: boolean;
  sort?: QueueSort;
}

/** Observations per page of the queue. */
export const QUEUE_PAGE_SIZE = 50;

const isDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

const positiveInteger = (value: string | null): number | undefined => {
  const number = Number(value);
  return value && Number.isInteger(number) && number > 0 ? number : undefined;
};

/** The filters in the page's query string; anything malformed is left out rather than an error. */
export function readQueueFilters(params: URLSearchParams): QueueFilters {
  const filters: QueueFilters = { status: DEFAULT_QUEUE_STATUS };
  const program = positiveInteger(params.get('program'));
  if (program) filters.program = program;
  const taxon = positiveInteger(params.get('taxon'));
  if (taxon) filters.taxon = taxon;
  const area = positiveInteger(params.get('area'));
  if (area) filters.area = area;
  let from = params.get('from');
  let to = params.get('to');
  // Dates given the wrong way round are meant as a range all the same.
  if (isDate(from) && isDate(to) && from > to) [from, to] = [to, from];
  if (isDate(from)) filters.from = from;
  if (isDate(to)) filters.to = to;
  const status = params.get('status');
  if (status === 'all' || (VALIDATION_STATUSES as readonly (string | null)[]).includes(status)) {
    filters.status = status as QueueStatus;
  }
  const photo = params.get('photo');
  if (photo === 'with') filters.photo = true;
  if (photo === 'without') filters.photo = false;
  const sort = params.get('sort');
  if ((QUEUE_SORTS as readonly (string | null)[]).includes(sort) && sort !== 'date_desc') {
    filters.sort = sort as QueueSort;
  }
  return filters;
}

/** The filters as the page's query string (defaults left out), and optionally a page's cursor. */
export function queueSearch(filters: QueueFilters, cursor?: string | null): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.program) params.set('program', String(filters.program));
  if (filters.taxon) params.set('taxon', String(filters.taxon));
  if (filters.area) params.set('area', String(filters.area));
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.status !== DEFAULT_QUEUE_STATUS) params.set('status', filters.status);
  if (filters.photo !== undefined) params.set('photo', filters.photo ? 'with' : 'without');
  if (filters.sort && filters.sort !== 'date_desc') params.set('sort', filters.sort);
  if (cursor) params.set('cursor', cursor);
  return params;
}

/** `?…` or nothing: to append to a path. */
export function withSearch(path: string, params: URLSearchParams): string {
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The query of GET /api/validation/queue for these filters. */
export function queueApiQuery(
  filters: QueueFilters,
  {
    lang,
    cursor,
    limit = QUEUE_PAGE_SIZE,
  }: { lang: Locale; cursor?: string | null; limit?: number },
): Query<'/api/validation/queue'> {
  return {
    program: filters.program || undefined,
    taxon: filters.taxon || undefined,
    area: filters.area || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
    // The API reads a missing status as pending: "all" is every status, spelt out.
    status: filters.status === 'all' ? VALIDATION_STATUSES.join(',') : filters.status,
    hasPhoto: filters.photo,
    sort: filters.sort || undefined,
    cursor: cursor || undefined,
    limit,
    lang,
  };
}

/** How many filters narrow the queue beyond its default (pending, any photo, any order). */
export function activeFilterCount(filters: QueueFilters): number {
  const params = queueSearch(filters);
  params.delete('sort');
  return params.size;
}

// ---- Judgements --------------------------------------------------------------------------------

/** The statuses that need a reason (the API refuses them without one). */
export const needsReason = (status: ValidationStatus): boolean =>
  status === 'doubtful' || status === 'invalid';

/** What a validator can give an observation, in the order offered. */
export const JUDGEMENTS = [
  'certain',
  'probable',
  'doubtful',
  'invalid',
  'not_assessable',
] as const satisfies readonly ValidationStatus[];

export interface JudgementDraft {
  status: ValidationStatus;
  reason: ValidationReason | '';
  comment: string;
  /** The taxon to re-identify to, if any. */
  cdNom?: number | undefined;
}

/** What is wrong with a judgement before it is sent, by field; empty when it can go. */
export function judgementProblems(
  draft: JudgementDraft,
  reidentify: boolean,
): ('reason' | 'taxon')[] {
  const problems: ('reason' | 'taxon')[] = [];
  if (reidentify && !draft.cdNom) problems.push('taxon');
  if (needsReason(draft.status) && !draft.reason) problems.push('reason');
  return problems;
}

/** The body of POST /api/observations/:id/validation (or /api/validation/bulk, without cdNom). */
export function judgementBody(draft: JudgementDraft): {
  status: ValidationStatus;
  reason?: ValidationReason;
  comment?: string;
  cdNom?: number;
} {
  const comment = draft.comment.trim();
  return {
    status: draft.status,
    ...(needsReason(draft.status) && draft.reason ? { reason: draft.reason } : {}),
    ...(comment ? { comment } : {}),
    ...(draft.cdNom ? { cdNom: draft.cdNom } : {}),
  };
}

// ---- Going through the queue ------------------------------------------------------------------

/**
 * The next observation to review: the first of the queue's page that is neither the one just
 * reviewed nor one already passed over in this session (judged or skipped).
 */
export function nextInQueue(
  items: readonly { id: string }[],
  current: string,
  seen: ReadonlySet<string>,
): string | null {
  return items.find((item) => item.id !== current && !seen.has(item.id))?.id ?? null;
}

// ---- Bulk results -----------------------------------------------------------------------------

export interface BulkOutcome {
  updated: { id: string; label: string }[];
  refused: { id: string; label: string; code: BulkValidationResult['skipped'][number]['code'] }[];
}

/** Names each observation of a bulk result after the list it was picked from. */
export function bulkOutcome(
  result: BulkValidationResult,
  items: readonly ObservationListItem[],
  label: (item: ObservationListItem) => string,
): BulkOutcome {
  const byId = new Map(items.map((item) => [item.id, item]));
  const name = (id: string) => {
    const item = byId.get(id);
    return item ? label(item) : id;
  };
  return {
    updated: result.updated.map((id) => ({ id, label: name(id) })),
    refused: result.skipped.map(({ id, code }) => ({ id, label: name(id), code })),
  };
}

// ---- Areas ------------------------------------------------------------------------------------

/** Above this, a kind of area (municipalities of a whole country...) is no help in a select. */
export const MAX_AREAS_PER_KIND = 300;

/**
 * The areas to offer in the filter, grouped by kind: kinds with too many areas for a list are
 * left out, except the area already chosen.
 */
export function areaChoices(
  areas: readonly Area[],
  chosen?: number,
  max = MAX_AREAS_PER_KIND,
): { kind: string; areas: Area[] }[] {
  const kinds = new Map<string, Area[]>();
  for (const area of areas) {
    const list = kinds.get(area.kind) ?? [];
    list.push(area);
    kinds.set(area.kind, list);
  }
  const groups: { kind: string; areas: Area[] }[] = [];
  for (const [kind, list] of kinds) {
    const kept = list.length <= max ? list : list.filter((area) => area.id === chosen);
    if (kept.length > 0) {
      groups.push({ kind, areas: [...kept].sort((a, b) => a.name.localeCompare(b.name)) });
    }
  }
  return groups.sort((a, b) => a.kind.localeCompare(b.kind));
}
