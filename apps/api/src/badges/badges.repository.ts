import { sql, type Kysely, type Transaction } from 'kysely';
import type { BadgeRule, BadgeTaxonGroupQuery, LeaderboardQuery } from '@citizen/shared';
import type { DB } from '../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

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

export type RuleRow = {
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

/** A rule's columns as stored (name and description as JSON text). */
export type RuleValues = {
  kind: BadgeRule['kind'];
  program_id: number | null;
  taxon_rank: BadgeRule['taxonRank'];
  taxon_name: string | null;
  threshold: number;
  picture_media_id: string | null;
  picture_url: string | null;
  level?: number;
  name?: string;
  description?: string;
  is_active?: boolean;
};

/** Badge rules, awarded badges and what the badge pages read (leaderboards, settings). */
export function createBadgesRepository(db: Kysely<DB>) {
  const rules = (executor: Executor = db) =>
    executor.selectFrom('badge_rules as r').select(ruleColumns);

  return {
    async findRule(id: number): Promise<RuleRow | undefined> {
      return (await rules().where('r.id', '=', id).executeTakeFirst()) as RuleRow | undefined;
    },

    async rulesByIds(ids: number[]): Promise<RuleRow[]> {
      if (ids.length === 0) return [];
      return (await rules().where('r.id', 'in', ids).execute()) as RuleRow[];
    },

    /** Every rule, with how many users hold its badge, in display order. */
    async rulesWithHolders() {
      return (await rules()
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
    },

    async activeRules(): Promise<RuleRow[]> {
      return (await rules()
        .where('r.is_active', '=', true)
        .orderBy('r.kind')
        .orderBy('r.program_id')
        .orderBy('r.level')
        .orderBy('r.id')
        .execute()) as RuleRow[];
    },

    async holders(ruleId: number): Promise<number> {
      const { n } = await db
        .selectFrom('user_badges')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('rule_id', '=', ruleId)
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    async programExists(id: number): Promise<boolean> {
      const row = await db
        .selectFrom('programs')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      return row !== undefined;
    },

    async mediaExists(id: string): Promise<boolean> {
      const row = await db.selectFrom('media').select('id').where('id', '=', id).executeTakeFirst();
      return row !== undefined;
    },

    async insertRule(values: RuleValues): Promise<number> {
      const { id } = await db
        .insertInto('badge_rules')
        .values(values as RuleValues & { name: string })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async updateRule(id: number, values: RuleValues) {
      await db
        .updateTable('badge_rules')
        .set({ ...values, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    },

    /** False when there was no such rule. */
    async deleteRule(id: number): Promise<boolean> {
      const result = await db.deleteFrom('badge_rules').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async setPicture(trx: Transaction<DB>, id: number, mediaId: string) {
      await trx
        .updateTable('badge_rules')
        .set({ picture_media_id: mediaId, picture_url: null, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    },

    /** The taxonomy's classes, orders or families starting with `q`, with their species. */
    async taxonGroups(query: BadgeTaxonGroupQuery) {
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

    /** Marks the user's unannounced badges as announced; returns which and when awarded. */
    announce(userId: number) {
      return db
        .updateTable('user_badges')
        .set({ announced_at: new Date() })
        .where('user_id', '=', userId)
        .where('announced_at', 'is', null)
        .returning(['rule_id', 'awarded_at'])
        .execute();
    },

    /** How many users hold badges, and how many badges are held. */
    async holdings() {
      const { rows } = await sql<{ users: number; held: number }>`
        select count(distinct user_id)::int as users, count(*)::int as held from user_badges`.execute(
        db,
      );
      return rows[0]!;
    },

    /** A user's badges, oldest first. */
    async badgesOf(userId: number) {
      return (await rules()
        .innerJoin('user_badges as ub', 'ub.rule_id', 'r.id')
        .select('ub.awarded_at')
        .where('ub.user_id', '=', userId)
        .orderBy('ub.awarded_at')
        .orderBy('r.id')
        .execute()) as (RuleRow & { awarded_at: Date })[];
    },

    activeUserByUsername(username: string) {
      return db
        .selectFrom('users')
        .select(['id', 'username', 'display_name'])
        .where(sql<boolean>`lower(username) = lower(${username})`)
        .where('is_active', '=', true)
        .executeTakeFirst();
    },

    async hidesFromLeaderboards(userId: number): Promise<boolean> {
      const user = await db
        .selectFrom('users')
        .select('hide_from_leaderboards')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      return user.hide_from_leaderboards;
    },

    async setHideFromLeaderboards(userId: number, hide: boolean) {
      await db
        .updateTable('users')
        .set({ hide_from_leaderboards: hide })
        .where('id', '=', userId)
        .execute();
    },

    /** A programme's part in badges. */
    programSettings(programId: number) {
      return db
        .selectFrom('programs')
        .select(['id', 'is_active', 'badges_enabled', 'leaderboard_enabled'])
        .where('id', '=', programId)
        .executeTakeFirst();
    },

    async setProgramSettings(
      programId: number,
      values: { badges_enabled?: boolean; leaderboard_enabled?: boolean },
    ) {
      await db.updateTable('programs').set(values).where('id', '=', programId).execute();
    },

    /** The programme's most active users (by observations, species or visits), visible ones only. */
    async leaderboard(programId: number, query: LeaderboardQuery) {
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
      return rows;
    },
  };
}

export type BadgesRepository = ReturnType<typeof createBadgesRepository>;
