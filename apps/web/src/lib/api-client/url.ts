import { createFinalURL, createQuerySerializer, defaultPathSerializer } from 'openapi-fetch';
import type { OptionsArgument, PathOf, UrlOptions } from './operations';

const querySerializer = createQuerySerializer();

/** Path parameters and query once their types have been checked by the caller's signature. */
export type LooseOptions = { path?: Record<string, unknown>; query?: Record<string, unknown> };

/** A path of the API with its parameters filled in and its query, e.g. `/api/programs/3?lang=fr`. */
export function apiPath(path: string, options?: LooseOptions): string {
  return createFinalURL(path, {
    baseUrl: '',
    params: { path: options?.path, query: options?.query },
    querySerializer,
    pathSerializer: defaultPathSerializer,
  });
}

/** The URL of a GET operation for what is not a fetch call: links, images, downloads. */
export function apiHref<P extends PathOf<'GET'>>(
  path: P,
  ...[options]: OptionsArgument<UrlOptions<P>>
): string {
  return apiPath(path, options as LooseOptions | undefined);
}
