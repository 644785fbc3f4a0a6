import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';
import type { ErrorResponse } from '@citizen/shared';
import { buildApp } from '../src/app.js';
import type { App } from '../src/http/types.js';
import { testConfig } from './app.js';
import { multipart, noisyPng } from './images.js';
import { bearer, createUser, login, RELAXED_LIMITS } from './accounts/helpers.js';
import { describeOnEngines } from './engines.js';

/**
 * Input PostgreSQL refuses — a NUL character in text, an integer past its own range — must be a
 * 400 naming the field, never a 500. Every route of the built app is walked, as an admin (so
 * that the guards let the request through to validation and the handler): each path
 * parameter, query string property and top-level body property in turn gets a NUL character,
 * 2^31, 2^63 and 1e99, the rest of the request being as valid as its schema alone can tell.
 */

type Schema = { properties?: Record<string, Schema>; type?: unknown };
type Route = { method: string; url: string; params: Schema; query: Schema; body: Schema | null };

const NUL = '\u0000';
const NUMBERS = ['2147483648', '9223372036854775808', '1e99'];
/** Sessions must survive the walk. */
const SKIPPED = new Set(['POST /api/auth/logout', 'POST /api/auth/logout-all']);

const propertiesOf = (schema: Schema | null | undefined) => Object.keys(schema?.properties ?? {});
const isInteger = (schema: Schema | undefined) =>
  schema?.type === 'integer' || (Array.isArray(schema?.type) && schema.type.includes('integer'));

/** A value the schema accepts as far as Value.Create can tell (e.g. empty strings). */
function sample(schema: Schema | null): Record<string, unknown> {
  if (!schema) return {};
  try {
    const value = Value.Create(schema as TSchema);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A value of a path parameter that matches no row: an integer or a UUID. */
const harmless = (schema: Schema | undefined) =>
  isInteger(schema) ? '999999' : '00000000-0000-4000-8000-000000000001';

function path(route: Route, fuzzed: string | null, value: string) {
  return route.url.replace(/:([A-Za-z]+)/g, (_, name: string) =>
    name === fuzzed ? encodeURIComponent(value) : harmless(route.params.properties?.[name]),
  );
}

type Attempt = { what: string; method: string; url: string; payload?: object; nul: boolean };

function attempts(route: Route): Attempt[] {
  const list: Attempt[] = [];
  const base = { method: route.method, payload: route.body ? sample(route.body) : undefined };
  const params = route.url.match(/:[A-Za-z]+/g)?.map((p) => p.slice(1)) ?? [];
  for (const value of [NUL, ...NUMBERS]) {
    const nul = value === NUL;
    for (const param of params) {
      list.push({ ...base, what: `param ${param}=${value}`, url: path(route, param, value), nul });
    }
    for (const name of propertiesOf(route.query)) {
      list.push({
        ...base,
        what: `query ${name}=${value}`,
        url: `${path(route, null, '')}?${name}=${encodeURIComponent(value)}`,
        nul,
      });
    }
    for (const name of propertiesOf(route.body)) {
      list.push({
        ...base,
        what: `body ${name}=${value}`,
        url: path(route, null, ''),
        payload: { ...base.payload, [name]: nul ? `a${NUL}b` : Number(value) },
        nul,
      });
    }
  }
  return list;
}

/** A 400 for a NUL character, naming the field that holds it. */
const namesNul = (body: ErrorResponse) =>
  body.code === 'request.invalid' &&
  body.errors?.length === 1 &&
  body.errors[0]!.code === 'field.nulCharacter' &&
  body.errors[0]!.field === body.params.field;

describeOnEngines('NUL characters and huge numbers in every route', (database) => {
  let app: App;
  const routes: Route[] = [];
  let headers: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({
      config: testConfig({ RATE_LIMITS: RELAXED_LIMITS }),
      database: database(),
      onRoute: (route: RouteOptions) => {
        const schema = (route.schema ?? {}) as Record<string, Schema | undefined>;
        for (const method of [route.method].flat()) {
          if (method === 'HEAD' || method === 'OPTIONS') continue;
          if (SKIPPED.has(`${method} ${route.url}`) || !route.url.startsWith('/api/')) continue;
          routes.push({
            method,
            url: route.url,
            params: schema.params ?? {},
            query: schema.querystring ?? {},
            body: schema.body ?? null,
          });
        }
      },
    });
    await app.ready();
    const admin = await createUser(database().db, { role: 'admin' });
    headers = bearer((await login(app, admin.username)).accessToken);
  });
  afterAll(() => app?.close());

  it('answers 400 naming the field to a NUL character, and never 500 to a huge number', async () => {
    expect(routes.length).toBeGreaterThan(50);
    const problems: string[] = [];
    let tried = 0;
    for (const route of routes) {
      for (const attempt of attempts(route)) {
        tried++;
        const response = await app.inject({
          method: attempt.method as 'GET',
          url: attempt.url,
          headers,
          ...(attempt.payload !== undefined && { payload: attempt.payload }),
        });
        const where = `${route.method} ${route.url} ${attempt.what}`;
        if (response.statusCode >= 500) problems.push(`${where} → ${response.statusCode}`);
        else if (attempt.nul && response.statusCode !== 400) {
          problems.push(`${where} → ${response.statusCode}, not 400`);
        } else if (attempt.nul && !namesNul(response.json<ErrorResponse>())) {
          problems.push(`${where} → ${response.body}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(200);
    expect(problems).toEqual([]);
  });

  it('names the field of an integer past PostgreSQL’s range', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/admin/users?offset=1e99',
      headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'request.invalid',
      params: { field: 'offset' },
      errors: [{ field: 'offset', code: 'field.tooLarge', params: { limit: 2147483647 } }],
    });
  });

  it('refuses a NUL character in a multipart observation or a photo file name', async () => {
    const png = await noisyPng(16, 16);
    const inJson = multipart({ observation: JSON.stringify({ comment: `a${NUL}b` }) }, []);
    const inName = multipart({ observation: '{}' }, [
      { field: 'photo', filename: `a${NUL}b.png`, type: 'image/png', bytes: png },
    ]);
    for (const { payload, headers: type } of [inJson, inName]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/observations',
        payload,
        headers: { ...headers, ...type },
      });
      expect(response.statusCode).toBe(400);
      expect(namesNul(response.json<ErrorResponse>())).toBe(true);
    }
  });
});
