import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * A species' public observations, counted: only `is_public` ones (migration 0009: not hidden,
 * validated where the programme asks for it) of active programmes, whoever asks, so the counts
 * say nothing the public map does not show.
 */
export function createSpeciesRepository(db: Kysely<DB>) {
  const publicOfTaxon = (cdRef: number) => sql`
    from observations o join taxa t on t.cd_nom = o.cd_nom
    where t.cd_ref = ${cdRef} and o.is_public
      and o.program_id in (select id from programs where is_active)`;

  return {
    /** The accepted taxon of a name, or undefined for an unknown name. */
    async acceptedOf(cdNom: number): Promise<number | undefined> {
      const row = await db
        .selectFrom('taxa')
        .select('cd_ref')
        .where('cd_nom', '=', cdNom)
        .executeTakeFirst();
      return row?.cd_ref;
    },

    async months(cdRef: number) {
      const { rows } = await sql<{ month: number; observations: number }>`
        select extract(month from o.observed_on)::int as month, count(*)::int as observations
        ${publicOfTaxon(cdRef)}
        group by 1`.execute(db);
      return rows;
    },

    async span(cdRef: number) {
      const { rows } = await sql<{ first: string | null; last: string | null }>`
        select min(o.observed_on)::text as first, max(o.observed_on)::text as last
        ${publicOfTaxon(cdRef)}`.execute(db);
      return rows[0]!;
    },

    async programs(cdRef: number) {
      const { rows } = await sql<{ id: number; title: string; observations: number }>`
        select p.id, p.title, c.observations
        from (select o.program_id, count(*)::int as observations ${publicOfTaxon(cdRef)}
          group by o.program_id) c
        join programs p on p.id = c.program_id
        order by c.observations desc, p.title`.execute(db);
      return rows;
    },
  };
}

export type SpeciesRepository = ReturnType<typeof createSpeciesRepository>;
