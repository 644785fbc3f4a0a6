import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export type ProgramState = { isActive: boolean; version: string };

/**
 * Data versions (migration 0005): a programme's version changes with any change to its
 * observations or their photos; the reference version with any change to taxa, names or areas.
 */
export function createDataVersions(db: Kysely<DB>) {
  /** The state and versions of the programmes of `ids` that exist. */
  async function programs(ids: number[]): Promise<Map<number, ProgramState>> {
    if (ids.length === 0) return new Map();
    const { rows } = await sql<{
      id: number;
      is_active: boolean;
      version: number;
      reference: number;
    }>`
      select p.id, p.is_active, coalesce(v.version, 0) as version,
        (select last_value from reference_data_version) as reference
      from programs p left join program_data_versions v on v.program_id = p.id
      where p.id = any(${ids}::bigint[])`.execute(db);
    return new Map(
      rows.map((row) => [
        Number(row.id),
        { isActive: row.is_active, version: `${row.version}.${row.reference}` },
      ]),
    );
  }

  return {
    programs,

    /** The programme's state and versions, or undefined when it does not exist. */
    async program(programId: number): Promise<ProgramState | undefined> {
      return (await programs([programId])).get(programId);
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
