import { error } from '@sveltejs/kit';
import type {
  AuthOptions,
  CustomPage,
  ErrorResponse,
  FieldError,
  Me,
  ObservationDetail,
  ObservationList,
  ObservationStats,
  PlatformStats,
  ProgramDetail,
  ProgramList,
  PublicSettings,
  TaxonList,
} from '@citizen/shared';
import type { Locale } from './i18n/locales';
import { filterQuery, type ObservationFilters } from './filters';

/** SvelteKit's `fetch` from a load function, or the browser's. */
export type Fetch = typeof fetch;

/** An API answer that is not a success, with the API's message and per-field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// ---- Reading ---------------------------------------------------------------------------------

export const getSettings = (fetch: Fetch) => getJson<PublicSettings>(fetch, '/api/settings');

export const listPrograms = (fetch: Fetch, lang: Locale) =>
  getJson<ProgramList>(fetch, `/api/programs?${new URLSearchParams({ lang })}`);

export const getProgram = (fetch: Fetch, id: number, lang: Locale) =>
  getJson<ProgramDetail>(fetch, `/api/programs/${id}?${new URLSearchParams({ lang })}`);

export const getPlatformStats = (fetch: Fetch) => getJson<PlatformStats>(fetch, '/api/stats');

/**
 * Revalidated on every page load in the browser (a 304 when nothing changed): its dataVersion
 * names the map tiles, so a new observation shows at once instead of after the cache's delay.
 */
export const getProgramStats = (fetch: Fetch, id: number) =>
  getJson<ObservationStats>(fetch, `/api/programs/${id}/stats`, { revalidate: true });

export const listPages = (fetch: Fetch) =>
  getJson<{ items: CustomPage[] }>(fetch, '/api/pages').then((list) => list.items);

export const getPage = (fetch: Fetch, slug: string) =>
  getJson<CustomPage>(fetch, `/api/pages/${encodeURIComponent(slug)}`);

export const getAuthOptions = (fetch: Fetch) => getJson<AuthOptions>(fetch, '/api/auth/options');

export interface Area {
  id: number;
  kind: string;
  code: string;
  name: string;
}

export const listAreas = (fetch: Fetch) =>
  getJson<{ items: Area[] }>(fetch, '/api/areas').then((list) => list.items);

/** Observations per page of a list. */
export const LIST_PAGE_SIZE = 30;

export interface ObservationQuery extends ObservationFilters {
  program?: number;
  observer?: number;
  hasPhoto?: boolean;
  sort?: 'date_desc' | 'date_asc' | 'created_desc';
  cursor?: string;
  limit?: number;
  lang: Locale;
}

export function listObservations(fetch: Fetch, query: ObservationQuery): Promise<ObservationList> {
  const params = filterQuery(query);
  for (const key of ['program', 'observer', 'hasPhoto', 'sort', 'cursor', 'limit'] as const) {
    const value = query[key];
    if (value !== undefined) params.set(key, String(value));
  }
  params.set('lang', query.lang);
  return getJson(fetch, `/api/observations?${params}`);
}

export const getObservation = (fetch: Fetch, id: string, lang: Locale) =>
  getJson<ObservationDetail>(
    fetch,
    `/api/observations/${encodeURIComponent(id)}?${new URLSearchParams({ lang })}`,
  );

/**
 * The programme's species list for the taxon picker, or null when the programme accepts the
 * whole taxonomy (the API then answers 400 and the picker searches instead).
 */
export async function getProgramTaxa(
  fetch: Fetch,
  id: number,
  lang: Locale,
): Promise<TaxonList['items'] | null> {
  try {
    const list = await request<TaxonList>(
      fetch,
      'GET',
      `/api/programs/${id}/taxa?${new URLSearchParams({ lang })}`,
    );
    return list.items;
  } catch (cause) {
    if (cause instanceof ApiError && cause.status === 400) return null;
    throw toHttpError(cause);
  }
}

export function searchTaxa(
  fetch: Fetch,
  query: { q: string; lang: Locale; program?: number; limit?: number },
  signal?: AbortSignal,
): Promise<TaxonList> {
  const params = new URLSearchParams({ q: query.q, lang: query.lang });
  if (query.program) params.set('program', String(query.program));
  params.set('limit', String(query.limit ?? 12));
  return request(fetch, 'GET', `/api/taxa/search?${params}`, undefined, signal);
}

