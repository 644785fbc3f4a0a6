import { sql, type Kysely, type Transaction } from 'kysely';
import type {
  AdminBadgeRule,
  BadgeRecomputeReport,
  BadgeRule,
  BadgeRuleInput,
  BadgeRulePatch,
  BadgeTaxonGroupQuery,
  BadgeTaxonGroups,
  EarnedBadge,
  Leaderboard,
  LeaderboardQuery,
  BadgeName,
  MyBadges,
  ProgramBadgeSettings,
  UserBadges,
} from '@citizen/shared';
import type { Config } from '../config/config.js';
import type { DB } from '../db/schema.js';
import { BadRequestError, NotFoundError } from '../http/errors.js';
import { photoUrls } from '../media/photos.service.js';
import { safeObserverName } from '../users/public-name.js';
import {
  activeRules,
  evaluateUser,
  rebuild,
  userMetrics,
  type Rule,
  type Scope,
} from './engine.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** An observation as the badges see it: whose, where and what. */
export type ObservationFacts = { observerId: number | null; programId: number; cdNom: number };

export type BadgesDeps = {
  db: Kysely<DB>;
  config: Config;
  /** Where failures of the after-commit updates go (they never fail the request). */
  logError?: (error: unknown, message: string) => void;
};

const ruleColumns = [
  'r.id',
  'r.kind',
  'r.program_id',
  'r.taxon_rank',
  'r.taxon_name',
  'r.threshold',
  'r.level',
  'r.name',
  'r.description',
  'r.picture_media_id',
  'r.picture_url',
  'r.is_active',
] as const;

type RuleRow = {
  id: number;
  kind: BadgeRule['kind'];
  program_id: number | null;
  taxon_rank: BadgeRule['taxonRank'];
  taxon_name: string | null;
  threshold: number;
  level: number;
  name: unknown;
  description: unknown;
  picture_media_id: string | null;
  picture_url: string | null;
  is_active: boolean;
};

function toRule(row: RuleRow): BadgeRule {
  return {
    id: Number(row.id),
    kind: row.kind,
    programId: row.program_id === null ? null : Number(row.program_id),
    taxonRank: row.taxon_rank,
    taxonName: row.taxon_name,
    threshold: row.threshold,
    level: row.level,
    name: row.name as BadgeName,
    description: (row.description ?? {}) as BadgeRule['description'],
    pictureUrl: row.picture_media_id ? photoUrls(row.picture_media_id).displayUrl : row.picture_url,
    active: row.is_active,
  };
}

const earned = (row: RuleRow & { awarded_at: Date }): EarnedBadge => ({
  ...toRule(row),
  awardedAt: new Date(row.awarded_at).toISOString(),
});

export class BadgesDisabledError extends NotFoundError {
  constructor() {
    super('Badges are not enabled on this instance');
  }
}

