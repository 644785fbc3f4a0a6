import type {
  BadgeRecomputeReport,
  EarnedBadge,
  Leaderboard,
  LeaderboardQuery,
  MyBadges,
  ProgramBadgeSettings,
  UserBadges,
} from '@citizen/shared';
import type { Config } from '../config/config.js';
import { DomainError } from '../http/errors.js';
import { safeObserverName } from '../users/public-name.js';
import type { AwardsRepository, Rule, Scope } from './awards.repository.js';
import { earned, toRule } from './badge-views.js';
import type { BadgesRepository } from './badges.repository.js';

/** An observation as the badges see it: whose, where and what. */
export type ObservationFacts = { observerId: number | null; programId: number; cdNom: number };

export type BadgesDeps = {
  repository: BadgesRepository;
  awards: AwardsRepository;
  config: Config;
  /** Where failures of the after-commit updates go (they never fail the request). */
  logError?: (error: unknown, message: string) => void;
  /** After a user's awards committed: the rules newly awarded (to mail them). */
  onAwarded?: (userId: number, ruleIds: number[]) => Promise<void>;
};

export function createBadgesService({
  repository,
  awards,
  config,
  logError = defaultLogError,
  onAwarded,
}: BadgesDeps) {
  const enabled = config.badges.enabled;

  function requireEnabled() {
    if (!enabled) throw new DomainError('badges.disabled');
  }

  /** Marks the user's unannounced badges as announced and returns them. */
  async function announce(userId: number): Promise<EarnedBadge[]> {
    const rows = await repository.announce(userId);
    if (rows.length === 0) return [];
    const rules = await repository.rulesByIds(rows.map((r) => r.rule_id));
    const awardedAt = new Map(rows.map((r) => [Number(r.rule_id), r.awarded_at]));
    return rules
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
        const added = await awards.evaluateUser(userId, mergeScopes(scopes));
        if (added.length > 0) await onAwarded?.(userId, added);
      }
      return actorId !== null && byUser.has(actorId) ? await announce(actorId) : [];
    } catch (error) {
      logError(error, 'Badges could not be updated after a change; run recompute-badges');
      return [];
    }
  }

  async function syncSeniority(userId: number) {
    if (!enabled) return;
    await awards.evaluateUser(userId, {});
  }

  async function recompute(announceNew = false): Promise<BadgeRecomputeReport> {
    const started = Date.now();
    const { awarded, withdrawn } = await awards.rebuild({ announce: announceNew });
    const held = await repository.holdings();
    return { awarded, withdrawn, ...held, milliseconds: Date.now() - started };
  }

  async function recomputeRules(ruleIds: number[]) {
    if (!enabled) return;
    await awards.rebuild({ ruleIds, announce: true });
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
    recomputeRules,

    // Rules (administrators).

    // Reading.

    async userBadges(username: string): Promise<UserBadges> {
      requireEnabled();
      const user = await repository.activeUserByUsername(username);
      if (!user) throw new DomainError('user.notFound', { username });
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
      const open = (await awards.activeRules()).filter((r) => !held.has(r.id));
      const metrics = await awards.userMetrics(userId, open);
      const rows = await repository.rulesByIds(open.map((r) => r.id));
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      return {
        badges,
        progress: open.map((r: Rule) => ({
          rule: toRule(byId.get(r.id)!),
          current: metrics.get(r.id) ?? 0,
          threshold: r.threshold,
        })),
        hideFromLeaderboards: await repository.hidesFromLeaderboards(userId),
      };
    },

    async setLeaderboardPreference(userId: number, hide: boolean) {
      await repository.setHideFromLeaderboards(userId, hide);
      return { hideFromLeaderboards: hide };
    },

    async leaderboard(programId: number, query: LeaderboardQuery): Promise<Leaderboard> {
      requireEnabled();
      const program = await repository.programSettings(programId);
      if (!program || !program.is_active || !program.badges_enabled || !program.leaderboard_enabled)
        throw new DomainError('program.noLeaderboard', { id: programId });
      const rows = await repository.leaderboard(programId, query);
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
      const row = await repository.programSettings(programId);
      if (!row) throw new DomainError('program.notFound', { id: programId });
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
      await repository.setProgramSettings(programId, {
        ...(patch.badgesEnabled !== undefined && { badges_enabled: patch.badgesEnabled }),
        ...(patch.leaderboardEnabled !== undefined && {
          leaderboard_enabled: patch.leaderboardEnabled,
        }),
      });
      if (
        enabled &&
        patch.badgesEnabled !== undefined &&
        patch.badgesEnabled !== current.badgesEnabled
      ) {
        await awards.rebuild({ announce: true });
      }
      return programSettings(programId);
    },
  };

  async function programSettings(programId: number): Promise<ProgramBadgeSettings> {
    const row = await repository.programSettings(programId);
    if (!row) throw new DomainError('program.notFound', { id: programId });
    return { badgesEnabled: row.badges_enabled, leaderboardEnabled: row.leaderboard_enabled };
  }

  async function badgesOf(userId: number): Promise<EarnedBadge[]> {
    return (await repository.badgesOf(userId)).map(earned);
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
