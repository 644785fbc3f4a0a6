import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import type { Role } from '../src/db/schema.js';
import type { App } from '../src/http/types.js';
import { ROUTES } from '../src/routes.js';
import { testConfig } from './app.js';
import { bearer, createUser, login, RELAXED_LIMITS } from './accounts/helpers.js';
import { describeOnEngines } from './engines.js';

/**
 * Every route of the built app, collected as it is added: each admin route (under /api/admin, or
 * guarded by onlyFor('admin') wherever it is) answers 401 to an anonymous request and 403 to an
 * observer and to a validator; each validator route (under /api/validation, or guarded by
 * onlyFor('validator'), e.g. POST /api/observations/:id/validation) answers 401 and 403 to an
 * observer. Nothing to add by hand: a new admin route without a guard fails this test.
 */

type Route = { method: string; url: string; role: Role | null };

/** The role an `onlyFor(role)` guard among the route's hooks asks for, if any. */
function guardOf(route: RouteOptions): Role | null {
  const hooks = [route.onRequest, route.preValidation, route.preHandler]
    .flat()
    .filter((hook): hook is NonNullable<typeof hook> => typeof hook === 'function');
  const roles = hooks
    .map((hook) => (hook as { requiredRole?: Role }).requiredRole)
    .filter((role): role is Role => role !== undefined);
  return roles.includes('admin') ? 'admin' : (roles[0] ?? null);
}

async function buildWithRoutes(database: Database): Promise<{ app: App; routes: Route[] }> {
  const routes: Route[] = [];
  const app = await buildApp({
    config: testConfig({ RATE_LIMITS: RELAXED_LIMITS }),
    database,
    onRoute: (route) => {
      for (const method of [route.method].flat()) {
        if (method === 'HEAD' || method === 'OPTIONS') continue;
        routes.push({ method, url: route.url, role: guardOf(route) });
      }
    },
  });
  await app.ready();
  return { app, routes };
}

const isAdminRoute = (r: Route) => r.url.startsWith('/api/admin/') || r.role === 'admin';
const isValidatorRoute = (r: Route) =>
  !isAdminRoute(r) && (r.url.startsWith('/api/validation/') || r.role === 'validator');

/** A URL for the route: path parameters get a value of every usual shape (the guard runs first). */
const concrete = (url: string) =>
  url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000001').replace(/\*/g, 'anything');

type Actor = 'anonymous' | 'observer' | 'validator';

/** The routes that do not answer `expected` to `actor`, as "METHOD url → status" lines. */
async function leaks(
  app: App,
  routes: Route[],
  actor: Actor,
  expected: number,
  headers: Record<string, string>,
): Promise<string[]> {
  const found: string[] = [];
  for (const route of routes) {
    const response = await app.inject({
      method: route.method as 'GET',
      url: concrete(route.url),
      headers,
    });
    if (response.statusCode !== expected) {
      found.push(`${route.method} ${route.url} → ${response.statusCode} to ${actor}`);
    }
  }
  return found;
}

describeOnEngines('permissions of every admin and validator route', (database) => {
  let app: App;
  let routes: Route[];
  const headers: Record<Actor, Record<string, string>> = {
    anonymous: {},
    observer: {},
    validator: {},
  };

  beforeAll(async () => {
    ({ app, routes } = await buildWithRoutes(database()));
    for (const role of ['observer', 'validator'] as const) {
      const user = await createUser(database().db, { role });
      headers[role] = bearer((await login(app, user.username)).accessToken);
    }
  });
  afterAll(() => app?.close());

  it('finds the routes of the built app', () => {
    const admin = routes.filter(isAdminRoute);
    const validator = routes.filter(isValidatorRoute);
    expect(admin.length).toBeGreaterThan(15);
    expect(validator.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        'GET /api/validation/queue',
        'POST /api/validation/bulk',
        'POST /api/observations/:id/validation',
      ]),
    );
    expect(admin.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        'GET /api/admin/users',
        'PATCH /api/admin/users/:id',
        'GET /api/admin/audit',
        'PATCH /api/admin/settings',
        'POST /api/admin/observations/:id/photos/:mediaId/hide',
        'DELETE /api/admin/observations/:id',
      ]),
    );
  });

  it('guards every admin route with onlyFor("admin"), so that it refuses before reading the body', () => {
    const unguarded = routes.filter((r) => r.url.startsWith('/api/admin/') && r.role !== 'admin');
    expect(unguarded.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('refuses every admin route to anonymous requests (401), observers and validators (403)', async () => {
    const admin = routes.filter(isAdminRoute);
    expect([
      ...(await leaks(app, admin, 'anonymous', 401, headers.anonymous)),
      ...(await leaks(app, admin, 'observer', 403, headers.observer)),
      ...(await leaks(app, admin, 'validator', 403, headers.validator)),
    ]).toEqual([]);
  });

  it('refuses every validator route to anonymous requests (401) and observers (403)', async () => {
    const validator = routes.filter(isValidatorRoute);
    expect([
      ...(await leaks(app, validator, 'anonymous', 401, headers.anonymous)),
      ...(await leaks(app, validator, 'observer', 403, headers.observer)),
    ]).toEqual([]);
  });

  it('would catch a new admin route added without a guard', async () => {
    const probe = (api: App) => {
      api.get('/admin/forgotten-guard', async () => ({ secret: true }));
    };
    ROUTES.push(probe);
    try {
      const built = await buildWithRoutes(database());
      try {
        const added = built.routes.filter((r) => r.url === '/api/admin/forgotten-guard');
        expect(added).toEqual([{ method: 'GET', url: '/api/admin/forgotten-guard', role: null }]);
        expect(await leaks(built.app, added, 'anonymous', 401, headers.anonymous)).toEqual([
          'GET /api/admin/forgotten-guard → 200 to anonymous',
        ]);
      } finally {
        await built.app.close();
      }
    } finally {
      ROUTES.splice(ROUTES.indexOf(probe), 1);
    }
  });
});
