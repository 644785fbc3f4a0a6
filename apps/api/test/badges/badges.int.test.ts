import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AdminBadgeRule,
  ErrorResponse,
  Leaderboard,
  MyBadges,
  SavedObservation,
  SavedVisit,
  UserBadges,
} from '@citizen/shared';
import { expectedAwards, storedAwards } from '../../src/badges/awards.repository.js';
import type { App } from '../../src/http/types.js';
import type { createServices } from '../../src/services.js';
import { createUser } from '../accounts/helpers.js';
import { testApp } from '../app.js';
import { describeWithDemo } from '../engines.js';
import { signedIn, type Call, type SignedIn } from '../sites/helpers.js';
import { badgesAppWithProgrammes, HERE, type BadgesApp } from './helpers.js';

const BLACKBIRD = 4117;
const SONG_THRUSH = 4129;
const GREAT_TIT = 3764;
const MALLARD = 1966;

/**
 * Awarding the badges, and the leaderboards (rules.int.test.ts checks the rules), on the demo's
 * taxonomy, programmes and observations (which the first rebuild counts).
 */
describeWithDemo('badges', (database) => {
  let env: BadgesApp['env'];
  let app: App;
  let call: Call;
  let rule: BadgesApp['rule'];
  let services: ReturnType<typeof createServices>;
  let admin: SignedIn;
  let dana: SignedIn;
  let eve: SignedIn;
  let counted: number;
  let silent: number;
  let sitesProgram: number;
  let siteType: number;
  const db = () => database().db;

  const observe = async (who: SignedIn, extra: object = {}) => {
    const response = await call('POST', '/api/observations', who, {
      programId: counted,
      cdNom: BLACKBIRD,
      observedOn: '2026-05-01',
      location: { type: 'Point', coordinates: HERE },
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<SavedObservation>();
  };
  const badgeIds = async (username: string) =>
    (await call('GET', `/api/users/${username}/badges`, null))
      .json<UserBadges>()
      .badges.map((b) => b.id);
  const consistent = async () =>
    expect(await storedAwards(db())).toEqual(await expectedAwards(db()));

  beforeAll(async () => {
    ({ env, app, call, rule, services, admin, dana, eve, counted, silent, sitesProgram, siteType } =
      await badgesAppWithProgrammes(database()));
  });
  afterAll(() => app?.close());

  describe('each rule type at its threshold', () => {
    it('total observations: awarded at the threshold, announced once, withdrawn below', async () => {
      const total = await rule({
        kind: 'total_observations',
        threshold: 2,
        name: { fr: 'Curieux', en: 'Curious' },
      });
      const first = await observe(dana);
      expect(first.newBadges).toEqual([]);
      // Observations in a programme without badges do not count.
      expect((await observe(dana, { programId: silent })).newBadges).toEqual([]);
      const second = await observe(dana);
      expect(second.newBadges!.map((b) => b.id)).toEqual([total.id]);
      expect(second.newBadges![0]).toMatchObject({
        name: { fr: 'Curieux', en: 'Curious' },
        kind: 'total_observations',
      });
      expect((await observe(dana)).newBadges).toEqual([]);
      expect(await badgeIds('dana')).toContain(total.id);
      await call('DELETE', `/api/observations/${second.id}`, dana);
      expect(await badgeIds('dana')).toContain(total.id);
      await call('DELETE', `/api/observations/${first.id}`, dana);
      expect(await badgeIds('dana')).not.toContain(total.id);
      await consistent();
      await call('DELETE', `/api/admin/badges/rules/${total.id}`, admin);
    });

    it('programme observations: counted in that programme only', async () => {
      const inProgram = await rule({
        kind: 'program_observations',
        programId: counted,
        threshold: 2,
        name: { en: 'Local' },
      });
      const other = await rule({
        kind: 'program_observations',
        programId: silent,
        threshold: 1,
        name: { en: 'Silent' },
      });
      await observe(eve, { programId: silent });
      const one = await observe(eve);
      expect(await badgeIds('eve')).not.toContain(inProgram.id);
      const two = await observe(eve);
      expect(two.newBadges!.map((b) => b.id)).toEqual([inProgram.id]);
      expect(await badgeIds('eve')).not.toContain(other.id);
      await call('DELETE', `/api/observations/${one.id}`, eve);
      expect(await badgeIds('eve')).not.toContain(inProgram.id);
      await consistent();
    });

    it('taxonomic recognition: distinct species of an order or family, withdrawn when re-identified', async () => {
      const thrushes = await rule({
        kind: 'taxon_species',
        taxonRank: 'family',
        taxonName: 'Turdidae',
        threshold: 2,
        name: { en: 'Thrushes' },
      });
      const songbirds = await rule({
        kind: 'taxon_species',
        taxonRank: 'order',
        taxonName: 'Passeriformes',
        threshold: 3,
        name: { en: 'Songbirds' },
      });
      const fresh = await signedIn(app, db(), { username: 'frank' });
      const taxonomic = (o: SavedObservation) =>
        o.newBadges!.map((b) => b.id).filter((id) => id === thrushes.id || id === songbirds.id);
      await observe(fresh, { cdNom: BLACKBIRD });
      // The same species again is not a new one.
      expect(taxonomic(await observe(fresh, { cdNom: BLACKBIRD }))).toEqual([]);
      const thrush = await observe(fresh, { cdNom: SONG_THRUSH });
      expect(taxonomic(thrush)).toEqual([thrushes.id]);
      expect(taxonomic(await observe(fresh, { cdNom: GREAT_TIT }))).toEqual([songbirds.id]);
      const duck = await call('PATCH', `/api/observations/${thrush.id}`, fresh, { cdNom: MALLARD });
      expect(duck.statusCode).toBe(200);
      const held = await badgeIds('frank');
      expect(held).not.toContain(thrushes.id);
      expect(held).not.toContain(songbirds.id);
      await consistent();
    });

    it('seniority: awarded when the account reaches the age, dated from that moment', async () => {
      const month = await rule({ kind: 'seniority', threshold: 30, name: { en: 'One month' } });
      const gina = await createUser(db(), { username: 'gina' });
      expect((await call('GET', '/api/users/gina/badges', null)).json<UserBadges>().badges).toEqual(
        [],
      );
      const created = new Date(Date.now() - 31 * 86_400_000);
      await db()
        .updateTable('users')
        .set({ created_at: created })
        .where('id', '=', gina.id)
        .execute();
      const page = (await call('GET', '/api/users/GINA/badges', null)).json<UserBadges>();
      expect(page.badges.map((b) => [b.id, b.awardedAt])).toEqual([
        [month.id, new Date(created.valueOf() + 30 * 86_400_000).toISOString()],
      ]);
      expect(JSON.stringify(page)).not.toContain('@');
      await db()
        .updateTable('users')
        .set({ created_at: new Date() })
        .where('id', '=', gina.id)
        .execute();
      await services.badges.refreshUsers([gina.id]);
      expect(await badgeIds('gina')).toEqual([]);
      await consistent();
      await call('PATCH', `/api/admin/badges/rules/${month.id}`, admin, { active: false });
    });

    it('site visits: the visit response announces the badge; deleting the visit withdraws it', async () => {
      const visits = await rule({
        kind: 'site_visits',
        programId: sitesProgram,
        threshold: 2,
        name: { en: 'Faithful' },
      });
      const site = await call('POST', '/api/sites', dana, {
        programId: sitesProgram,
        siteTypeId: siteType,
        name: 'Pond',
        location: { type: 'Point', coordinates: HERE },
      });
      expect(site.statusCode).toBe(201);
      const siteId = site.json<{ id: number }>().id;
      const visit = (day: string) =>
        call('POST', `/api/sites/${siteId}/visits`, dana, { visitedOn: day });
      expect((await visit('2026-04-01')).json<SavedVisit>().newBadges).toEqual([]);
      const second = (await visit('2026-04-08')).json<SavedVisit>();
      expect(second.newBadges!.map((b) => b.id)).toEqual([visits.id]);
      await call('DELETE', `/api/visits/${second.id}`, dana);
      expect(await badgeIds('dana')).not.toContain(visits.id);
      await consistent();
    });

    it('gives the author, not the admin who edits, the badges an edit earns', async () => {
      const songbirds = await rule({
        kind: 'taxon_species',
        taxonRank: 'family',
        taxonName: 'Paridae',
        threshold: 1,
        name: { en: 'Tits' },
      });
      const obs = await observe(eve, { cdNom: MALLARD });
      const edited = await call('PATCH', `/api/observations/${obs.id}`, admin, {
        cdNom: GREAT_TIT,
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json<SavedObservation>().newBadges).toEqual([]);
      expect(await badgeIds('eve')).toContain(songbirds.id);
      // Eve hears of it with her next observation.
      expect((await observe(eve, { cdNom: MALLARD })).newBadges!.map((b) => b.id)).toContain(
        songbirds.id,
      );
    });

    it('shows my badges with my progress towards the others', async () => {
      const mine = await call('GET', '/api/me/badges', eve);
      expect(mine.statusCode).toBe(200);
      const body = mine.json<MyBadges>();
      expect(body.hideFromLeaderboards).toBe(false);
      const local = body.progress.find(
        (p) => p.rule.kind === 'program_observations' && p.rule.programId === counted,
      );
      const held = body.badges.some(
        (b) => b.kind === 'program_observations' && b.programId === counted,
      );
      expect(held || local !== undefined).toBe(true);
      expect((await call('GET', '/api/me/badges', null)).statusCode).toBe(401);
    });
  });

  describe('leaderboards and switches', () => {
    it('ranks the users of a programme that has a leaderboard, without those who opted out', async () => {
      expect((await call('GET', `/api/programs/${counted}/leaderboard`, null)).statusCode).toBe(
        404,
      );
      await call('PATCH', `/api/admin/programs/${counted}/badge-settings`, admin, {
        leaderboardEnabled: true,
      });
      const board = (
        await call('GET', `/api/programs/${counted}/leaderboard`, null)
      ).json<Leaderboard>();
      const { rows } = await sql<{ username: string; n: number }>`
        select u.username, count(*)::int as n from observations o join users u on u.id = o.observer_id
        where o.program_id = ${counted} group by u.username order by n desc, lower(u.username)`.execute(
        db(),
      );
      expect(board.items.map((i) => [i.username, i.count])).toEqual(
        rows.map((r) => [r.username, r.n]),
      );
      expect(board.items[0]!.rank).toBe(1);
      const hide = await call('PUT', '/api/me/leaderboard-preference', eve, {
        hideFromLeaderboards: true,
      });
      expect(hide.json()).toEqual({ hideFromLeaderboards: true });
      const after = (
        await call('GET', `/api/programs/${counted}/leaderboard?by=species`, null)
      ).json<Leaderboard>();
      expect(after.by).toBe('species');
      expect(after.items.map((i) => i.username)).not.toContain('eve');
      expect(after.items.length).toBeGreaterThan(0);
      const visits = await call('GET', `/api/programs/${sitesProgram}/leaderboard?by=visits`, null);
      expect(visits.statusCode).toBe(404);
    });

    it('rebuilds everything from scratch to the same result, from the CLI route too', async () => {
      await consistent();
      const before = await storedAwards(db());
      const report = await call('POST', '/api/admin/badges/recompute', admin);
      expect(report.statusCode).toBe(200);
      expect(report.json()).toMatchObject({ awarded: 0, withdrawn: 0 });
      expect(await storedAwards(db())).toEqual(before);
      await db().deleteFrom('user_badges').execute();
      const rebuilt = (await call('POST', '/api/admin/badges/recompute', admin)).json<{
        awarded: number;
      }>();
      expect(rebuilt.awarded).toBe(before.length);
      expect(await storedAwards(db())).toEqual(before);
    });

    it('counts a programme again once its badges are switched back on', async () => {
      const silentRule = await rule({
        kind: 'program_observations',
        programId: silent,
        threshold: 1,
        name: { en: 'S' },
      });
      expect(silentRule.holders).toBe(0);
      await call('PATCH', `/api/admin/programs/${silent}/badge-settings`, admin, {
        badgesEnabled: true,
      });
      const { holders } = (await call('GET', '/api/admin/badges/rules', admin))
        .json<{ items: AdminBadgeRule[] }>()
        .items.find((r) => r.id === silentRule.id)!;
      expect(holders).toBe(2);
      await consistent();
      await call('PATCH', `/api/admin/programs/${silent}/badge-settings`, admin, {
        badgesEnabled: false,
      });
      await consistent();
    });

    it('is off on an instance without BADGES_ENABLED', async () => {
      const off = await testApp(database(), { ...env, BADGES_ENABLED: 'false' });
      try {
        for (const url of [
          '/api/badges',
          '/api/users/dana/badges',
          `/api/programs/${counted}/leaderboard`,
        ]) {
          const response = await off.inject({ method: 'GET', url });
          expect(response.statusCode).toBe(404);
          expect(response.json<ErrorResponse>().code).toBe('badges.disabled');
        }
        const response = await off.inject({
          method: 'POST',
          url: '/api/observations',
          headers: dana.headers,
          payload: {
            programId: counted,
            cdNom: BLACKBIRD,
            observedOn: '2026-05-01',
            location: { type: 'Point', coordinates: HERE },
          },
        });
        expect(response.statusCode).toBe(201);
        expect(response.json<SavedObservation>().newBadges).toBeUndefined();
        // The back office still lists (and edits) the rules, and says that badges are off.
        const rules = await off.inject({
          method: 'GET',
          url: '/api/admin/badges/rules',
          headers: admin.headers,
        });
        expect(rules.statusCode).toBe(200);
        expect(rules.json<{ enabled: boolean }>().enabled).toBe(false);
      } finally {
        await off.close();
      }
    });
  });
});
