import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import type { AuditEntry, AuditList } from '@citizen/shared';
import { buildApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import type { Role } from '../src/db/schema.js';
import type { App } from '../src/http/types.js';
import { RELAXED_LIMITS } from './accounts/helpers.js';
import { testConfig } from './app.js';
import type { multipart } from './images.js';
import { signedIn, type SignedIn } from './sites/helpers.js';

/*
 * What the audit-log tests share (audit-catalogue.int.test.ts, audit-coverage.int.test.ts): the
 * lists of write routes audited elsewhere, the route table of the app, and a harness that calls
 * admin routes over HTTP and reads the new entries of the audit log (GET /api/admin/audit).
 */

/** Write routes whose audit entries other test files check, and where. */
export const AUDITED_ELSEWHERE: Record<string, string> = {
  'PATCH /api/admin/users/:id': 'admin-accounts.int.test.ts: role_changed, account_(de)activated',
  'DELETE /api/admin/observations/:id': 'moderation.int.test.ts: observation_deleted',
  'POST /api/admin/observations/:id/hide': 'moderation.int.test.ts: observation_hidden',
  'POST /api/admin/observations/:id/unhide': 'moderation.int.test.ts: observation_unhidden',
  'POST /api/admin/observations/:id/photos/:mediaId/hide': 'moderation.int.test.ts: photo_hidden',
  'POST /api/admin/observations/:id/photos/:mediaId/unhide':
    'moderation.int.test.ts: photo_unhidden',
  'DELETE /api/admin/observations/:id/photos/:mediaId': 'moderation.int.test.ts: photo_deleted',
  'POST /api/admin/sensitivity/import': 'sensitivity/sensitivity.int.test.ts: sensitivity_imported',
  'PUT /api/admin/sensitivity/taxa/:cdNom': 'sensitivity/sensitivity.int.test.ts: sensitivity_set',
  'DELETE /api/admin/sensitivity/taxa/:cdNom':
    'sensitivity/sensitivity.int.test.ts: sensitivity_cleared',
};

/**
 * The routes audit-catalogue.int.test.ts calls, which checks it calls exactly these: the route
 * checks of audit-coverage.int.test.ts run in another worker, so they count on this list.
 */
export const CATALOGUE_ROUTES = [
  'POST /api/admin/taxonomy/import',
  'POST /api/admin/species-lists',
  'PUT /api/admin/species-lists/:id',
  'PUT /api/admin/species-lists/:id/taxa/:cdNom/picture',
  'POST /api/admin/species-lists/:id/taxa/:cdNom/picture',
  'DELETE /api/admin/species-lists/:id/taxa/:cdNom/picture',
  'POST /api/admin/species-lists/import',
  'DELETE /api/admin/species-lists/:id',
  'POST /api/admin/projects',
  'POST /api/admin/programs',
  'PATCH /api/admin/programs/:id',
  'PUT /api/admin/programs/:id/area',
  'PUT /api/admin/programs/:id/image',
  'POST /api/admin/programs/:id/site-types',
  'PATCH /api/admin/programs/:id/site-types/:typeId',
  'PATCH /api/admin/programs/:id/site-settings',
  'DELETE /api/admin/programs/:id/site-types/:typeId',
];

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type Route = { method: string; url: string; role: Role | null };

/** The write routes guarded for admins or validators, as "METHOD /api/route/:param". */
export const guardedWrites = (routes: Route[]) =>
  routes
    .filter(
      (r) =>
        WRITES.has(r.method) &&
        (r.url.startsWith('/api/admin/') || r.role === 'admin' || r.role === 'validator'),
    )
    .map((r) => `${r.method} ${r.url}`);

/**
 * Those neither called by audit-coverage.int.test.ts (`covered`) nor by
 * audit-catalogue.int.test.ts (CATALOGUE_ROUTES) nor listed in AUDITED_ELSEWHERE.
 */
export const unaudited = (routes: Route[], covered: Set<string>) =>
  guardedWrites(routes).filter(
    (k) => !covered.has(k) && !CATALOGUE_ROUTES.includes(k) && !(k in AUDITED_ELSEWHERE),
  );

/** The role an `onlyFor(role)` guard among the route's hooks asks for, if any. */
function guardOf(route: RouteOptions): Role | null {
  const roles = [route.onRequest, route.preValidation, route.preHandler]
    .flat()
    .map((hook) => (hook as { requiredRole?: Role } | undefined)?.requiredRole)
    .filter((role): role is Role => role !== undefined);
  return roles.includes('admin') ? 'admin' : (roles[0] ?? null);
}

/** The app, with its route table as `onRoute` saw it. */
export async function buildWithRoutes(database: Database, env: Record<string, string>) {
  const routes: Route[] = [];
  const app = await buildApp({
    config: testConfig(env),
    database,
    onRoute: (route) => {
      for (const method of [route.method].flat()) {
        routes.push({ method, url: route.url, role: guardOf(route) });
      }
    },
  });
  await app.ready();
  return { app, routes };
}

type Body = { json?: object; form?: ReturnType<typeof multipart> };

/** A file part of a multipart body. */
export const file = (field: string, filename: string, bytes: Buffer | string, type: string) => ({
  field,
  filename,
  type,
  bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes),
});

