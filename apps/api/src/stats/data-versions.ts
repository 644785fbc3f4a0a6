import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Data versions (migration 0005): a programme's version changes with any change to its
 * observations or their photos; the reference version with any change to taxa, names or areas.
 */
export function createDataVersions(db: Kysely<DB>) {
  return {
    /** The programme's state and versions, or undefined when it does not exist. */
    async program(programId: number): Promise<{ isActive: boolean; version: string } | undefined> {
      const { rows } = await sql<{ is_active: boolean; version: number; reference: number }>`
        select p.is_active, coalesce(v.version, 0) as version,
          (select last_value from reference_data_version) as reference
        from programs p left join program_data_versions v on v.program_id = p.id
        where p.id = ${programId}`.execute(db);
      const row = rows[0];
      return row && { isActive: row.is_active, version: `${row.version}.${row.reference}` };
    },

    /** One text that changes when anything in the active programmes changes. */
    async active(): Promise<string> {
      const { rows } = await sql<{ programs: string | null; reference: number }>`
        select string_agg(p.id || ':' || coalesce(v.version, 0), ',' order by p.id) as programs,
          (select last_value from reference_data_version) as reference
        from programs p left join program_data_versions v on v.program_id = p.id
        where p.is_active`.execute(db);
      const row = rows[0]!;
      return `${row.programs ?? ''}.${row.reference}`;
    },
  };
}

export type DataVersions = ReturnType<typeof createDataVersions>;
