import type { ObservationFilterQuery, ObservationSort, ValidationStatus } from '@citizen/shared';
import type { CurrentUser } from '../auth/current-user.js';
import { DomainError } from '../http/errors.js';
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
    throw new DomainError('filter.bboxFormat', {}, { field: 'bbox' });
  }
  const [west, south, east, north] = numbers as BBox;
  if (west < -180 || east > 180 || south < -90 || north > 90) {
    throw new DomainError('filter.bboxRange', {}, { field: 'bbox' });
  }
  if (west >= east || south >= north) {
    throw new DomainError('filter.bboxOrder', {}, { field: 'bbox' });
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
    throw new DomainError('filter.fromAfterTo', {}, { field: 'from' });
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

// Keyset pagination. Each sort is an index order: date_desc (observed_on desc, created_at desc,
// id), date_asc its exact reverse, created_desc (created_at desc, id). Among observations of one
// day the latest recorded comes first, so that a new observation heads the list. The cursor holds
// the last row's keys.

export type Cursor =
  | { sort: 'created_desc'; createdAt: string; id: string }
  | { sort: 'date_desc' | 'date_asc'; observedOn: string; createdAt: string; id: string };

/** The cursor that resumes after `row` in `sort` order. */
export function cursorAfter(
  sort: ObservationSort,
  row: { observed_on: string; created_key: string; id: string },
): Cursor {
  return sort === 'created_desc'
    ? { sort, createdAt: row.created_key, id: row.id }
    : { sort, observedOn: row.observed_on, createdAt: row.created_key, id: row.id };
}

const SORT_CODES: Record<ObservationSort, string> = {
  date_desc: 'd',
  date_asc: 'a',
  created_desc: 'c',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeCursor(cursor: Cursor): string {
  const keys =
    cursor.sort === 'created_desc'
      ? [cursor.createdAt, cursor.id]
      : [cursor.observedOn, cursor.createdAt, cursor.id];
  return Buffer.from(JSON.stringify([SORT_CODES[cursor.sort], ...keys])).toString('base64url');
}

/** A date or timestamp of the cursor's shape that names a real day. */
const isValid = (pattern: RegExp, text: unknown): text is string =>
  typeof text === 'string' && pattern.test(text) && !Number.isNaN(Date.parse(text));
const isUuid = (text: unknown): text is string => typeof text === 'string' && UUID.test(text);

export function decodeCursor(text: string, sort: ObservationSort): Cursor {
  const invalid = () => new DomainError('filter.cursorInvalid', {}, { field: 'cursor' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed)) throw invalid();
  const [code, ...keys] = parsed as unknown[];
  if (typeof code !== 'string' || !Object.values(SORT_CODES).includes(code)) throw invalid();
  if (code !== SORT_CODES[sort]) {
    throw new DomainError('filter.cursorOtherSort', {}, { field: 'cursor' });
  }
  if (sort === 'created_desc') {
    const [createdAt, id] = keys;
    if (keys.length !== 2 || !isValid(TIMESTAMP, createdAt) || !isUuid(id)) {
      throw invalid();
    }
    return { sort, createdAt, id };
  }
  const [observedOn, createdAt, id] = keys;
  if (
    keys.length !== 3 ||
    !isValid(DATE, observedOn) ||
    !isValid(TIMESTAMP, createdAt) ||
    !isUuid(id)
  ) {
    throw invalid();
  }
  return { sort, observedOn, createdAt, id };
}
