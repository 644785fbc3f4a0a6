import { beforeAll, expect, it } from 'vitest';
import { ROUTES } from '../src/routes.js';
import type { App } from '../src/http/types.js';
import { createServices } from '../src/services.js';
import { testConfig } from './app.js';
import {
  AUDITED_ELSEWHERE,
  auditLog,
  buildWithRoutes,
  CATALOGUE_ROUTES,
  file,
  guardedWrites,
  unaudited,
} from './audit-helpers.js';
import { describeOnEngines } from './engines.js';
import { jpegWithGps, multipart } from './images.js';
import { signedIn, squareAround } from './sites/helpers.js';
import { fixture, insertProgram } from './taxonomy/helpers.js';

/**
 * "Every admin and validator action goes to an audit log that admins can read": each admin write
 * route of badges, areas, settings and validation is called here over HTTP, and the audit log
 * (GET /api/admin/audit) must then hold one new entry of the right event, by the admin, with
 * useful details. The last tests read the route table: a write route guarded for admins or
 * validators that is neither called here nor in audit-catalogue.int.test.ts (CATALOGUE_ROUTES)
 * nor listed in AUDITED_ELSEWHERE fails them, so a new unaudited admin route cannot go unnoticed.
 */

describeOnEngines('the audit log of every admin write', (database) => {
  const audit = auditLog(database);
  const { env, covered, call, newEntries, expectAudited, expectAuditedAll, ok } = audit;

  /** An active programme over Lyon, and the taxonomy to observe in it, made without the API. */
  let programId: number;
  beforeAll(async () => {
    await createServices(testConfig(env), database()).taxonomy.importTaxref(
      fixture('taxref-sample.tsv'),
    );
    programId = await insertProgram(database().db, 'garden-birds', null);
    audit.seen = (await newEntries()).at(0)?.id ?? audit.seen;
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
    const { app } = audit;
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
    audit.seen = (await newEntries()).at(0)?.id ?? audit.seen;

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
    const { routes } = audit;
    const keys = guardedWrites(routes);
    expect(keys.length).toBeGreaterThan(30);
    // Each one is either called above or in audit-catalogue.int.test.ts, or audited and tested
    // elsewhere...
    expect(unaudited(routes, covered), 'write routes without an audit test').toEqual([]);
    // ...and the lists name routes that exist.
    const known = new Set(keys);
    expect(
      [...covered, ...CATALOGUE_ROUTES, ...Object.keys(AUDITED_ELSEWHERE)].filter(
        (k) => !known.has(k),
      ),
    ).toEqual([]);
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
