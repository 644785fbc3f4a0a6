import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Locale } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import { displayName } from '../taxonomy/names.repository.js';

export type Counts = { observations: number; species: number; observers: number };

export type MonthRow = { month: string; observations: number; species_so_far: number };
export type ObserverCount = { user_id: number; observations: number; species: number };
export type ListedUser = { id: number; username: string; display_name: string | null };
export type TopSpeciesRow = {
  cd_nom: number;
  scientific_name: string;
  name: string;
  observations: number;
};

const ACTIVE_PROGRAMS = sql`o.program_id in (select id from programs where is_active)`;

/**
 * Counts of the public observations (migration 0009), species (distinct accepted taxa) and
 * observers: each takes a scan of the programme's observations.
 */
export function createStatsRepository(db: Kysely<DB>) {
  // Anonymous observers count once per distinct name they gave.
  const countColumns = sql`count(*)::int as observations, count(distinct t.cd_ref)::int as species,
    (count(distinct o.observer_id)
      + count(distinct lower(trim(o.observer_name))) filter (where o.observer_id is null))::int
      as observers`;

  /** The observers with the most public observations matching `where`, by user id. */
  async function topObservers(where: RawBuilder<unknown>, limit: number) {
    const { rows } = await sql<ObserverCount>`
      select o.observer_id as user_id, count(*)::int as observations,
        count(distinct t.cd_ref)::int as species
      from observations o join taxa t on t.cd_nom = o.cd_nom
      where o.is_public and o.observer_id is not null and ${where}
      group by o.observer_id
      order by observations desc, o.observer_id
      limit ${limit}`.execute(db);
    return rows.map((row) => ({ ...row, user_id: Number(row.user_id) }));
  }

  return {
    async programCounts(programId: number): Promise<Counts> {
      const { rows } = await sql<Counts>`
        select ${countColumns}
        from observations o join taxa t on t.cd_nom = o.cd_nom
        where o.is_public and o.program_id = ${programId}`.execute(db);
      return rows[0]!;
    },

    /** Counts over the active programmes, and how many they are. */
    async activeCounts(): Promise<Counts & { programs: number }> {
      const { rows } = await sql<Counts & { programs: number }>`
        select ${countColumns}, (select count(*) from programs where is_active)::int as programs
        from observations o join taxa t on t.cd_nom = o.cd_nom
        where o.is_public and o.program_id in (select id from programs where is_active)`.execute(
        db,
      );
      return rows[0]!;
    },

    /**
     * Every month from the programme's first public observation to its last: how many were made
     * and how many distinct accepted taxa had been seen by the month's end.
     */
    async programMonths(programId: number): Promise<MonthRow[]> {
      const { rows } = await sql<MonthRow>`
        with obs as (
          select date_trunc('month', o.observed_on)::date as m, t.cd_ref
          from observations o join taxa t on t.cd_nom = o.cd_nom
          where o.is_public and o.program_id = ${programId}
        ),
        per_month as (select m, count(*) as n from obs group by m),
        firsts as (select min(m) as m from obs group by cd_ref),
        new_per_month as (select m, count(*) as n from firsts group by m),
        series as (
          select generate_series(min(m), max(m), interval '1 month')::date as m from obs
        )
        select to_char(s.m, 'YYYY-MM') as month, coalesce(p.n, 0)::int as observations,
          (sum(coalesce(f.n, 0)) over (order by s.m))::int as species_so_far
        from series s
        left join per_month p on p.m = s.m
        left join new_per_month f on f.m = s.m
        order by s.m`.execute(db);
      return rows;
    },

    programTopObservers: (programId: number, limit: number) =>
      topObservers(sql`o.program_id = ${programId}`, limit),

    activeTopObservers: (limit: number) => topObservers(ACTIVE_PROGRAMS, limit),

    /**
     * Of `ids`, the users who may be listed (active, not hidden from leaderboards): read at each
     * request, so that an opt-out or a new display name shows at once.
     */
    async listedUsers(ids: number[]): Promise<ListedUser[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('users')
        .select(['id', 'username', 'display_name'])
        .where('id', 'in', ids)
        .where('is_active', '=', true)
        .where('hide_from_leaderboards', '=', false)
        .execute();
      return rows.map((row) => ({ ...row, id: Number(row.id) }));
    },

    /** The accepted taxa with the most public observations over the active programmes. */
    async activeTopSpecies(lang: Locale, limit: number): Promise<TopSpeciesRow[]> {
      const { rows } = await sql<TopSpeciesRow>`
        select a.cd_nom, a.scientific_name,
          ${displayName(sql.ref('a.cd_nom'), sql.ref('a.scientific_name'), lang)} as name,
          c.n::int as observations
        from (
          select t.cd_ref, count(*) as n
          from observations o join taxa t on t.cd_nom = o.cd_nom
          where o.is_public and ${ACTIVE_PROGRAMS}
          group by t.cd_ref
          order by n desc, t.cd_ref
          limit ${limit}
        ) c join taxa a on a.cd_nom = c.cd_ref
        order by c.n desc, a.scientific_name`.execute(db);
      return rows;
    },
  };
}

export type StatsRepository = ReturnType<typeof createStatsRepository>;