export function createBadgesService({ db, config, logError = defaultLogError }: BadgesDeps) {
  const enabled = config.badges.enabled;

  function requireEnabled() {
    if (!enabled) throw new BadgesDisabledError();
  }

  const rulesQuery = (executor: Executor = db) =>
    executor.selectFrom('badge_rules as r').select(ruleColumns);

  async function findRule(id: number): Promise<RuleRow> {
    const row = await rulesQuery().where('r.id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(`Badge rule ${id} does not exist`);
    return row as RuleRow;
  }

  async function adminView(id: number): Promise<AdminBadgeRule> {
    const row = await findRule(id);
    const { n } = await db
      .selectFrom('user_badges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('rule_id', '=', id)
      .executeTakeFirstOrThrow();
    return { ...toRule(row), pictureMediaId: row.picture_media_id, holders: Number(n) };
  }

  /** Checks a rule as it will be stored (after a patch is merged). */
  async function checkRule(rule: {
    kind: BadgeRule['kind'];
    programId: number | null;
    taxonRank: BadgeRule['taxonRank'];
    taxonName: string | null;
    threshold: number;
    pictureMediaId: string | null;
    pictureUrl: string | null;
  }) {
    const bad = (field: string, message: string) =>
      new BadRequestError(`${field} ${message}`, { errors: [{ field, message }] });
    if (rule.kind === 'program_observations' && rule.programId === null)
      throw bad('programId', 'is required for a program_observations rule');
    if (
      (rule.kind === 'total_observations' || rule.kind === 'seniority') &&
      rule.programId !== null
    )
      throw bad('programId', `must be null for a ${rule.kind} rule`);
    if (rule.kind === 'taxon_species' && (!rule.taxonRank || !rule.taxonName))
      throw bad('taxonName', 'and taxonRank are required for a taxon_species rule');
    if (rule.kind !== 'taxon_species' && (rule.taxonRank || rule.taxonName))
      throw bad('taxonRank', 'is only for taxon_species rules');
    if (rule.kind !== 'seniority' && rule.threshold < 1)
      throw bad('threshold', 'must be at least 1 (0 is only for seniority)');
    if (rule.pictureMediaId && rule.pictureUrl)
      throw bad('pictureUrl', 'and pictureMediaId are exclusive');
    if (rule.programId !== null) {
      const program = await db
        .selectFrom('programs')
        .select('id')
        .where('id', '=', rule.programId)
        .executeTakeFirst();
      if (!program) throw bad('programId', `: programme ${rule.programId} does not exist`);
    }
    if (rule.pictureMediaId) {
      const media = await db
        .selectFrom('media')
        .select('id')
        .where('id', '=', rule.pictureMediaId)
        .executeTakeFirst();
      if (!media) throw bad('pictureMediaId', 'is not a stored image');
    }
  }

  /** Marks the user's unannounced badges as announced and returns them. */
  async function announce(userId: number): Promise<EarnedBadge[]> {
    const rows = await db
      .updateTable('user_badges')
      .set({ announced_at: new Date() })
      .where('user_id', '=', userId)
      .where('announced_at', 'is', null)
      .returning(['rule_id', 'awarded_at'])
      .execute();
    if (rows.length === 0) return [];
    const rules = await rulesQuery()
      .where(
        'r.id',
        'in',
        rows.map((r) => r.rule_id),
      )
      .execute();
    const awardedAt = new Map(rows.map((r) => [Number(r.rule_id), r.awarded_at]));
    return (rules as RuleRow[])
      .map((r) => earned({ ...r, awarded_at: awardedAt.get(Number(r.id))! }))
      .sort((a, b) => a.awardedAt.localeCompare(b.awardedAt) || a.id - b.id);
  }

  /**
   * After a change committed: re-evaluates what it can affect for each user and, when `actorId`
   * is one of them, returns (and marks as announced) the actor's badges not announced yet.
   * A failure is logged, never thrown: the change itself is saved.
   */
  async function afterChange(
    changes: { userId: number; scope: Scope }[],
    actorId: number | null,
  ): Promise<EarnedBadge[] | undefined> {
    if (!enabled) return undefined;
    try {
      const byUser = new Map<number, Scope[]>();
      for (const change of changes) {
        byUser.set(change.userId, [...(byUser.get(change.userId) ?? []), change.scope]);
      }
      for (const [userId, scopes] of byUser) {
        await evaluateUser(db, userId, mergeScopes(scopes));
      }
      return actorId !== null && byUser.has(actorId) ? await announce(actorId) : [];
    } catch (error) {
      logError(error, 'Badges could not be updated after a change; run recompute-badges');
      return [];
    }
  }

  async function syncSeniority(userId: number) {
    if (!enabled) return;
    await evaluateUser(db, userId, {});
  }

  async function recompute(announceNew = false): Promise<BadgeRecomputeReport> {
    const started = Date.now();
    const { awarded, withdrawn } = await rebuild(db, { announce: announceNew });
    const { rows } = await sql<{ users: number; held: number }>`
      select count(distinct user_id)::int as users, count(*)::int as held from user_badges`.execute(
      db,
    );
    return { awarded, withdrawn, ...rows[0]!, milliseconds: Date.now() - started };
  }

  async function recomputeRules(ruleIds: number[]) {
    if (!enabled) return;
    await rebuild(db, { ruleIds, announce: true });
  }

  return {
    enabled,
    requireEnabled,

    /**
     * After an observation was created (before null), edited, or deleted (after null): the
     * actor's badges to announce (undefined when badges are off).
     */
    afterObservationChange(
      before: ObservationFacts | null,
      after: ObservationFacts | null,
      actorId: number | null,
    ): Promise<EarnedBadge[] | undefined> {
      const changes: { userId: number; scope: Scope }[] = [];
      for (const facts of [before, after]) {
        if (facts?.observerId == null) continue;
        const same = [before, after].filter((f) => f?.observerId === facts.observerId);
        changes.push({
          userId: facts.observerId,
          scope: {
            observations: {
              programIds: same.map((f) => f!.programId),
              cdNoms: same.map((f) => f!.cdNom),
            },
          },
        });
      }
      return afterChange(changes, actorId);
    },

    /**
     * After visits (and possibly their observations) changed: `changes` lists each user whose
     * visits or observations changed in `programId`.
     */
    afterSiteChange(
      programId: number,
      changes: { userId: number; visits: boolean; cdNoms: number[] }[],
      actorId: number | null,
    ): Promise<EarnedBadge[] | undefined> {
      return afterChange(
        changes.map((c) => ({
          userId: c.userId,
          scope: {
            ...(c.visits && { visits: { programIds: [programId] } }),
            ...(c.cdNoms.length > 0 && {
              observations: { programIds: [programId], cdNoms: c.cdNoms },
            }),
          },
        })),
        actorId,
      );
    },

    /**
     * For changes made elsewhere (re-identification by a validator, bulk edits): re-evaluates
     * every rule for these users, after commit.
     */
    async refreshUsers(userIds: number[]): Promise<void> {
      await afterChange(
        [...new Set(userIds)].map((userId) => ({ userId, scope: 'all' as const })),
        null,
      );
    },

    recompute,

    // Rules (administrators).

    async listRules(): Promise<AdminBadgeRule[]> {
      const rows = (await rulesQuery()
        .select((eb) =>
          eb
            .selectFrom('user_badges as ub')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('ub.rule_id', '=', 'r.id')
            .as('holders'),
        )
        .orderBy('r.kind')
        .orderBy('r.program_id')
        .orderBy('r.level')
        .orderBy('r.id')
        .execute()) as (RuleRow & { holders: number })[];
      return rows.map((r) => ({
        ...toRule(r),
        pictureMediaId: r.picture_media_id,
        holders: Number(r.holders),
      }));
    },

    async publicRules(): Promise<BadgeRule[]> {
      requireEnabled();
      const rows = await rulesQuery()
        .where('r.is_active', '=', true)
        .orderBy('r.kind')
        .orderBy('r.program_id')
        .orderBy('r.level')
        .orderBy('r.id')
        .execute();
      return (rows as RuleRow[]).map(toRule);
    },

    getRule: adminView,

    async createRule(input: BadgeRuleInput): Promise<AdminBadgeRule> {
      const rule = {
        kind: input.kind,
        programId: input.programId ?? null,
        taxonRank: input.taxonRank ?? null,
        taxonName: input.taxonName?.trim() ?? null,
        threshold: input.threshold,
        pictureMediaId: input.pictureMediaId ?? null,
        pictureUrl: input.pictureUrl ?? null,
      };
      await checkRule(rule);
      const { id } = await db
        .insertInto('badge_rules')
        .values({
          kind: rule.kind,
          program_id: rule.programId,
          taxon_rank: rule.taxonRank,
          taxon_name: rule.taxonName,
          threshold: rule.threshold,
          level: input.level ?? 1,
          name: JSON.stringify(input.name),
          description: JSON.stringify(input.description ?? {}),
          picture_media_id: rule.pictureMediaId,
          picture_url: rule.pictureUrl,
          is_active: input.active ?? true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recomputeRules([id]);
      return adminView(id);
    },

    async updateRule(id: number, patch: BadgeRulePatch): Promise<AdminBadgeRule> {
      const current = await findRule(id);
      const merged = {
        kind: patch.kind ?? current.kind,
        programId: patch.programId !== undefined ? patch.programId : current.program_id,
        taxonRank: patch.taxonRank !== undefined ? patch.taxonRank : current.taxon_rank,
        taxonName:
          patch.taxonName !== undefined ? (patch.taxonName?.trim() ?? null) : current.taxon_name,
        threshold: patch.threshold ?? current.threshold,
        pictureMediaId:
          patch.pictureMediaId !== undefined ? patch.pictureMediaId : current.picture_media_id,
        pictureUrl: patch.pictureUrl !== undefined ? patch.pictureUrl : current.picture_url,
      };
      // Setting one kind of picture replaces the other.
      if (patch.pictureUrl && patch.pictureMediaId === undefined) merged.pictureMediaId = null;
      if (patch.pictureMediaId && patch.pictureUrl === undefined) merged.pictureUrl = null;
      await checkRule(merged);
      await db
        .updateTable('badge_rules')
        .set({
          kind: merged.kind,
          program_id: merged.programId,
          taxon_rank: merged.taxonRank,
          taxon_name: merged.taxonName,
          threshold: merged.threshold,
          picture_media_id: merged.pictureMediaId,
          picture_url: merged.pictureUrl,
          ...(patch.level !== undefined && { level: patch.level }),
          ...(patch.name !== undefined && { name: JSON.stringify(patch.name) }),
          ...(patch.description !== undefined && {
            description: JSON.stringify(patch.description),
          }),
          ...(patch.active !== undefined && { is_active: patch.active }),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      await recomputeRules([id]);
      return adminView(id);
    },

    async deleteRule(id: number): Promise<void> {
      const result = await db.deleteFrom('badge_rules').where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0)
        throw new NotFoundError(`Badge rule ${id} does not exist`);
    },

    /** Stores an uploaded picture (in `trx`, from photos.saveWith) as the rule's picture. */
    async setPicture(trx: Transaction<DB>, id: number, mediaId: string) {
      await trx
        .updateTable('badge_rules')
        .set({ picture_media_id: mediaId, picture_url: null, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    },

    findRule,

    /** The taxonomy's classes, orders or families starting with `q`, with their species. */
    async taxonGroups(query: BadgeTaxonGroupQuery): Promise<BadgeTaxonGroups['items']> {
      const column = sql.ref(query.rank);
      const prefix = `${(query.q ?? '').trim().replace(/[\\%_]/g, '\\$&')}%`;
      const { rows } = await sql<{ name: string; species: number }>`
        select ${column} as name,
          count(*) filter (where rank in ('ES', 'SSES') and cd_nom = cd_ref)::int as species
        from taxa
        where ${column} is not null and ${column} ilike ${prefix}
        group by ${column}
        order by ${column}
        limit ${query.limit}`.execute(db);
      return rows;
    },

    // Reading.

    async userBadges(username: string): Promise<UserBadges> {
      requireEnabled();
      const user = await db
        .selectFrom('users')
        .select(['id', 'username', 'display_name'])
        .where(sql<boolean>`lower(username) = lower(${username})`)
        .where('is_active', '=', true)
        .executeTakeFirst();
      if (!user) throw new NotFoundError(`No user ${username}`);
      await syncSeniority(user.id);
      return {
        username: user.username,
        displayName: safeObserverName(user.display_name),
        badges: await badgesOf(user.id),
      };
    },

    async myBadges(userId: number): Promise<MyBadges> {
      requireEnabled();
      await syncSeniority(userId);
      const badges = await badgesOf(userId);
      const held = new Set(badges.map((b) => b.id));
      const open = (await activeRules(db)).filter((r) => !held.has(r.id));
      const metrics = await userMetrics(db, userId, open);
      const rows = open.length
        ? ((await rulesQuery()
            .where(
              'r.id',
              'in',
              open.map((r) => r.id),
            )
            .execute()) as RuleRow[])
        : [];
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      const user = await db
        .selectFrom('users')
        .select('hide_from_leaderboards')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      return {
        badges,
        progress: open.map((r: Rule) => ({
          rule: toRule(byId.get(r.id)!),
          current: metrics.get(r.id) ?? 0,
          threshold: r.threshold,
        })),
        hideFromLeaderboards: user.hide_from_leaderboards,
      };
    },

    async setLeaderboardPreference(userId: number, hide: boolean) {
      await db
        .updateTable('users')
        .set({ hide_from_leaderboards: hide })
        .where('id', '=', userId)
        .execute();
      return { hideFromLeaderboards: hide };
    },

    async leaderboard(programId: number, query: LeaderboardQuery): Promise<Leaderboard> {
      requireEnabled();
      const program = await db
        .selectFrom('programs')
        .select(['id', 'is_active', 'badges_enabled', 'leaderboard_enabled'])
        .where('id', '=', programId)
        .executeTakeFirst();
      if (!program || !program.is_active || !program.badges_enabled || !program.leaderboard_enabled)
        throw new NotFoundError(`Programme ${programId} has no leaderboard`);
      const counts =
        query.by === 'visits'
          ? sql`select v.observer_id as user_id, count(*) as n
              from visits v join sites s on s.id = v.site_id
              where s.program_id = ${programId} and v.observer_id is not null group by 1`
          : query.by === 'species'
            ? sql`select o.observer_id as user_id, count(distinct t.cd_ref) as n
                from observations o join taxa t on t.cd_nom = o.cd_nom
                where o.program_id = ${programId} and o.observer_id is not null group by 1`
            : sql`select o.observer_id as user_id, count(*) as n
                from observations o
                where o.program_id = ${programId} and o.observer_id is not null group by 1`;
      const { rows } = await sql<{
        rank: number;
        username: string;
        display_name: string | null;
        n: number;
      }>`
        select rank() over (order by c.n desc)::int as rank, u.username, u.display_name, c.n::int as n
        from (${counts}) c join users u on u.id = c.user_id
        where u.is_active and not u.hide_from_leaderboards
        order by c.n desc, lower(u.username)
        limit ${query.limit}`.execute(db);
      return {
        programId,
        by: query.by,
        items: rows.map((r) => ({
          rank: r.rank,
          username: r.username,
          displayName: safeObserverName(r.display_name),
          count: r.n,
        })),
      };
    },

    programSettings,

    /**
     * What anyone may know of a programme's part in badges, so that pages show badge links and
     * the leaderboard only where they lead somewhere: both false when badges are off here.
     */
    async publicProgramSettings(programId: number): Promise<ProgramBadgeSettings> {
      const row = await db
        .selectFrom('programs')
        .select(['is_active', 'badges_enabled', 'leaderboard_enabled'])
        .where('id', '=', programId)
        .executeTakeFirst();
      if (!row) throw new NotFoundError(`Programme ${programId} does not exist`);
      const badgesEnabled = enabled && row.badges_enabled;
      return {
        badgesEnabled,
        // As the leaderboard route decides (it answers 404 otherwise).
        leaderboardEnabled: badgesEnabled && row.is_active && row.leaderboard_enabled,
      };
    },

    /** Changing whether a programme counts changes everyone's counts: a rebuild follows. */
    async setProgramSettings(
      programId: number,
      patch: Partial<ProgramBadgeSettings>,
    ): Promise<ProgramBadgeSettings> {
      const current = await programSettings(programId);
      await db
        .updateTable('programs')
        .set({
          ...(patch.badgesEnabled !== undefined && { badges_enabled: patch.badgesEnabled }),
          ...(patch.leaderboardEnabled !== undefined && {
            leaderboard_enabled: patch.leaderboardEnabled,
          }),
        })
        .where('id', '=', programId)
        .execute();
      if (
        enabled &&
        patch.badgesEnabled !== undefined &&
        patch.badgesEnabled !== current.badgesEnabled
      ) {
        await rebuild(db, { announce: true });
      }
      return programSettings(programId);
    },
  };

  async function programSettings(programId: number): Promise<ProgramBadgeSettings> {
    const row = await db
      .selectFrom('programs')
      .select(['badges_enabled', 'leaderboard_enabled'])
      .where('id', '=', programId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`Programme ${programId} does not exist`);
    return { badgesEnabled: row.badges_enabled, leaderboardEnabled: row.leaderboard_enabled };
  }

  async function badgesOf(userId: number): Promise<EarnedBadge[]> {
    const rows = await rulesQuery()
      .innerJoin('user_badges as ub', 'ub.rule_id', 'r.id')
      .select('ub.awarded_at')
      .where('ub.user_id', '=', userId)
      .orderBy('ub.awarded_at')
      .orderBy('r.id')
      .execute();
    return (rows as (RuleRow & { awarded_at: Date })[]).map(earned);
  }
}

/** Scopes of one user merged into one: what any of the changes can affect. */
export function mergeScopes(scopes: Scope[]): Scope {
  if (scopes.includes('all')) return 'all';
  const merged: Exclude<Scope, 'all'> = {};
  for (const scope of scopes as Exclude<Scope, 'all'>[]) {
    if (scope.observations) {
      merged.observations = {
        programIds: [...(merged.observations?.programIds ?? []), ...scope.observations.programIds],
        cdNoms: [...(merged.observations?.cdNoms ?? []), ...scope.observations.cdNoms],
      };
    }
    if (scope.visits) {
      merged.visits = {
        programIds: [...(merged.visits?.programIds ?? []), ...scope.visits.programIds],
      };
    }
  }
  return merged;
}

function defaultLogError(error: unknown, message: string) {
  console.error(message, error);
}

export type BadgesService = ReturnType<typeof createBadgesService>;
