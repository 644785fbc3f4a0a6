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
  SiteType,
} from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { describeWithDemo } from '../engines.js';
import { jpegWithGps, multipart } from '../images.js';
import { POND, pondsWithASite, pondVisit as visit, type Call, type SignedIn } from './helpers.js';

const NEAR = [4.86, 45.77];
const BLACKBIRD = 4117;
const MALLARD = 1966;

/** Visits, the map and lists, and deleting, from where sites.int.test.ts ends (pondsWithASite). */
describeWithDemo('site protocols', (database) => {
  let app: App;
  let call: Call;
  let mediaFiles: () => string[];
  let admin: SignedIn;
  let alice: SignedIn;
  let bob: SignedIn;
  let carol: SignedIn;
  let programId: number;
  let pond: SiteType;
  let tree: SiteType;
  let siteId: number;
  let aliceVisit: SavedVisit;
  let bobVisit: SavedVisit;
  let blackbird: SavedObservation;
  const db = () => database().db;

  beforeAll(async () => {
    ({ app, call, mediaFiles, admin, alice, bob, carol, programId, pond, tree, siteId } =
      await pondsWithASite(database()));
  });
  afterAll(() => app?.close());

  describe('visits', () => {
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