/** The signed-in user, or null for a visitor. */
export async function getMe(fetch: Fetch): Promise<Me | null> {
  if (!mayHaveSession()) return null;
  try {
    const me = await request<Me>(fetch, 'GET', '/api/auth/me');
    sessionHint(true);
    return me;
  } catch (cause) {
    if (cause instanceof ApiError && cause.status === 401) {
      sessionHint(false);
      return null;
    }
    throw toHttpError(cause);
  }
}

const HINT = 'citizen:session';
let hydrated = false;

/** Called once the first page is running in the browser (root layout). */
export function markHydrated(): void {
  hydrated = true;
}

/**
 * Whether asking the API who is signed in may find someone. On the server, and while the
 * server-rendered page is taken over (its answer is replayed, no request), always; afterwards,
 * only in a browser that has logged in: visitors are not sent on pointless 401s.
 */
function mayHaveSession(): boolean {
  if (typeof window === 'undefined') return true;
  if (!hydrated && import.meta.env.VITE_SPA !== '1') return true;
  return sessionHint();
}

/**
 * The session cookies are httpOnly: scripts cannot see whether there is one to refresh. This
 * flag remembers that this browser logged in, so that visitors who never did are not sent on a
 * pointless refresh. It grants nothing: the cookies alone authenticate.
 */
export function sessionHint(loggedIn?: boolean): boolean {
  if (typeof localStorage === 'undefined') return false;
  try {
    if (loggedIn === true) localStorage.setItem(HINT, '1');
    if (loggedIn === false) localStorage.removeItem(HINT);
    return localStorage.getItem(HINT) === '1';
  } catch {
    return false;
  }
}

// ---- Sending ---------------------------------------------------------------------------------

/**
 * A request whose failure the caller shows itself (forms): throws ApiError. In the browser, an
 * expired session is refreshed once and the request retried.
 */
export async function request<T>(
  fetch: Fetch,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  revalidate = false,
): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (signal) init.signal = signal;
  // The server's fetch has no HTTP cache (and rejects cache modes): browsers only.
  if (revalidate && typeof window !== 'undefined') init.cache = 'no-cache';
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }

  let response = await send(fetch, path, init);
  if (
    response.status === 401 &&
    canRefresh(path) &&
    sessionHint() &&
    (await refreshSession(fetch))
  ) {
    response = await send(fetch, path, init);
  }
  if (!response.ok) {
    const body = await errorBody(response);
    throw new ApiError(response.status, body.message, body.errors);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function send(fetch: Fetch, path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    console.error(`${init.method} ${path} failed`, cause);
    throw new ApiError(503, 'The service is unreachable. Please try again in a moment.');
  }
}

/** In the browser only (hooks.server.ts refreshes for SSR), and never for the auth routes. */
const canRefresh = (path: string) =>
  typeof window !== 'undefined' &&
  !/^\/api\/auth\/(login|refresh|logout|register|confirm|resend|password|email)/.test(path);

let refreshing: Promise<boolean> | undefined;

/**
 * Trades the refresh cookie for a new session. Requests that fail together share one refresh:
 * a refresh token can be spent only once.
 */
export function refreshSession(fetch: Fetch): Promise<boolean> {
  refreshing ??= fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })
    .then((response) => response.ok)
    .catch(() => false)
    .finally(() => (refreshing = undefined));
  return refreshing;
}

// ---- Loads -----------------------------------------------------------------------------------

/** For load functions: a failure becomes SvelteKit's error page with the API's message. */
export async function getJson<T>(
  fetch: Fetch,
  path: string,
  { revalidate = false } = {},
): Promise<T> {
  try {
    return await request<T>(fetch, 'GET', path, undefined, undefined, revalidate);
  } catch (cause) {
    throw toHttpError(cause);
  }
}

function toHttpError(cause: unknown): unknown {
  if (!(cause instanceof ApiError)) return cause;
  // `error()` only takes 400-599; anything else not ok is the API misbehaving.
  const status = cause.status >= 400 && cause.status <= 599 ? cause.status : 502;
  try {
    error(status, cause.message);
  } catch (httpError) {
    return httpError;
  }
}

async function errorBody(response: Response): Promise<{ message: string; errors: FieldError[] }> {
  try {
    const body = (await response.json()) as Partial<ErrorResponse>;
    if (typeof body.message === 'string' && body.message) {
      return { message: body.message, errors: Array.isArray(body.errors) ? body.errors : [] };
    }
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): fall through to a generic message.
  }
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return { message: `Request failed (${status})`, errors: [] };
}