/**
 * The app and its admin for a suite's audit checks (call it inside the suite: it registers the
 * suite's beforeAll and afterAll), and the helpers that call routes and read the new entries.
 */
export function auditLog(database: () => Database) {
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-audit-media-'));
  const env = { MEDIA_DIR: mediaDir, BADGES_ENABLED: 'true', RATE_LIMITS: RELAXED_LIMITS };
  let app: App;
  let routes: Route[];
  let admin: SignedIn;
  /** The newest audit entry seen so far: each check reads only what came after it. */
  let seen = 0;
  /** The routes called by this suite, as "METHOD /api/route/:param". */
  const covered = new Set<string>();

  beforeAll(async () => {
    ({ app, routes } = await buildWithRoutes(database(), env));
    admin = await signedIn(app, database().db, { username: 'auditor', role: 'admin' });
    seen = (await newEntries()).at(0)?.id ?? 0;
  });
  afterAll(async () => {
    await app?.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  /**
   * Calls an admin route (as `by`, the admin by default): `route` as the route table has it,
   * `params` fill its parameters.
   */
  async function call(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    route: string,
    params: Record<string, string | number> = {},
    body: Body = {},
    by: SignedIn = admin,
  ) {
    covered.add(`${method} ${route}`);
    const url = route.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      if (params[name] === undefined) throw new Error(`no value for :${name} in ${route}`);
      return String(params[name]);
    });
    return app.inject({
      method,
      url,
      headers: { ...by.headers, ...(body.form?.headers ?? {}) },
      ...(body.form ? { payload: body.form.payload } : {}),
      ...(body.json ? { payload: body.json } : {}),
    });
  }

  async function newEntries(): Promise<AuditEntry[]> {
    const response = await app.inject({
      method: 'GET',
      url: '/api/admin/audit?limit=50',
      headers: admin?.headers ?? {},
    });
    if (response.statusCode !== 200) return [];
    return response.json<AuditList>().items.filter((e) => e.id > seen);
  }

  /** The one entry written since the last check: its event, by the admin, with `details`. */
  async function expectAudited(event: string, details: Record<string, unknown>) {
    const [entry] = await expectAuditedAll([event], [details], admin);
    expect(entry!.ip).toBeTruthy();
    return entry!;
  }

  /** The entries written since the last check, newest first, by `by`. */
  async function expectAuditedAll(
    events: string[],
    details: Record<string, unknown>[],
    by: SignedIn,
  ) {
    const entries = await newEntries();
    expect(entries.map((e) => e.event)).toEqual(events);
    entries.forEach((entry, i) => {
      expect(entry).toMatchObject({ actorId: by.id, actorName: by.username });
      expect(entry.details).toMatchObject(details[i]!);
    });
    seen = entries[0]?.id ?? seen;
    return entries;
  }

  async function expectNothingAudited() {
    expect((await newEntries()).map((e) => e.event)).toEqual([]);
  }

  const ok = (response: { statusCode: number; body: string }, status = 200) =>
    expect(response.statusCode, response.body).toBe(status);

  return {
    env,
    covered,
    get app() {
      return app;
    },
    get routes() {
      return routes;
    },
    get seen() {
      return seen;
    },
    set seen(id: number) {
      seen = id;
    },
    call,
    newEntries,
    expectAudited,
    expectAuditedAll,
    expectNothingAudited,
    ok,
  };
}
