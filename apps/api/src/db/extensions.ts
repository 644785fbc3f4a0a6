import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/** The installed PostGIS version, or null when the extension is not installed. */
export async function postgisVersion(db: Kysely<DB>): Promise<string | null> {
  const { rows } = await sql<{ version: string | null }>`
    select extversion as version from pg_extension where extname = 'postgis'`.execute(db);
  return rows[0]?.version ?? null;
}
