import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ErrorResponse,
  MySites,
  SavedObservation,
  SavedVisit,
  SiteDetail,
  SiteFeatureCollection,
  SiteList,
  SiteProtocol,
  SiteType,
} from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { RELAXED_LIMITS } from '../accounts/helpers.js';
import { testApp } from '../app.js';
import { describeWithDemo } from '../engines.js';
import { jpegWithGps, multipart } from '../images.js';
import { POND_TYPE, signedIn, squareAround, type SignedIn } from './helpers.js';

const POND = [4.853, 45.778];
const NEAR = [4.86, 45.77];
const BLACKBIRD = 4117;
const MALLARD = 1966;

describeWithDemo('site protocols', (database) => {
  let app: App;
  let admin: SignedIn;
  let alice: SignedIn;
  let bob: SignedIn;
  let carol: SignedIn;
  let programId: number;
  let pond: SiteType;
  let tree: SiteType;
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-sites-media-'));
  const db = () => database().db;

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    url: string,
    who: SignedIn | null,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      ...(payload !== undefined && { payload }),
      headers: who?.headers ?? {},
    });
  const mediaFiles = () =>
    readdirSync(mediaDir, { recursive: true }).filter((f) => /\.(webp|jpg)$/.test(String(f)));

  beforeAll(async () => {
    app = await testApp(database(), { MEDIA_DIR: mediaDir, RATE_LIMITS: RELAXED_LIMITS });
    await app.ready();
    admin = await signedIn(app, db(), { username: 'site-admin', role: 'admin' });
    alice = await signedIn(app, db(), { username: 'alice' });
    bob = await signedIn(app, db(), { username: 'bob' });
    carol = await signedIn(app, db(), { username: 'carol' });
    const created = await call('POST', '/api/admin/programs', admin, {
      slug: 'ponds',
      title: 'Ponds of Lyon',
      kind: 'sites',
      area: squareAround(POND),
    });
    expect(created.statusCode).toBe(201);
    programId = created.json<{ id: number }>().id;
  });
  afterAll(() => app?.close());

  describe('site types', () => {
    it('lets admins add site types with a site form and a visit form in steps', async () => {
      const response = await call(
        'POST',
        `/api/admin/programs/${programId}/site-types`,
        admin,
        POND_TYPE,
      );
      expect(response.statusCode).toBe(201);
      pond = response.json<SiteType>();
      expect(pond).toMatchObject({
        programId,
        name: 'Pond',
        siteForm: { jsonSchema: POND_TYPE.siteForm.jsonSchema },
        visitForm: { uiSchema: POND_TYPE.visitForm.uiSchema },
      });
      const second = await call('POST', `/api/admin/programs/${programId}/site-types`, admin, {
        name: 'Tree',
        position: 1,
        pictogramUrl: '/pictos/tree.svg',
      });
      expect(second.statusCode).toBe(201);
      tree = second.json<SiteType>();
      expect(tree).toMatchObject({
        siteForm: null,
        visitForm: null,
        pictogramUrl: '/pictos/tree.svg',
      });
    });

    it.each([
      [
        'a step naming an unknown field',
        { steps: [{ title: 'A', fields: ['waterLevel', 'colour'] }] },
        { code: 'form.stepUnknownField', params: { step: 1, name: 'colour' } },
      ],
      [
        'a field in two steps',
        {
          steps: [
            { title: 'A', fields: ['waterLevel'] },
            { title: 'B', fields: ['waterLevel'] },
          ],
        },
        { code: 'form.fieldInTwoSteps', params: { name: 'waterLevel' } },
      ],
      [
        'a required field in no step',
        { steps: [{ title: 'A', fields: ['temperature'] }] },
        { code: 'form.requiredFieldInNoStep', params: { name: 'waterLevel' } },
      ],
      [
        'a step without fields',
        { steps: [{ title: 'A', fields: [] }] },
        {
          code: 'request.invalid',
          errors: [
            {
              field: 'visitForm.uiSchema.steps.0.fields',
              code: 'field.tooFewItems',
              params: { limit: 1 },
            },
          ],
        },
      ],
    ])('refuses a visit form with %s', async (_what, uiSchema, expected) => {
      const response = await call('POST', `/api/admin/programs/${programId}/site-types`, admin, {
        ...POND_TYPE,
        visitForm: { ...POND_TYPE.visitForm, uiSchema },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject(expected);
    });

    it('refuses an invalid JSON Schema, and anyone but admins', async () => {
      const bad = await call('POST', `/api/admin/programs/${programId}/site-types`, admin, {
        name: 'Bad',
        siteForm: { jsonSchema: { type: 'object', properties: { a: { type: 'nonsense' } } } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({
        code: 'form.invalidSchema',
        errors: [{ field: 'siteForm.jsonSchema', code: 'form.invalidSchema' }],
      });
      expect(
        (await call('POST', `/api/admin/programs/${programId}/site-types`, alice, POND_TYPE))
          .statusCode,
      ).toBe(403);
      expect(
        (await call('POST', `/api/admin/programs/${programId}/site-types`, null, POND_TYPE))
          .statusCode,
      ).toBe(401);
    });

    it('serves the protocol publicly, types in their order, with the steps of the forms', async () => {
      const response = await call('GET', `/api/programs/${programId}/site-protocol`, null);
      expect(response.statusCode).toBe(200);
      const protocol = response.json<SiteProtocol>();
      expect(protocol).toMatchObject({ programId, kind: 'sites', visitsBy: 'anyone' });
      expect(protocol.siteTypes.map((t) => t.name)).toEqual(['Pond', 'Tree']);
      expect(protocol.siteTypes[0]!.visitForm!.uiSchema).toEqual({
        ...POND_TYPE.visitForm.uiSchema,
        // The order the administrator wrote the fields in (jsonb does not keep it).
        'ui:order': ['waterLevel', 'temperature', 'eggMasses', 'notes'],
      });
      expect(protocol.siteTypes[0]!.siteForm!.uiSchema).toEqual({
        'ui:order': ['surface', 'fish', 'vegetation'],
      });
    });

    it('changes and removes forms, and deletes a type only while it has no site', async () => {
      const extra = (
        await call('POST', `/api/admin/programs/${programId}/site-types`, admin, {
          name: 'Nest',
          siteForm: { jsonSchema: { type: 'object' } },
        })
      ).json<SiteType>();
      const patched = await call(
        'PATCH',
        `/api/admin/programs/${programId}/site-types/${extra.id}`,
        admin,
        {
          siteForm: null,
          visitForm: { jsonSchema: { type: 'object', properties: { eggs: { type: 'integer' } } } },
        },
      );
      expect(patched.statusCode).toBe(200);
      expect(patched.json<SiteType>()).toMatchObject({
        siteForm: null,
        visitForm: { jsonSchema: { type: 'object' } },
      });
      expect(
        (await call('DELETE', `/api/admin/programs/${programId}/site-types/${extra.id}`, admin))
          .statusCode,
      ).toBe(204);
      expect(
        (await call('DELETE', `/api/admin/programs/${programId}/site-types/${extra.id}`, admin))
          .statusCode,
      ).toBe(404);
    });
  });

  let siteId: number;
  let aliceVisit: SavedVisit;
  let bobVisit: SavedVisit;
  let blackbird: SavedObservation;

  const pondSite = (extra: object = {}) => ({
    programId,
    siteTypeId: pond.id,
    name: 'Mare du parc',
    location: { type: 'Point', coordinates: POND },
    customData: { surface: 120, fish: false, vegetation: ['reeds'] },
    ...extra,
  });

  describe('sites', () => {
    it('creates a site with photos and validated custom data', async () => {
      const { payload, headers } = multipart(
        { site: JSON.stringify(pondSite({ photos: [{ licence: 'CC0-1.0' }] })) },
        [{ field: 'photo', filename: 'pond.jpg', type: 'image/jpeg', bytes: await jpegWithGps() }],
      );
      const response = await app.inject({
        method: 'POST',
        url: '/api/sites',
        payload,
        headers: { ...headers, ...alice.headers },
      });
      expect(response.statusCode).toBe(201);
      const site = response.json<SiteDetail>();
      siteId = site.id;
      expect(response.headers.location).toBe(`/api/sites/${site.id}`);
      expect(site).toMatchObject({
        programId,
        name: 'Mare du parc',
        type: { id: pond.id, name: 'Pond' },
        location: { type: 'Point', coordinates: POND },
        customData: { surface: 120, fish: false, vegetation: ['reeds'] },
        creator: { username: 'alice' },
        visits: [],
        visitCount: 0,
        lastVisitOn: null,
        permissions: { edit: true, delete: true, addVisit: true },
      });
      expect(site.photos).toHaveLength(1);
      expect(site.photos[0]).toMatchObject({ licence: 'CC0-1.0', author: 'alice' });
      expect(mediaFiles().length).toBeGreaterThanOrEqual(3);
    });

    it.each([
      ['anonymously', null, {}, 401, 'auth.loginRequired', undefined],
      [
        'with invalid custom data',
        'alice',
        { customData: { surface: -3, colour: 'green' } },
        400,
        'form.invalidAnswers',
        'customData.colour',
      ],
      [
        'without the required answers',
        'alice',
        { customData: {} },
        400,
        'form.invalidAnswers',
        'customData.surface',
      ],
      [
        'outside the area',
        'alice',
        { location: { type: 'Point', coordinates: [2.35, 48.85] } },
        400,
        'location.outsideArea',
        'location',
      ],
      [
        'of a type of another programme',
        'alice',
        { siteTypeId: 999_999 },
        400,
        'site.unknownType',
        'siteTypeId',
      ],
      ['with a bad type id', 'alice', { siteTypeId: -1 }, 400, 'request.invalid', 'siteTypeId'],
      [
        'in an observation programme',
        'alice',
        { programId: 1 },
        409,
        'site.notSiteProgram',
        undefined,
      ],
    ])('refuses a site %s', async (_what, who, extra, status, code, field) => {
      const user = who === 'alice' ? alice : null;
      const response = await call('POST', '/api/sites', user, pondSite(extra));
      expect(response.statusCode).toBe(status);
      expect(response.json<ErrorResponse>().code).toBe(code);
      expect(response.json<ErrorResponse>().errors?.[0]?.field).toBe(field);
    });

    it('names every bad field of the site form', async () => {
      const response = await call(
        'POST',
        '/api/sites',
        alice,
        pondSite({ customData: { surface: -3, colour: 'green' } }),
      );
      expect(response.json<ErrorResponse>().errors).toEqual([
        {
          field: 'customData.colour',
          code: 'field.unknown',
          params: {},
          message: 'is not an expected field',
        },
        {
          field: 'customData.surface',
          code: 'field.tooSmall',
          params: { limit: 0 },
          message: 'must be at least 0',
        },
      ]);
      const formless = await call(
        'POST',
        '/api/sites',
        alice,
        pondSite({ siteTypeId: tree.id, customData: { a: 1 } }),
      );
      expect(formless.statusCode).toBe(400);
      expect(formless.json<ErrorResponse>()).toMatchObject({
        code: 'siteType.noSiteForm',
        errors: [{ field: 'customData', code: 'siteType.noSiteForm' }],
      });
    });

    it('lets only the creator (or an admin) edit the site; the type only while it has no visit', async () => {
      expect((await call('PATCH', `/api/sites/${siteId}`, bob, { name: 'Mine' })).statusCode).toBe(
        403,
      );
      const edited = await call('PATCH', `/api/sites/${siteId}`, alice, {
        name: 'Grande mare',
        customData: { surface: 150 },
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json<SiteDetail>()).toMatchObject({
        name: 'Grande mare',
        customData: { surface: 150 },
      });
      const toTree = await call('PATCH', `/api/sites/${siteId}`, alice, { siteTypeId: tree.id });
      // The tree type has no form: the pond answers no longer fit.
      expect(toTree.statusCode).toBe(400);
      const moved = await call('PATCH', `/api/sites/${siteId}`, admin, {
        location: { type: 'Point', coordinates: [3, 45] },
      });
      expect(moved.statusCode).toBe(400);
    });
  });

  describe('visits', () => {
    const visit = (extra: object = {}) => ({
      visitedOn: '2026-04-02',
      visitedTime: '08:30',
      comment: 'Sunny morning',
      customData: { waterLevel: 'normal', temperature: 11.5, eggMasses: 4 },
      ...extra,
    });

    it('records visits with validated custom data and photos', async () => {
      const { payload, headers } = multipart({ visit: JSON.stringify(visit()) }, [
        {
          field: 'photo',
          filename: 'eggs.jpg',
          type: 'image/jpeg',
          bytes: await jpegWithGps({ width: 400, height: 300 }),
        },
      ]);
      const response = await app.inject({
        method: 'POST',
        url: `/api/sites/${siteId}/visits`,
        payload,
        headers: { ...headers, ...alice.headers },
      });
      expect(response.statusCode).toBe(201);
      aliceVisit = response.json<SavedVisit>();
      expect(aliceVisit).toMatchObject({
        siteId,
        programId,
        visitedOn: '2026-04-02',
        visitedTime: '08:30',
        comment: 'Sunny morning',
        customData: { waterLevel: 'normal', temperature: 11.5, eggMasses: 4 },
        observer: { username: 'alice' },
        observations: [],
        canEdit: true,
      });
      // Badges are off on this instance.
      expect(aliceVisit.newBadges).toBeUndefined();
      expect(aliceVisit.photos).toHaveLength(1);

      const byBob = await call(
        'POST',
        `/api/sites/${siteId}/visits`,
        bob,
        visit({ visitedOn: '2026-03-20', visitedTime: null, customData: { waterLevel: 'high' } }),
      );
      expect(byBob.statusCode).toBe(201);
      bobVisit = byBob.json<SavedVisit>();
    });

    it.each([
      ['anonymously', null, visit(), 401, 'auth.loginRequired', undefined],
      [
        'in the future',
        'bob',
        visit({ visitedOn: '2999-01-01' }),
        400,
        'visit.dateInFuture',
        'visitedOn',
      ],
      [
        'with bad answers',
        'bob',
        visit({ customData: { waterLevel: 'flooded', eggMasses: -1 } }),
        400,
        'form.invalidAnswers',
        'customData.eggMasses',
      ],
      [
        'without the required answer',
        'bob',
        visit({ customData: { temperature: 3 } }),
        400,
        'form.invalidAnswers',
        'customData.waterLevel',
      ],
    ])('refuses a visit %s', async (_what, who, body, status, code, field) => {
      const response = await call(
        'POST',
        `/api/sites/${siteId}/visits`,
        who === 'bob' ? bob : null,
        body,
      );
      expect(response.statusCode).toBe(status);
      expect(response.json<ErrorResponse>().code).toBe(code);
      expect(response.json<ErrorResponse>().errors?.[0]?.field).toBe(field);
    });

    it('lets only the creator add visits where the programme says so', async () => {
      const settings = await call(
        'PATCH',
        `/api/admin/programs/${programId}/site-settings`,
        admin,
        { visitsBy: 'creator' },
      );
      expect(settings.json()).toEqual({ visitsBy: 'creator' });
      try {
        const refused = await call('POST', `/api/sites/${siteId}/visits`, carol, visit());
        expect(refused.statusCode).toBe(403);
        const detail = (await call('GET', `/api/sites/${siteId}`, carol)).json<SiteDetail>();
        expect(detail.permissions.addVisit).toBe(false);
        expect(
          (await call('GET', `/api/sites/${siteId}`, alice)).json<SiteDetail>().permissions
            .addVisit,
        ).toBe(true);
      } finally {
        await call('PATCH', `/api/admin/programs/${programId}/site-settings`, admin, {
          visitsBy: 'anyone',
        });
      }
    });

    const observation = (extra: object = {}) => ({
      programId,
      cdNom: BLACKBIRD,
      observedOn: '2026-04-02',
      count: 2,
      location: { type: 'Point', coordinates: POND },
      visitId: aliceVisit.id,
      ...extra,
    });

    it('records the species seen during a visit as observations linked to it', async () => {
      const response = await call('POST', '/api/observations', alice, observation());
      expect(response.statusCode).toBe(201);
      blackbird = response.json<SavedObservation>();
      expect(blackbird).toMatchObject({ visitId: aliceVisit.id, cdNom: BLACKBIRD });
      const mallard = await call(
        'POST',
        '/api/observations',
        alice,
        observation({ cdNom: MALLARD, count: 5, comment: 'A family' }),
      );
      expect(mallard.statusCode).toBe(201);
      const plain = await call(
        'POST',
        '/api/observations',
        alice,
        observation({ programId: 1, visitId: undefined }),
      );
      expect(plain.json<SavedObservation>().visitId).toBeNull();
    });

    it.each([
      [
        'on another date',
        'alice',
        { observedOn: '2026-04-01' },
        400,
        { code: 'observation.visitDate', params: { date: '2026-04-02' } },
      ],
      ["to someone else's visit", 'bob', {}, 403, { code: 'visit.observerOnly' }],
      ['anonymously', null, {}, 401, { code: 'visit.loginRequired' }],
      [
        'of another programme',
        'alice',
        { programId: 1 },
        400,
        { code: 'visit.otherProgram', errors: [{ field: 'visitId' }] },
      ],
      [
        'to an unknown visit',
        'alice',
        { visitId: 999_999 },
        400,
        { code: 'visit.unknown', params: { id: 999_999 }, errors: [{ field: 'visitId' }] },
      ],
    ])('refuses a visit observation %s', async (_what, who, extra, status, expected) => {
      const user = who === 'alice' ? alice : who === 'bob' ? bob : null;
      const response = await call('POST', '/api/observations', user, observation(extra));
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject(expected);
    });

    it("keeps a visit's observations on its date", async () => {
      const moved = await call('PATCH', `/api/observations/${blackbird.id}`, alice, {
        observedOn: '2026-04-01',
      });
      expect(moved.statusCode).toBe(400);
      const edited = await call('PATCH', `/api/visits/${aliceVisit.id}`, alice, {
        visitedOn: '2026-04-03',
        customData: { waterLevel: 'low' },
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json<SavedVisit>()).toMatchObject({
        visitedOn: '2026-04-03',
        customData: { waterLevel: 'low' },
      });
      const after = (await call('GET', `/api/observations/${blackbird.id}`, alice)).json<{
        observedOn: string;
      }>();
      expect(after.observedOn).toBe('2026-04-03');
      expect(
        (await call('PATCH', `/api/visits/${aliceVisit.id}`, bob, { comment: 'x' })).statusCode,
      ).toBe(403);
      expect(
        (
          await call('PATCH', `/api/visits/${aliceVisit.id}`, alice, {
            customData: { waterLevel: 'x' },
          })
        ).statusCode,
      ).toBe(400);
    });

    it('shows the site page: data, photos, visits in time order with their data and species', async () => {
      const response = await call('GET', `/api/sites/${siteId}?lang=en`, null);
      expect(response.statusCode).toBe(200);
      const site = response.json<SiteDetail>();
      expect(site).toMatchObject({
        name: 'Grande mare',
        visitCount: 2,
        lastVisitOn: '2026-04-03',
        permissions: { edit: false, delete: false, addVisit: false },
      });
      expect(site.visits.map((v) => [v.visitedOn, v.observer?.username, v.canEdit])).toEqual([
        ['2026-03-20', 'bob', false],
        ['2026-04-03', 'alice', false],
      ]);
      const [, second] = site.visits;
      expect(second!.customData).toEqual({ waterLevel: 'low' });
      expect(second!.photos).toHaveLength(1);
      expect(second!.observations.map((o) => [o.cdNom, o.name, o.count])).toEqual([
        [BLACKBIRD, 'Common Blackbird', 2],
        [MALLARD, 'Mallard', 5],
      ]);
      expect(JSON.stringify(site)).not.toMatch(/@example\.net/);

      const asAlice = (await call('GET', `/api/sites/${siteId}`, alice)).json<SiteDetail>();
      // Bob visited it: only an admin may delete it now.
      expect(asAlice.permissions).toEqual({ edit: true, delete: false, addVisit: true });
      expect(asAlice.visits.map((v) => v.canEdit)).toEqual([false, true]);
      expect(
        (await call('GET', `/api/sites/${siteId}`, admin)).json<SiteDetail>().permissions.delete,
      ).toBe(true);
      expect(
        (await call('GET', `/api/visits/${bobVisit.id}`, bob)).json<SavedVisit>().canEdit,
      ).toBe(true);
    });

    it("keeps sensitive and hidden species off the public site page, not off their observer's", async () => {
      const { rows } = await sql<{
        cd_nom: number;
      }>`select cd_nom from sensitivity_rules where area_id is null order by cd_nom limit 1`.execute(
        db(),
      );
      const eagle = await call(
        'POST',
        '/api/observations',
        alice,
        observation({ cdNom: rows[0]!.cd_nom, observedOn: '2026-04-03' }),
      );
      expect(eagle.statusCode).toBe(201);
      const species = (who: SignedIn | null) =>
        call('GET', `/api/sites/${siteId}`, who).then((r) =>
          r.json<SiteDetail>().visits[1]!.observations.map((o) => o.cdNom),
        );
      expect(await species(null)).toEqual([BLACKBIRD, MALLARD]);
      expect(await species(bob)).toEqual([BLACKBIRD, MALLARD]);
      expect(await species(alice)).toEqual([BLACKBIRD, MALLARD, rows[0]!.cd_nom]);
      expect(await species(admin)).toEqual([BLACKBIRD, MALLARD, rows[0]!.cd_nom]);
      await call('DELETE', `/api/observations/${eagle.json<SavedObservation>().id}`, alice);

      // Hidden by a moderator; a programme showing only validated observations.
      await sql`update observations set hidden_at = now() where id = ${blackbird.id}`.execute(db());
      expect(await species(null)).toEqual([MALLARD]);
      expect(await species(alice)).toEqual([BLACKBIRD, MALLARD]);
      await sql`update observations set hidden_at = null where id = ${blackbird.id}`.execute(db());
      await sql`update programs set public_validated_only = true where id = ${programId}`.execute(
        db(),
      );
      await sql`update observations set validation_status = 'probable' where id = ${blackbird.id}`.execute(
        db(),
      );
      expect(await species(null)).toEqual([BLACKBIRD]);
      await sql`update programs set public_validated_only = false where id = ${programId}`.execute(
        db(),
      );
      expect(await species(null)).toEqual([BLACKBIRD, MALLARD]);
    });

    it('refuses to change the type of a site that has visits', async () => {
      const response = await call('PATCH', `/api/sites/${siteId}`, alice, {
        siteTypeId: tree.id,
        customData: {},
      });
      expect(response.statusCode).toBe(409);
    });
  });

  describe('map, lists and dashboard', () => {
    let treeId: number;

    beforeAll(async () => {
      const created = await call('POST', '/api/sites', bob, {
        programId,
        siteTypeId: tree.id,
        name: 'Old oak',
        location: { type: 'Point', coordinates: NEAR },
      });
      treeId = created.json<SiteDetail>().id;
    });

    it('serves the sites as GeoJSON with their type and latest visit, filtered', async () => {
      const response = await call('GET', `/api/programs/${programId}/sites.geojson`, null);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
      const map = response.json<SiteFeatureCollection>();
      expect(
        map.features.map((f) => [
          f.id,
          f.properties.siteTypeName,
          f.properties.lastVisitOn,
          f.properties.visitCount,
        ]),
      ).toEqual([
        [siteId, 'Pond', '2026-04-03', 2],
        [treeId, 'Tree', null, 0],
      ]);
      expect(map.features[0]!.properties.thumbUrl).toMatch(/^\/api\/media\/.+\/thumb$/);
      expect(map.features[1]!.properties).toMatchObject({
        pictogramUrl: '/pictos/tree.svg',
        thumbUrl: null,
      });
      const ponds = (
        await call('GET', `/api/programs/${programId}/sites.geojson?type=${pond.id}`, null)
      ).json<SiteFeatureCollection>();
      expect(ponds.features.map((f) => f.id)).toEqual([siteId]);
      const recent = (
        await call('GET', `/api/programs/${programId}/sites.geojson?visitedSince=2026-04-01`, null)
      ).json<SiteFeatureCollection>();
      expect(recent.features.map((f) => f.id)).toEqual([siteId]);
      const none = (
        await call('GET', `/api/programs/${programId}/sites.geojson?visitedSince=2026-05-01`, null)
      ).json<SiteFeatureCollection>();
      expect(none.features).toEqual([]);
    });

    it('lists the sites, newest first, with paging and filters', async () => {
      const list = (
        await call('GET', `/api/programs/${programId}/sites?limit=1`, null)
      ).json<SiteList>();
      expect(list.total).toBe(2);
      expect(list.items.map((s) => s.name)).toEqual(['Old oak']);
      const next = (
        await call('GET', `/api/programs/${programId}/sites?limit=1&offset=1`, null)
      ).json<SiteList>();
      expect(next.items[0]).toMatchObject({
        id: siteId,
        visitCount: 2,
        lastVisitOn: '2026-04-03',
        creator: { username: 'alice' },
      });
      expect(next.items[0]!.photo).not.toBeNull();
      const trees = (
        await call('GET', `/api/programs/${programId}/sites?type=${tree.id}`, null)
      ).json<SiteList>();
      expect(trees.items.map((s) => s.id)).toEqual([treeId]);
      expect((await call('GET', '/api/programs/999999/sites', null)).statusCode).toBe(404);
    });

    it('gives each user their sites and visits', async () => {
      expect((await call('GET', '/api/me/sites', null)).statusCode).toBe(401);
      const mine = (await call('GET', '/api/me/sites', bob)).json<MySites>();
      expect(mine.created.map((s) => s.name)).toEqual(['Old oak']);
      expect(mine.visited.map((s) => s.name)).toEqual(['Grande mare']);
      expect(mine.visits).toEqual([
        {
          id: bobVisit.id,
          siteId,
          siteName: 'Grande mare',
          programId,
          visitedOn: '2026-03-20',
          speciesCount: 0,
        },
      ]);
      const alices = (await call('GET', '/api/me/sites', alice)).json<MySites>();
      expect(alices.created.map((s) => s.id)).toEqual([siteId]);
      expect(alices.visited).toEqual([]);
      expect(alices.visits[0]).toMatchObject({ id: aliceVisit.id, speciesCount: 2 });
    });
  });

  describe('deleting', () => {
    it('refuses the creator a site others visited; a visit goes with its species and photos', async () => {
      const refused = await call('DELETE', `/api/sites/${siteId}`, alice);
      expect(refused.statusCode).toBe(403);
      expect(refused.json<ErrorResponse>().code).toBe('site.visitedByOthers');
      expect((await call('DELETE', `/api/visits/${bobVisit.id}`, alice)).statusCode).toBe(403);
      expect((await call('DELETE', `/api/visits/${bobVisit.id}`, bob)).statusCode).toBe(204);
      expect((await call('GET', `/api/visits/${bobVisit.id}`, bob)).statusCode).toBe(404);
      expect(
        (await call('GET', `/api/sites/${siteId}`, alice)).json<SiteDetail>().permissions.delete,
      ).toBe(true);
    });

    it('deletes a site with its visits, their observations and every photo', async () => {
      const before = mediaFiles().length;
      expect(before).toBeGreaterThanOrEqual(6);
      expect((await call('DELETE', `/api/sites/${siteId}`, bob)).statusCode).toBe(403);
      expect((await call('DELETE', `/api/sites/${siteId}`, alice)).statusCode).toBe(204);
      expect((await call('GET', `/api/sites/${siteId}`, alice)).statusCode).toBe(404);
      expect((await call('GET', `/api/observations/${blackbird.id}`, alice)).statusCode).toBe(404);
      expect(before - mediaFiles().length).toBe(6);
      const { rows } = await sql<{ n: number }>`
        select (select count(*) from visits where site_id = ${siteId})
          + (select count(*) from observations where visit_id = ${aliceVisit.id})
          + (select count(*) from site_media where site_id = ${siteId}) as n`.execute(db());
      expect(Number(rows[0]!.n)).toBe(0);
    });
  });
});
