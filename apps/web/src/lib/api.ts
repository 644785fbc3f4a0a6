import { error } from '@sveltejs/kit';
import type {
  ObservationFeatureCollection,
  ProgramDetail,
  ProgramList,
  PublicSettings,
} from '@citizen/shared';
import type { Locale } from './locale';

/** SvelteKit's `fetch` from a load function (or any compatible fetch, e.g. in tests). */
export type Fetch = typeof fetch;

/** Upper bound of observations drawn on a programme map. */
export const MAP_OBSERVATION_LIMIT = 5000;

export function getSettings(fetch: Fetch): Promise<PublicSettings> {
  return getJson(fetch, '/api/settings');
}

export function listPrograms(fetch: Fetch, lang: Locale): Promise<ProgramList> {
  return getJson(fetch, `/api/programs?${new URLSearchParams({ lang })}`);
}

export function getProgram(fetch: Fetch, id: number, lang: Locale): Promise<ProgramDetail> {
  return getJson(fetch, `/api/programs/${id}?${new URLSearchParams({ lang })}`);
}

export function getProgramObservations(
  fetch: Fetch,
  id: number,
  lang: Locale,
): Promise<ObservationFeatureCollection> {
  const query = new URLSearchParams({ lang, limit: String(MAP_OBSERVATION_LIMIT) });
  return getJson(fetch, `/api/programs/${id}/observations?${query}`);
}

async function getJson<T>(fetch: Fetch, path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' } });
  } catch (cause) {
    console.error(`GET ${path} failed`, cause);
    error(503, 'The service is unreachable. Please try again in a moment.');
  }
  if (!response.ok) {
    error(toErrorStatus(response.status), await errorMessage(response));
  }
  return (await response.json()) as T;
}

/** `error()` only accepts 400-599; anything else that is not ok is the API misbehaving. */
function toErrorStatus(status: number): number {
  return status >= 400 && status <= 599 ? status : 502;
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && 'message' in body) {
      const { message } = body;
      if (typeof message === 'string' && message) return message;
    }
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): fall through to a generic message.
  }
  return `Request failed (${response.status}${response.statusText ? ` ${response.statusText}` : ''})`;
}
