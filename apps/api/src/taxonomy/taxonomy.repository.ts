import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** What taxonomy reading needs from outside the taxa tables: programmes' lists, sensitivity. */
export function createTaxonomyRepository(db: Kysely<DB>) {
  return {
    /** The TaxHub list a Citizen species list stands for, if any. */
    async taxhubListOf(listId: number): Promise<number | null> {
      const row = await db
        .selectFrom('species_lists')
        .select('taxhub_list_id')
        .where('id', '=', listId)
        .executeTakeFirst();
      return row?.taxhub_list_id ?? null;
    },

    /** An active programme's species list (null: the whole taxonomy); undefined when no such programme. */
    async activeProgramList(programId: number): Promise<number | null | undefined> {
      const program = await db
        .selectFrom('programs')
        .select('species_list_id')
        .where('id', '=', programId)
        .where('is_active', '=', true)
        .executeTakeFirst();
      return program?.species_list_id;
    },

    /** A taxon's sensitivity level by Citizen's own rules. */
    async sensitivityOf(cdNom: number): Promise<number> {
      const { rows } = await sql<{ level: number }>`
        select taxon_sensitivity(${cdNom}::int, null) as level`.execute(db);
      return rows[0]!.level;
    },
  };
}
