import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { BadgeKind, DB } from '../db/schema.js';

/**
 * How badges are earned. Two implementations of the same definitions:
 * - `evaluateUser` (incremental): after a change, re-counts for one user only the rules the
 *   change can affect, and adds or withdraws those badges;
 * - `rebuild` (from scratch): one set-based statement over every user and rule.
 * The integration tests check that they always agree.
 *
 * Definitions. Only observations and visits of programmes with badges enabled count, and only
 * those of a logged-in observer. A species is an accepted taxon (cd_ref) at species rank or
 * below; its class, order and family are the accepted taxon's. Seniority is the account's age in
 * whole periods of 24 hours; a seniority badge's award date is the moment the account reached
 * that age, so both implementations store the same date.
 */

type Executor = Kysely<DB> | Transaction<DB>;

export type Rule = {
  id: number;
  kind: BadgeKind;
  program_id: number | null;
  taxon_rank: 'class' | 'order' | 'family' | null;
  taxon_name: string | null;
  threshold: number;
};

/** What a change touched, for one user; `all` re-evaluates every rule. */
export type Scope =
  | 'all'
  | {
      /** Observations changed in these programmes, with these taxa (before and after). */
      observations?: { programIds: number[]; cdNoms: number[] };
      /** Visits changed in these programmes. */
      visits?: { programIds: number[] };
    };

/** TAXREF ranks of a species and below. */
export const SPECIES_RANKS = [
  'ES',
  'SSES',
  'NAT',
  'VAR',
  'SVAR',
  'FO',
  'SSFO',
  'RACE',
  'CAR',
  'CVAR',
  'HYB',
];

const speciesRanks = sql.join(SPECIES_RANKS.map((r) => sql`${r}`));

/** The group of accepted taxon `a` (falling back to taxon `t`) a rule is about. */
const groupOf = (rank: RawBuilder<unknown>) => sql`(case ${rank}
  when 'class' then coalesce(a.class, t.class)
  when 'order' then coalesce(a."order", t."order")
  else coalesce(a.family, t.family) end)`;

// Advisory locks: a rebuild takes the first key exclusively, every user evaluation shares it and
// also locks its user (second form), so evaluations of one user never interleave.
const LOCK = 1_700_007;
const USER_LOCK = 1_700_008;

const DAY = sql`interval '24 hours'`;

/** Active rules; a rule of a programme whose badges are disabled is never awarded. */
export function activeRules(db: Executor) {
  return db
    .selectFrom('badge_rules')
    .select(['id', 'kind', 'program_id', 'taxon_rank', 'taxon_name', 'threshold'])
    .where('is_active', '=', true)
    .orderBy('id')
    .execute() as Promise<Rule[]>;
}

function affected(rules: Rule[], scope: Scope, groups: Set<string>): Rule[] {
  if (scope === 'all') return rules;
  const obs = scope.observations;
  const visits = scope.visits;
  return rules.filter((rule) => {
    switch (rule.kind) {
      case 'seniority':
        return true;
      case 'total_observations':
        return obs !== undefined;
      case 'program_observations':
        return obs !== undefined && obs.programIds.includes(rule.program_id!);
      case 'taxon_species':
        return (
          obs !== undefined &&
          (rule.program_id === null || obs.programIds.includes(rule.program_id)) &&
          groups.has(`${rule.taxon_rank}:${rule.taxon_name}`)
        );
      case 'site_visits':
        return (
          visits !== undefined &&
          (rule.program_id === null || visits.programIds.includes(rule.program_id))
        );
    }
  });
}

/** The class, order and family of each taxon, as `rank:name` keys. */
async function groupsOf(db: Executor, cdNoms: number[]): Promise<Set<string>> {
  if (cdNoms.length === 0) return new Set();
  const { rows } = await sql<{ class: string | null; order: string | null; family: string | null }>`
    select coalesce(a.class, t.class) as class, coalesce(a."order", t."order") as "order",
      coalesce(a.family, t.family) as family
    from taxa t left join taxa a on a.cd_nom = t.cd_ref
    where t.cd_nom in (${sql.join(cdNoms)})`.execute(db);
  const groups = new Set<string>();
  for (const row of rows) {
    for (const rank of ['class', 'order', 'family'] as const) {
      if (row[rank]) groups.add(`${rank}:${row[rank]}`);
    }
  }
  return groups;
}

