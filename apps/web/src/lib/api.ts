import { error } from '@sveltejs/kit';
import type { ErrorParams, ErrorResponse, Me, TaxonList } from '@citizen/shared';
import type { Answer, CallOptions, Method, OptionsArgument, PathOf } from './api-client/operations';
import { apiPath, type LooseOptions } from './api-client/url';
import type { Locale } from './i18n/locales';
import type { ObservationFilters } from './filters';

/** SvelteKit's `fetch` from a load function, or the browser's. */
export type Fetch = typeof fetch;

/** One bad field of a request: its stable code and parameters, and the English message. */
export interface ApiFieldError {
  field: string;
  message: string;
  code?: string;
  params?: ErrorParams;
}

/**
 * An API answer that is not a success: the stable code of the problem and its parameters (what
 * pages translate), the English message (the fallback) and per-field errors.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: ApiFieldError[] = [],
    readonly code: string = '',
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// ---- Reading ---------------------------------------------------------------------------------

export const getSettings = (fetch: Fetch) => getJson(fetch, '/api/settings');

export const listPrograms = (fetch: Fetch, lang: Locale) =>
  getJson(fetch, '/api/programs', { query: { lang } });

export const getProgram = (fetch: Fetch, id: number, lang: Locale) =>
  getJson(fetch, '/api/programs/{id}', { path: { id }, query: { lang } });

export const getPlatformStats = (fetch: Fetch) => getJson(fetch, '/api/stats');

/**
 * Revalidated on every page load in the browser (a 304 when nothing changed): its dataVersion
 * names the map tiles, so a new observation shows at once instead of after the cache's delay.
 */
export const getProgramStats = (fetch: Fetch, id: number) =>
  getJson(fetch, '/api/programs/{id}/stats', { path: { id }, revalidate: true });

export const listPages = (fetch: Fetch) => getJson(fetch, '/api/pages').then((list) => list.items);

export const getPage = (fetch: Fetch, slug: string) =>
  getJson(fetch, '/api/pages/{slug}', { path: { slug } });

export const getAuthOptions = (fetch: Fetch) => getJson(fetch, '/api/auth/options');

export type Area = Answer<'GET', '/api/areas'>['items'][number];

export const listAreas = (fetch: Fetch) => getJson(fetch, '/api/areas').then((list) => list.items);

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

export const listObservations = (fetch: Fetch, query: ObservationQuery) =>
  getJson(fetch, '/api/observations', { query });

export const getObservation = (fetch: Fetch, id: string, lang: Locale) =>
  getJson(fetch, '/api/observations/{id}', { path: { id }, query: { lang } });

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
    const list = await request(fetch, 'GET', '/api/programs/{id}/taxa', {
      path: { id },
      query: { lang },
    });
    return list.items;
  } catch (cause) {
    if (cause instanceof ApiError && cause.status === 400) return null;
    throw toHttpError(cause);
  }
}

export const searchTaxa = (
  fetch: Fetch,
  query: { q: string; lang: Locale; program?: number; limit?: number },
  signal?: AbortSignal,
) =>
  request(fetch, 'GET', '/api/taxa/search', {
    query: { ...query, limit: query.limit ?? 12 },
    ...(signal ? { signal } : {}),
  });

/** The signed-in user, or null for a visitor. */
export async function getMe(fetch: Fetch): Promise<Me | null> {
  if (!mayHaveSession()) return null;
  try {
    const me = await request(fetch, 'GET', '/api/auth/me');
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
  // Inside the try: where storage is blocked (a partner's iframe), merely reading it throws.
  try {
    if (typeof localStorage === 'undefined') return false;
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
export function request<M extends Method, P extends PathOf<M>>(
  fetch: Fetch,
  method: M,
  path: P,
  ...[options]: OptionsArgument<CallOptions<M, P>>
): Promise<Answer<M, P>> {
  const { body, signal, headers } = (options ?? {}) as {
    body?: unknown;
    signal?: AbortSignal;
    headers?: Record<string, string>;
  };
  return sendRequest(fetch, method, apiPath(path, options as LooseOptions), body, signal, {
    headers: headers ?? {},
  });
}

async function sendRequest<T>(
  fetch: Fetch,
  method: Method,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  {
    revalidate = false,
    headers = {},
  }: { revalidate?: boolean; headers?: Record<string, string> } = {},
): Promise<T> {
  const init: RequestInit = { method, headers: { ...headers, accept: 'application/json' } };
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
    const body: unknown = await response.json().catch(() => null);
    throw apiError(response.status, body, response.statusText);
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
export async function getJson<P extends PathOf<'GET'>>(
  fetch: Fetch,
  path: P,
  ...[options]: OptionsArgument<CallOptions<'GET', P> & { revalidate?: boolean }>
): Promise<Answer<'GET', P>> {
  const url = apiPath(path, options as LooseOptions);
  try {
    return await sendRequest(fetch, 'GET', url, undefined, options?.signal, {
      revalidate: options?.revalidate ?? false,
    });
  } catch (cause) {
    throw toHttpError(cause);
  }
}

function toHttpError(cause: unknown): unknown {
  if (!(cause instanceof ApiError)) return cause;
  // `error()` only takes 400-599; anything else not ok is the API misbehaving.
  const status = cause.status >= 400 && cause.status <= 599 ? cause.status : 502;
  try {
    error(status, { message: cause.message, code: cause.code, params: cause.params });
  } catch (httpError) {
    return httpError;
  }
}

/**
 * The ApiError an error answer describes: its code, parameters, English message and field
 * errors, or, for a body that is no ErrorResponse (a proxy's HTML page), just its status.
 */
export function apiError(status: number, body: unknown, statusText = ''): ApiError {
  const answer = (body ?? {}) as Partial<Record<keyof ErrorResponse, unknown>>;
  if (typeof answer.message === 'string' && answer.message) {
    return new ApiError(
      status,
      answer.message,
      Array.isArray(answer.errors) ? (answer.errors as ApiFieldError[]) : [],
      typeof answer.code === 'string' ? answer.code : '',
      answer.params && typeof answer.params === 'object' ? (answer.params as ErrorParams) : {},
    );
  }
  return new ApiError(status, `Request failed (${status}${statusText ? ` ${statusText}` : ''})`);
}
