import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { BadgeRuleInput } from '@citizen/shared';
import type { CurrentUser } from '../../src/auth/current-user.js';
import { expectedAwards, storedAwards } from '../../src/badges/awards.repository.js';
import { createServices } from '../../src/services.js';
import { createUser } from '../accounts/helpers.js';
import { testConfig } from '../app.js';
import { describeWithDemo } from '../engines.js';
import { squareAround } from '../sites/helpers.js';
import { HERE } from './helpers.js';

/**
 * The incremental badge updates against a rebuild from scratch: a seeded random sequence of
 * creations, edits and deletions of observations, sites and visits by several users (and an
 * admin, and changes made outside the writer), comparing the stored awards with what a rebuild
 * would store after every step. BADGE_SEED=n replays another sequence.
 */
const SEED = Number(process.env.BADGE_SEED ?? 20_260_514);
const STEPS = 150;
// Thrushes, a tit, ducks, a hawk, a butterfly, a synonym of the blackbird (no classification of
// its own) and a genus (not a species).
const TAXA = [4117, 4129, 4142, 3764, 1966, 1958, 2891, 54496, 999_001, 999_002];

/** mulberry32: a small seeded generator. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

describeWithDemo('badges: incremental updates equal a rebuild', (database, engine) => {
  let services: ReturnType<typeof createServices>;
  let users: CurrentUser[];
  let admin: CurrentUser;
  let counted: number;
  let silent: number;
  let sitesProgram: number;
  let siteType: number;
  let ruleIds: number[];
  const db = () => database().db;

  beforeAll(async () => {
    await sql`insert into taxa (cd_nom, cd_ref, rank, scientific_name, kingdom, class, "order", family) values
      (999001, 4117, 'ES', 'Merula vulgaris', 'Animalia', null, null, null),
      (999002, 999002, 'GN', 'Turdus', 'Animalia', 'Aves', 'Passeriformes', 'Turdidae')`.execute(
      db(),
    );
    services = createServices(testConfig({ BADGES_ENABLED: 'true' }), database());
    const program = async (slug: string, kind: 'observations' | 'sites' = 'observations') =>
      (await services.programs.create({ slug, title: slug, kind, area: squareAround(HERE) })).id;
    counted = await program('counted');
    silent = await program('silent');
    sitesProgram = await program('ponds', 'sites');
    await services.badges.setProgramSettings(silent, { badgesEnabled: false });
    siteType = (await services.siteTypes.createType(sitesProgram, { name: 'Pond' })).id;
    const made = [];
    for (const name of ['ana', 'ben', 'cleo', 'dev']) {
      made.push(await createUser(db(), { username: `${name}-${engine}` }));
    }
    users = made.map((u) => ({ id: u.id, username: u.username, role: 'observer' as const }));
    const root = await createUser(db(), { username: `root-${engine}`, role: 'admin' });
    admin = { id: root.id, username: root.username, role: 'admin' };
    const longAgo = new Date(Date.now() - 2 * 86_400_000);
    await db()
      .updateTable('users')
      .set({ created_at: longAgo })
      .where('id', 'in', [users[0]!.id, users[2]!.id])
      .execute();

    const rules: BadgeRuleInput[] = [
      { kind: 'total_observations', threshold: 3, name: { en: 'T3' } },
      { kind: 'total_observations', threshold: 6, name: { en: 'T6' } },
      { kind: 'program_observations', programId: counted, threshold: 2, name: { en: 'P2' } },
      { kind: 'program_observations', programId: silent, threshold: 1, name: { en: 'S1' } },
      {
        kind: 'taxon_species',
        taxonRank: 'family',
        taxonName: 'Turdidae',
        threshold: 2,
        name: { en: 'Thrushes' },
      },
      {
        kind: 'taxon_species',
        taxonRank: 'order',
        taxonName: 'Passeriformes',
        threshold: 3,
        name: { en: 'Songbirds' },
      },
      {
        kind: 'taxon_species',
        taxonRank: 'class',
        taxonName: 'Aves',
        threshold: 4,
        name: { en: 'Birds' },
      },
      {
        kind: 'taxon_species',
        taxonRank: 'family',
        taxonName: 'Anatidae',
        programId: sitesProgram,
        threshold: 1,
        name: { en: 'Pond ducks' },
      },
      { kind: 'site_visits', threshold: 2, name: { en: 'V2' } },
      { kind: 'site_visits', programId: sitesProgram, threshold: 3, name: { en: 'V3' } },
      { kind: 'seniority', threshold: 0, name: { en: 'Welcome' } },
      { kind: 'seniority', threshold: 1, name: { en: 'Day one' } },
    ];
    ruleIds = [];
    for (const input of rules) ruleIds.push((await services.badgeRules.createRule(input)).id);
    await services.badges.recompute();
  });

  it(`stays equal to a rebuild through ${STEPS} random steps (seed ${SEED})`, async () => {
    const rng = random(SEED);
    type Obs = { id: string; observerId: number; visitId: number | null };
    type SiteRow = { id: number; creatorId: number };
    type VisitRow = { id: number; siteId: number; observerId: number; date: string };
    const observations: Obs[] = [];
    const sites: SiteRow[] = [];
    const visits: VisitRow[] = [];
    const userById = (id: number) => users.find((u) => u.id === id)!;
    const day = () => `2026-0${3 + rng.int(2)}-${String(1 + rng.int(28)).padStart(2, '0')}`;
    const log: string[] = [];
    const ours = new Set(users.map((u) => `${u.id}:`));
    const everHeld = new Set<string>();
    let changes = 0;
    let previous = await storedAwards(db());

    const actions: [number, () => Promise<string | null>][] = [
      [
        6,
        async () => {
          const user = rng.pick(users);
          const programId = rng.next() < 0.8 ? counted : silent;
          const saved = await services.observationWriter.create(
            {
              programId,
              cdNom: rng.pick(TAXA),
              observedOn: day(),
              location: { type: 'Point', coordinates: HERE },
            },
            [],
            user,
          );
          observations.push({ id: saved.id, observerId: user.id, visitId: null });
          return `${user.username} observes in ${programId === counted ? 'counted' : 'silent'}`;
        },
      ],
      [
        3,
        async () => {
          if (observations.length === 0) return null;
          const obs = rng.pick(observations);
          const actor = rng.next() < 0.2 ? admin : userById(obs.observerId);
          await services.observationWriter.update(obs.id, { cdNom: rng.pick(TAXA) }, [], actor);
          return `${actor.username} re-identifies an observation`;
        },
      ],
      [
        3,
        async () => {
          if (observations.length === 0) return null;
          const obs = rng.pick(observations);
          const actor = rng.next() < 0.2 ? admin : userById(obs.observerId);
          await services.observationWriter.delete(obs.id, actor);
          observations.splice(observations.indexOf(obs), 1);
          return `${actor.username} deletes an observation`;
        },
      ],
      [
        1,
        async () => {
          const user = rng.pick(users);
          const site = await services.sites.createSite(
            {
              programId: sitesProgram,
              siteTypeId: siteType,
              name: `Site ${sites.length}`,
              location: { type: 'Point', coordinates: HERE },
            },
            [],
            user,
            'en',
          );
          sites.push({ id: site.id, creatorId: user.id });
          return `${user.username} creates a site`;
        },
      ],
      [
        4,
        async () => {
          if (sites.length === 0) return null;
          const site = rng.pick(sites);
          const user = rng.pick(users);
          const visit = await services.visits.createVisit(
            site.id,
            { visitedOn: day() },
            [],
            user,
            'en',
          );
          visits.push({
            id: visit.id,
            siteId: site.id,
            observerId: user.id,
            date: visit.visitedOn,
          });
          return `${user.username} visits a site`;
        },
      ],
      [
        4,
        async () => {
          if (visits.length === 0) return null;
          const visit = rng.pick(visits);
          const user = userById(visit.observerId);
          const saved = await services.observationWriter.create(
            {
              programId: sitesProgram,
              cdNom: rng.pick(TAXA),
              observedOn: visit.date,
              location: { type: 'Point', coordinates: HERE },
              visitId: visit.id,
            },
            [],
            user,
          );
          observations.push({ id: saved.id, observerId: user.id, visitId: visit.id });
          return `${user.username} records a species during a visit`;
        },
      ],
      [
        1,
        async () => {
          if (visits.length === 0) return null;
          const visit = rng.pick(visits);
          const date = day();
          await services.visits.updateVisit(
            visit.id,
            { visitedOn: date },
            [],
            userById(visit.observerId),
            'en',
          );
          visit.date = date;
          return 'a visit changes date';
        },
      ],
      [
        2,
        async () => {
          if (visits.length === 0) return null;
          const visit = rng.pick(visits);
          const actor = rng.next() < 0.2 ? admin : userById(visit.observerId);
          await services.visits.deleteVisit(visit.id, actor);
          visits.splice(visits.indexOf(visit), 1);
          for (const o of observations.filter((o) => o.visitId === visit.id))
            observations.splice(observations.indexOf(o), 1);
          return `${actor.username} deletes a visit`;
        },
      ],
      [
        1,
        async () => {
          if (sites.length === 0) return null;
          const site = rng.pick(sites);
          const othersVisited = visits.some(
            (v) => v.siteId === site.id && v.observerId !== site.creatorId,
          );
          const actor = othersVisited ? admin : userById(site.creatorId);
          await services.sites.deleteSite(site.id, actor);
          sites.splice(sites.indexOf(site), 1);
          const gone = new Set(visits.filter((v) => v.siteId === site.id).map((v) => v.id));
          for (const v of visits.filter((v) => gone.has(v.id))) visits.splice(visits.indexOf(v), 1);
          for (const o of observations.filter((o) => o.visitId !== null && gone.has(o.visitId))) {
            observations.splice(observations.indexOf(o), 1);
          }
          return `${actor.username} deletes a site`;
        },
      ],
      [
        1,
        async () => {
          // A change made elsewhere (a validator's re-identification), then the refresh hook.
          if (observations.length === 0) return null;
          const obs = rng.pick(observations);
          await db()
            .updateTable('observations')
            .set({ cd_nom: rng.pick(TAXA) })
            .where('id', '=', obs.id)
            .execute();
          await services.badges.refreshUsers([obs.observerId]);
          return 'a validator re-identifies an observation';
        },
      ],
      [
        1,
        async () => {
          const id = rng.pick(ruleIds);
          const rule = await services.badgeRules.getRule(id);
          const threshold = Math.max(
            rule.kind === 'seniority' ? 0 : 1,
            rule.threshold + rng.pick([-1, 1]),
          );
          await services.badgeRules.updateRule(id, { threshold });
          return `an admin sets rule ${rule.name.en} to ${threshold}`;
        },
      ],
    ];
    const weights = actions.reduce((sum, [w]) => sum + w, 0);

    for (let step = 0; step < STEPS; step++) {
      let pick = rng.int(weights);
      const [, action] = actions.find(([w]) => (pick -= w) < 0)!;
      const what = await action();
      if (what === null) continue;
      log.push(`${step}: ${what}`);
      const [stored, expected] = [await storedAwards(db()), await expectedAwards(db())];
      expect(stored, log.join('\n')).toEqual(expected);
      if (stored.join() !== previous.join()) changes += 1;
      previous = stored;
      for (const award of stored) {
        if ([...ours].some((prefix) => award.startsWith(prefix)))
          everHeld.add(award.split(':')[1]!);
      }
    }
    // The sequence did exercise the rules: most were earned (and awards changed) along the way.
    expect(everHeld.size).toBeGreaterThanOrEqual(9);
    expect(changes).toBeGreaterThanOrEqual(20);
    expect(log.length).toBeGreaterThan(STEPS / 2);
  });
});
