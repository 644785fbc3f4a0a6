import type { FastifyRequest, RouteOptions } from 'fastify';
import { invalidField } from './errors.js';

/** PostgreSQL's `integer`: ids, counts and pages are stored or compared as one. */
const INT4 = { minimum: -2_147_483_648, maximum: 2_147_483_647 };

const REQUEST_PARTS = ['body', 'querystring', 'params', 'headers'] as const;

type Json = Record<string | symbol, unknown>;

const isIntegerType = (type: unknown) =>
  type === 'integer' || (Array.isArray(type) && type.includes('integer'));

/**
 * A copy of a request schema where every integer without its own bounds gets those of a
 * PostgreSQL integer, so that `?page=1e99` or an id past 2^31 is a 400 naming the field rather
 * than an "out of range" error from the database. A field stored as `bigint` says so with an
 * explicit `maximum`.
 */
export function boundIntegers<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(boundIntegers) as T;
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Json = { ...(schema as Json) };
  for (const key of Object.keys(copy)) copy[key] = boundIntegers(copy[key]);
  if (isIntegerType(copy.type)) {
    if (copy.maximum === undefined && copy.exclusiveMaximum === undefined) {
      copy.maximum = INT4.maximum;
    }
    if (copy.minimum === undefined && copy.exclusiveMinimum === undefined) {
      copy.minimum = INT4.minimum;
    }
  }
  return copy as T;
}

/** onRoute hook: bounds the integers of each route's request schemas before Fastify compiles them. */
export function boundRouteIntegers(route: RouteOptions) {
  const schema = route.schema as Record<string, unknown> | undefined;
  if (!schema) return;
  for (const part of REQUEST_PARTS) {
    if (schema[part] !== undefined) schema[part] = boundIntegers(schema[part]);
  }
}

/** The path (`comment`, `photos/0/author`) of the first string or key holding a NUL, if any. */
export function nulCharacterAt(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const path = at ? `${at}/${key}` : key;
    if (key.includes('\u0000')) return path;
    const found = nulCharacterAt(item, path);
    if (found !== null) return found;
  }
  return null;
}

/** Refuses a value holding a NUL character (PostgreSQL stores none in text) with a 400 naming it. */
export function refuseNulCharacters(value: unknown, label: string) {
  const at = nulCharacterAt(value);
  if (at === null) return;
  throw invalidField(at ? at.replaceAll('/', '.') : label, 'field.nulCharacter');
}

/** preValidation hook: no NUL character in any parameter, query string value or JSON body. */
export async function refuseNulInRequest(request: FastifyRequest) {
  refuseNulCharacters(request.params, 'params');
  refuseNulCharacters(request.query, 'querystring');
  refuseNulCharacters(request.body, 'body');
}
