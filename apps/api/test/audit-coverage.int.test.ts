import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditEntry, AuditList } from '@citizen/shared';
import { buildApp } from '../src/app.js';
import { ROUTES } from '../src/routes.js';
import type { Database } from '../src/db/database.js';
import type { Role } from '../src/db/schema.js';
import type { App } from '../src/http/types.js';
import { createServices } from '../src/services.js';
import { RELAXED_LIMITS } from './accounts/helpers.js';
import { testConfig } from './app.js';
import { describeOnEngines } from './engines.js';
import { jpegWithGps, multipart } from './images.js';
import { POND_TYPE, signedIn, squareAround, type SignedIn } from './sites/helpers.js';
import { fixture } from './taxonomy/helpers.js';

/**
 * "Every admin and validator action goes to an audit log that admins can read": each admin write
 * route is called here over HTTP, and the audit log (GET /api/admin/audit) must then hold one new
 * entry of the right event, by the admin, with useful details. The last test reads the route
 * table: a write route guarded for admins or validators that is neither called here nor listed
 * in AUDITED_ELSEWHERE fails it, so a new unaudited admin route cannot go unnoticed.
 */

/** Write routes whose audit entries other test files check, and where. */
const AUDITED_ELSEWHERE: Record<string, string> = {
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

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Route = { method: string; url: string; role: Role | null };

/** The write routes guarded for admins or validators, as "METHOD /api/route/:param". */
const guardedWrites = (routes: Route[]) =>
  routes
    .filter(
      (r) =>
        WRITES.has(r.method) &&
        (r.url.startsWith('/api/admin/') || r.role === 'admin' || r.role === 'validator'),
    )
    .map((r) => `${r.method} ${r.url}`);

/** Those neither called by this file nor listed in AUDITED_ELSEWHERE. */
const unaudited = (routes: Route[], covered: Set<string>) =>
  guardedWrites(routes).filter((k) => !covered.has(k) && !(k in AUDITED_ELSEWHERE));

/** The role an `onlyFor(role)` guard among the route's hooks asks for, if any. */
function guardOf(route: RouteOptions): Role | null {
  const roles = [route.onRequest, route.preValidation, route.preHandler]
    .flat()
    .map((hook) => (hook as { requiredRole?: Role } | undefined)?.requiredRole)
    .filter((role): role is Role => role !== undefined);
  return roles.includes('admin') ? 'admin' : (roles[0] ?? null);
}

async function buildWithRoutes(database: Database, env: Record<string, string>) {
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

const file = (field: string, filename: string, bytes: Buffer | string, type: string) => ({
  field,
  filename,
  type,
  bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes),
});

describeOnEngines('the audit log of every admin write', (database) => {
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-audit-media-'));
  const env = { MEDIA_DIR: mediaDir, BADGES_ENABLED: 'true', RATE_LIMITS: RELAXED_LIMITS };
  let app: App;
  let routes: Route[];
  let admin: SignedIn;
  /** The newest audit entry seen so far: each check reads only what came after it. */
  let seen = 0;
  /** The routes called by this file, as "METHOD /api/route/:param". */
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

  let speciesListId: number;
  let programId: number;
  let sitesProgramId: number;

  it('audits a taxonomy import with its counts, not its rows', async () => {
    const taxref = readFileSync(fixture('taxref-sample.tsv'));
    const response = await call(
      'POST',
      '/api/admin/taxonomy/import',
      {},
      {
        form: multipart({ format: 'taxref', version: '18.0' }, [
          file('file', 'TAXREFv18.txt', taxref, 'text/plain'),
        ]),
      },
    );
    ok(response);
    const entry = await expectAudited('taxonomy_imported', {
      format: 'taxref',
      fileName: 'TAXREFv18.txt',
      version: '18.0',
      inserted: 231,
      updated: 0,
      unchanged: 0,
      errorCount: 0,
    });
    expect(entry.details).not.toHaveProperty('errors');
  });

  it('audits creating, changing and deleting a species list, and its pictures', async () => {
    const created = await call(
      'POST',
      '/api/admin/species-lists',
      {},
      {
        json: { name: 'Garden birds', taxa: [{ cdNom: 4117 }, { cdNom: 1966 }] },
      },
    );
    ok(created, 201);
    speciesListId = created.json<{ id: number }>().id;
    await expectAudited('species_list_created', {
      speciesListId,
      name: 'Garden birds',
      taxa: 2,
    });

    ok(
      await call(
        'PUT',
        '/api/admin/species-lists/:id',
        { id: speciesListId },
        {
          json: { name: 'Birds of gardens', taxa: [{ cdNom: 4117 }] },
        },
      ),
    );
    await expectAudited('species_list_updated', {
      speciesListId,
      name: 'Birds of gardens',
      previousName: 'Garden birds',
      taxa: 1,
      inserted: 0,
      removed: 1,
    });

    ok(
      await call(
        'PUT',
        '/api/admin/species-lists/:id/taxa/:cdNom/picture',
        { id: speciesListId, cdNom: 4117 },
        { json: { url: 'https://pictures.example.org/blackbird.jpg' } },
      ),
    );
    await expectAudited('species_list_picture_set', {
      speciesListId,
      name: 'Birds of gardens',
      cdNom: 4117,
      scientificName: 'Turdus merula',
      url: 'https://pictures.example.org/blackbird.jpg',
    });

    const photo = await jpegWithGps({ width: 400, height: 300 });
    const uploaded = await call(
      'POST',
      '/api/admin/species-lists/:id/taxa/:cdNom/picture',
      { id: speciesListId, cdNom: 4117 },
      { form: multipart({}, [file('file', 'blackbird.jpg', photo, 'image/jpeg')]) },
    );
    ok(uploaded);
    await expectAudited('species_list_picture_set', {
      speciesListId,
      cdNom: 4117,
      scientificName: 'Turdus merula',
      mediaId: uploaded.json<{ pictureMediaId: string }>().pictureMediaId,
    });

    ok(
      await call('DELETE', '/api/admin/species-lists/:id/taxa/:cdNom/picture', {
        id: speciesListId,
        cdNom: 4117,
      }),
      204,
    );
    await expectAudited('species_list_picture_removed', { speciesListId, cdNom: 4117 });

    const csv = readFileSync(fixture('species-list.csv'));
    const imported = await call(
      'POST',
      '/api/admin/species-lists/import',
      {},
      {
        form: multipart({ name: 'Birds of gardens' }, [file('file', 'list.csv', csv, 'text/csv')]),
      },
    );
    ok(imported);
    await expectAudited('species_list_imported', {
      speciesListId,
      name: 'Birds of gardens',
      created: false,
      inserted: 3,
      updated: 1,
      unchanged: 0,
      removed: 0,
    });

    const other = await call(
      'POST',
      '/api/admin/species-lists',
      {},
      {
        json: { name: 'Doomed list', taxa: [{ cdNom: 1966 }] },
      },
    );
    ok(other, 201);
    const otherId = other.json<{ id: number }>().id;
    await expectAudited('species_list_created', { speciesListId: otherId });
    ok(await call('DELETE', '/api/admin/species-lists/:id', { id: otherId }), 204);
    await expectAudited('species_list_deleted', {
      speciesListId: otherId,
      name: 'Doomed list',
      taxa: 1,
    });
  });

  it('writes no entry when the change fails, and no change when the entry fails', async () => {
    // Refused changes: a name already taken, a list that does not exist.
    const clash = await call(
      'POST',
      '/api/admin/species-lists',
      {},
      {
        json: { name: 'Birds of gardens' },
      },
    );
    expect(clash.statusCode).toBe(409);
    expect((await call('DELETE', '/api/admin/species-lists/:id', { id: 999_999 })).statusCode).toBe(
      404,
    );
    await expectNothingAudited();

    // The entry is written in the change's transaction: when it fails, the change is undone.
    const services = createServices(testConfig(env), database());
    const failing = async () => {
      throw new Error('the audit log is unavailable');
    };
    await expect(
      services.speciesLists.create({ name: 'Never made', taxa: [] }, 'en', failing),
    ).rejects.toThrow('the audit log is unavailable');
    await expect(services.speciesLists.remove(speciesListId, failing)).rejects.toThrow();
    const names = (await services.speciesLists.list()).map((l) => l.name);
    expect(names).toContain('Birds of gardens');
    expect(names).not.toContain('Never made');
    await expectNothingAudited();
  });

  it('audits programmes and projects', async () => {
    const project = await call(
      'POST',
      '/api/admin/projects',
      {},
      {
        json: { title: 'Wetlands' },
      },
    );
    ok(project, 201);
    const projectId = project.json<{ id: number }>().id;
    await expectAudited('project_created', { projectId, title: 'Wetlands' });

    const created = await call(
      'POST',
      '/api/admin/programs',
      {},
      {
        json: {
          slug: 'garden-birds',
          title: 'Garden birds',
          area: squareAround([4.85, 45.75]),
          speciesListId,
          projectId,
        },
      },
    );
    ok(created, 201);
    programId = created.json<{ id: number }>().id;
    await expectAudited('program_created', { programId, slug: 'garden-birds' });

    ok(
      await call(
        'PATCH',
        '/api/admin/programs/:id',
        { id: programId },
        {
          json: { title: 'Birds of our gardens', isActive: true },
        },
      ),
    );
    await expectAudited('program_updated', { programId, fields: ['title', 'isActive'] });

    const area = JSON.stringify(squareAround([4.86, 45.76]));
    ok(
      await call(
        'PUT',
        '/api/admin/programs/:id/area',
        { id: programId },
        {
          form: multipart({}, [file('file', 'area.geojson', area, 'application/geo+json')]),
        },
      ),
    );
    await expectAudited('program_updated', { programId, fields: ['area'] });

    const banner = await jpegWithGps({ width: 600, height: 300 });
    ok(
      await call(
        'PUT',
        '/api/admin/programs/:id/image',
        { id: programId },
        {
          form: multipart({}, [file('file', 'banner.jpg', banner, 'image/jpeg')]),
        },
      ),
    );
    await expectAudited('program_updated', { programId, fields: ['image'] });
  });

  it('audits site types and site settings', async () => {
    const created = await call(
      'POST',
      '/api/admin/programs',
      {},
      {
        json: { slug: 'ponds', title: 'Ponds', kind: 'sites', area: squareAround([4.85, 45.75]) },
      },
    );
    ok(created, 201);
    sitesProgramId = created.json<{ id: number }>().id;
    await expectAudited('program_created', { programId: sitesProgramId });

    const type = await call(
      'POST',
      '/api/admin/programs/:id/site-types',
      { id: sitesProgramId },
      { json: POND_TYPE },
    );
    ok(type, 201);
    const siteTypeId = type.json<{ id: number }>().id;
    await expectAudited('site_type_created', {
      programId: sitesProgramId,
      siteTypeId,
      name: 'Pond',
    });

    ok(
      await call(
        'PATCH',
        '/api/admin/programs/:id/site-types/:typeId',
        { id: sitesProgramId, typeId: siteTypeId },
        { json: { name: 'Pond or pool', visitForm: null } },
      ),
    );
    await expectAudited('site_type_updated', {
      programId: sitesProgramId,
      siteTypeId,
      name: 'Pond or pool',
      fields: ['name', 'visitForm'],
    });

    ok(
      await call(
        'PATCH',
        '/api/admin/programs/:id/site-settings',
        { id: sitesProgramId },
        {
          json: { visitsBy: 'creator' },
        },
      ),
    );
    await expectAudited('site_settings_updated', {
      programId: sitesProgramId,
      fields: ['visitsBy'],
      visitsBy: 'creator',
    });

    ok(
      await call('DELETE', '/api/admin/programs/:id/site-types/:typeId', {
        id: sitesProgramId,
        typeId: siteTypeId,
      }),
      204,
    );
    await expectAudited('site_type_deleted', {
      programId: sitesProgramId,
      siteTypeId,
      name: 'Pond or pool',
    });
  });

  it('audits badge rules, their pictures, the recompute and programme badge settings', async () => {
    const created = await call(
      'POST',
      '/api/admin/badges/rules',
      {},
      {
        json: {
          kind: 'total_observations',
          threshold: 1,
          name: { en: 'First steps', fr: 'Débuts' },
        },
      },
    );
    ok(created, 201);
    const badgeRuleId = created.json<{ id: number }>().id;
    await expectAudited('badge_rule_created', {
      badgeRuleId,
      name: { en: 'First steps', fr: 'Débuts' },
      kind: 'total_observations',
    });

    ok(
      await call(
        'PATCH',
        '/api/admin/badges/rules/:id',
        { id: badgeRuleId },
        {
          json: { threshold: 5 },
        },
      ),
    );
    await expectAudited('badge_rule_updated', { badgeRuleId, fields: ['threshold'] });

    const picture = await jpegWithGps({ width: 200, height: 200 });
    ok(
      await call(
        'PUT',
        '/api/admin/badges/rules/:id/picture',
        { id: badgeRuleId },
        {
          form: multipart({}, [file('file', 'badge.jpg', picture, 'image/jpeg')]),
        },
      ),
    );
    await expectAudited('badge_rule_updated', { badgeRuleId, fields: ['picture'] });

    ok(await call('POST', '/api/admin/badges/recompute'));
    await expectAudited('badges_recomputed', { awarded: 0, withdrawn: 0 });

    ok(
      await call(
        'PATCH',
        '/api/admin/programs/:id/badge-settings',
        { id: programId },
        {
          json: { leaderboardEnabled: true },
        },
      ),
    );
    await expectAudited('program_badge_settings_updated', {
      programId,
      fields: ['leaderboardEnabled'],
      leaderboardEnabled: true,
    });

    ok(await call('DELETE', '/api/admin/badges/rules/:id', { id: badgeRuleId }), 204);
    await expectAudited('badge_rule_deleted', {
      badgeRuleId,
      name: { en: 'First steps', fr: 'Débuts' },
      holders: 0,
    });
  });

  it('audits imports and deletions of areas', async () => {
    const areas = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '69123', name: 'Lyon' },
          geometry: squareAround([4.85, 45.75]),
        },
      ],
    });
    ok(
      await call(
        'POST',
        '/api/admin/areas/import',
        {},
        {
          form: multipart({ kind: 'natural_park' }, [
            file('file', 'parks.geojson', areas, 'application/geo+json'),
          ]),
        },
      ),
    );
    await expectAudited('areas_imported', { kind: 'natural_park', inserted: 1 });

    ok(await call('DELETE', '/api/admin/areas/kinds/:kind', { kind: 'natural_park' }), 204);
    await expectAudited('area_kind_deleted', { kind: 'natural_park', areas: 1 });
  });

  it('audits site settings, the logo and custom pages', async () => {
    ok(await call('PATCH', '/api/admin/settings', {}, { json: { siteName: 'Audited' } }));
    await expectAudited('settings_updated', { fields: ['siteName'] });

    const logo = await jpegWithGps({ width: 200, height: 100 });
    ok(
      await call(
        'PUT',
        '/api/admin/settings/logo',
        {},
        {
          form: multipart({}, [file('file', 'logo.jpg', logo, 'image/jpeg')]),
        },
      ),
    );
    await expectAudited('settings_updated', { fields: ['logoUrl'] });

    ok(
      await call(
        'PUT',
        '/api/admin/pages/:slug',
        { slug: 'about' },
        {
          json: { title: { en: 'About' }, body: { en: '<p>Us</p>' }, inMenu: true, position: 1 },
        },
      ),
    );
    await expectAudited('page_saved', { slug: 'about' });

    ok(await call('DELETE', '/api/admin/pages/:slug', { slug: 'about' }), 204);
    await expectAudited('page_deleted', { slug: 'about' });
  });

  it("audits a validator's judgements, one by one and in bulk", async () => {
    const observer = await signedIn(app, database().db, { username: 'gardener' });
    const validator = await signedIn(app, database().db, {
      username: 'expert',
      role: 'validator',
    });
    const observe = async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/observations',
        headers: observer.headers,
        payload: {
          programId,
          cdNom: 4117,
          observedOn: '2026-05-01',
          location: { type: 'Point', coordinates: [4.86, 45.76] },
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ id: string }>().id;
    };
    const [first, second, third] = [await observe(), await observe(), await observe()];
    seen = (await newEntries()).at(0)?.id ?? seen;

    ok(
      await call(
        'POST',
        '/api/observations/:id/validation',
        { id: first! },
        { json: { status: 'certain' } },
        validator,
      ),
    );
    await expectAuditedAll(
      ['observation_validated'],
      [{ observationId: first, status: 'certain' }],
      validator,
    );

    const bulk = await call(
      'POST',
      '/api/validation/bulk',
      {},
      { json: { ids: [second, third], status: 'probable' } },
      validator,
    );
    ok(bulk);
    const entries = await expectAuditedAll(
      ['observation_validated', 'observation_validated'],
      [{ status: 'probable' }, { status: 'probable' }],
      validator,
    );
    expect(entries.map((e) => e.details.observationId).sort()).toEqual([second, third].sort());
  });

  it('leaves no admin or validator write route unaudited', () => {
    const keys = guardedWrites(routes);
    expect(keys.length).toBeGreaterThan(30);
    // Each one is either called above or audited and tested elsewhere...
    expect(unaudited(routes, covered), 'write routes without an audit test').toEqual([]);
    // ...and the lists name routes that exist.
    const known = new Set(keys);
    expect([...covered, ...Object.keys(AUDITED_ELSEWHERE)].filter((k) => !known.has(k))).toEqual(
      [],
    );
  });

  it('would catch a new admin write route that nobody checks the audit of', async () => {
    const probe = (api: App) => {
      api.delete('/admin/forgotten-audit', async () => null);
    };
    ROUTES.push(probe);
    try {
      const built = await buildWithRoutes(database(), env);
      try {
        expect(unaudited(built.routes, covered)).toEqual(['DELETE /api/admin/forgotten-audit']);
      } finally {
        await built.app.close();
      }
    } finally {
      ROUTES.splice(ROUTES.indexOf(probe), 1);
    }
  });
});