/** The user's current count for each rule (days of account age for seniority). */
export async function userMetrics(
  db: Executor,
  userId: number,
  rules: Rule[],
): Promise<Map<number, number>> {
  const values = new Map<number, number>();
  if (rules.length === 0) return values;
  const kinds = new Set(rules.map((r) => r.kind));

  if (kinds.has('total_observations') || kinds.has('program_observations')) {
    const { rows } = await sql<{ program_id: number; n: number }>`
      select o.program_id, count(*)::int as n
      from observations o join programs p on p.id = o.program_id
      where o.observer_id = ${userId} and p.badges_enabled
      group by o.program_id`.execute(db);
    const byProgram = new Map(rows.map((r) => [Number(r.program_id), r.n]));
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    for (const rule of rules) {
      if (rule.kind === 'total_observations') values.set(rule.id, total);
      if (rule.kind === 'program_observations')
        values.set(rule.id, byProgram.get(rule.program_id!) ?? 0);
    }
  }

  for (const rule of rules.filter((r) => r.kind === 'taxon_species')) {
    const { rows } = await sql<{ n: number }>`
      select count(distinct t.cd_ref)::int as n
      from observations o
      join programs p on p.id = o.program_id
      join taxa t on t.cd_nom = o.cd_nom
      left join taxa a on a.cd_nom = t.cd_ref
      where o.observer_id = ${userId} and p.badges_enabled
        and coalesce(a.rank, t.rank) in (${speciesRanks})
        and ${groupOf(sql`${rule.taxon_rank}::text`)} = ${rule.taxon_name}
        ${rule.program_id === null ? sql`` : sql`and o.program_id = ${rule.program_id}`}`.execute(
      db,
    );
    values.set(rule.id, rows[0]?.n ?? 0);
  }

  if (kinds.has('site_visits')) {
    const { rows } = await sql<{ program_id: number; n: number }>`
      select s.program_id, count(*)::int as n
      from visits v join sites s on s.id = v.site_id join programs p on p.id = s.program_id
      where v.observer_id = ${userId} and p.badges_enabled
      group by s.program_id`.execute(db);
    const byProgram = new Map(rows.map((r) => [Number(r.program_id), r.n]));
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    for (const rule of rules.filter((r) => r.kind === 'site_visits')) {
      values.set(rule.id, rule.program_id === null ? total : (byProgram.get(rule.program_id) ?? 0));
    }
  }

  if (kinds.has('seniority')) {
    const { rows } = await sql<{ days: number }>`
      select floor(extract(epoch from (now() - created_at)) / 86400)::int as days
      from users where id = ${userId}`.execute(db);
    for (const rule of rules.filter((r) => r.kind === 'seniority'))
      values.set(rule.id, Math.max(0, rows[0]?.days ?? 0));
  }
  return values;
}

/**
 * Re-evaluates the rules `scope` can affect for one user, in its own transaction, and returns
 * the ids of the rules newly awarded. Runs after the change committed.
 */
export async function evaluateUser(
  db: Kysely<DB>,
  userId: number,
  scope: Scope,
): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock_shared(${LOCK}, 0)`.execute(trx);
    await sql`select pg_advisory_xact_lock(${USER_LOCK}, ${userId}::int)`.execute(trx);
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) return [];
    const all = await activeRules(trx);
    const groups =
      scope !== 'all' && scope.observations && all.some((r) => r.kind === 'taxon_species')
        ? await groupsOf(trx, scope.observations.cdNoms)
        : new Set<string>();
    const rules = affected(all, scope, groups);
    if (rules.length === 0) return [];

    const metrics = await userMetrics(
      trx,
      userId,
      rules.filter((r) => r.kind !== 'seniority'),
    );
    const earned = new Set(
      rules
        .filter((r) => r.kind !== 'seniority' && (metrics.get(r.id) ?? 0) >= r.threshold)
        .map((r) => r.id),
    );
    const seniority = rules.filter((r) => r.kind === 'seniority');
    if (seniority.length > 0) {
      const { rows } = await sql<{ id: number }>`
        select r.id from badge_rules r, users u
        where u.id = ${userId} and r.id in (${sql.join(seniority.map((r) => r.id))})
          and u.created_at + r.threshold * ${DAY} <= now()`.execute(trx);
      for (const row of rows) earned.add(Number(row.id));
    }

    const ids = rules.map((r) => r.id);
    const held = await trx
      .selectFrom('user_badges')
      .select('rule_id')
      .where('user_id', '=', userId)
      .where('rule_id', 'in', ids)
      .execute();
    const heldIds = new Set(held.map((h) => Number(h.rule_id)));
    const withdrawn = [...heldIds].filter((id) => !earned.has(id));
    const added = [...earned].filter((id) => !heldIds.has(id));
    if (withdrawn.length > 0) {
      await trx
        .deleteFrom('user_badges')
        .where('user_id', '=', userId)
        .where('rule_id', 'in', withdrawn)
        .execute();
    }
    if (added.length > 0) {
      await sql`
        insert into user_badges (user_id, rule_id, awarded_at)
        select ${userId}, r.id,
          case when r.kind = 'seniority' then u.created_at + r.threshold * ${DAY} else now() end
        from badge_rules r, users u
        where u.id = ${userId} and r.id in (${sql.join(added)})
        on conflict do nothing`.execute(trx);
    }
    return added.sort((a, b) => a - b);
  });
}

/** (user, rule, award date) of every badge the data earns, for all users (or some rules). */
function earnedSql(ruleIds: number[] | null) {
  const only =
    ruleIds === null
      ? sql`true`
      : ruleIds.length === 0
        ? sql`false`
        : sql`r.id in (${sql.join(ruleIds)})`;
  return sql`
    with counted as (
      select o.observer_id as user_id, o.program_id, o.cd_nom
      from observations o join programs p on p.id = o.program_id
      where o.observer_id is not null and p.badges_enabled
    ),
    counted_visits as (
      select v.observer_id as user_id, s.program_id
      from visits v join sites s on s.id = v.site_id join programs p on p.id = s.program_id
      where v.observer_id is not null and p.badges_enabled
    ),
    rules as (select * from badge_rules r where r.is_active and ${only})
    select c.user_id, r.id as rule_id, now() as awarded_at
    from rules r join (select user_id, count(*) as n from counted group by user_id) c
      on c.n >= r.threshold
    where r.kind = 'total_observations'
    union all
    select c.user_id, r.id, now()
    from rules r join (select user_id, program_id, count(*) as n from counted group by 1, 2) c
      on c.program_id = r.program_id and c.n >= r.threshold
    where r.kind = 'program_observations'
    union all
    select c.user_id, r.id, now()
    from rules r
    join counted c on r.program_id is null or c.program_id = r.program_id
    join taxa t on t.cd_nom = c.cd_nom
    left join taxa a on a.cd_nom = t.cd_ref
    where r.kind = 'taxon_species' and coalesce(a.rank, t.rank) in (${speciesRanks})
      and ${groupOf(sql`r.taxon_rank`)} = r.taxon_name
    group by c.user_id, r.id, r.threshold
    having count(distinct t.cd_ref) >= r.threshold
    union all
    select c.user_id, r.id, now()
    from rules r join counted_visits c on r.program_id is null or c.program_id = r.program_id
    where r.kind = 'site_visits'
    group by c.user_id, r.id, r.threshold
    having count(*) >= r.threshold
    union all
    select u.id, r.id, u.created_at + r.threshold * ${DAY}
    from rules r join users u on u.created_at + r.threshold * ${DAY} <= now()
    where r.kind = 'seniority'`;
}

/** What a rebuild would store: `user:rule` keys, sorted. */
export async function expectedAwards(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ user_id: number; rule_id: number }>`
    select user_id, rule_id from (${earnedSql(null)}) e`.execute(db);
  return rows.map((r) => `${r.user_id}:${r.rule_id}`).sort();
}

/** What is stored: `user:rule` keys, sorted. */
export async function storedAwards(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('user_badges').select(['user_id', 'rule_id']).execute();
  return rows.map((r) => `${r.user_id}:${r.rule_id}`).sort();
}

/**
 * Rebuilds the awards from the data (of every rule, or of `ruleIds`) in one statement. Badges
 * still earned keep their award date; new ones are left to announce when `announce`, else
 * marked as announced (a repair is no news).
 */
export async function rebuild(
  db: Kysely<DB>,
  { ruleIds = null, announce }: { ruleIds?: number[] | null; announce: boolean },
): Promise<{ awarded: number; withdrawn: number }> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK}, 0)`.execute(trx);
    const scope =
      ruleIds === null
        ? sql`true`
        : ruleIds.length === 0
          ? sql`false`
          : sql`ub.rule_id in (${sql.join(ruleIds)})`;
    const { rows } = await sql<{ awarded: number; withdrawn: number }>`
      with earned as (${earnedSql(ruleIds)}),
      removed as (
        delete from user_badges ub
        where ${scope} and not exists (
          select 1 from earned e where e.user_id = ub.user_id and e.rule_id = ub.rule_id)
        returning 1
      ),
      added as (
        insert into user_badges (user_id, rule_id, awarded_at, announced_at)
        select e.user_id, e.rule_id, e.awarded_at, ${announce ? sql`null` : sql`now()`}
        from earned e
        on conflict (user_id, rule_id) do nothing
        returning 1
      )
      select (select count(*) from added)::int as awarded,
        (select count(*) from removed)::int as withdrawn`.execute(trx);
    return rows[0]!;
  });
}

/** The award engine bound to a database, as the badges service uses it. */
export function createAwardsRepository(db: Kysely<DB>) {
  return {
    activeRules: () => activeRules(db),
    userMetrics: (userId: number, rules: Rule[]) => userMetrics(db, userId, rules),
    evaluateUser: (userId: number, scope: Scope) => evaluateUser(db, userId, scope),
    rebuild: (options: { ruleIds?: number[] | null; announce: boolean }) => rebuild(db, options),
  };
}

export type AwardsRepository = ReturnType<typeof createAwardsRepository>;
