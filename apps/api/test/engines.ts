import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openPGlite, type Database, type Engine } from '../src/db/database.js';
import { createMigratedDatabase, dropDatabase } from './postgres.js';

export const ENGINES: Engine[] = ['postgres', 'pglite'];

/** A fresh migrated database of the given engine, for one test file. */
export async function freshDatabase(
  engine: Engine,
): Promise<{ database: Database; drop(): Promise<void> }> {
  if (engine === 'postgres') {
    const { name, database } = await createMigratedDatabase(inject('postgresTemplate'));
    return {
      database,
      drop: async () => {
        await database.close();
        await dropDatabase(name);
      },
    };
  }
  const dump = new Blob([readFileSync(inject('pgliteDump'))]);
  const database = await openPGlite(null, dump);
  return { database, drop: () => database.close() };
}

/**
 * Runs the same suite on PostgreSQL and on PGlite. `setup` runs once per engine, after the
 * database is ready; the suite reads what it needs from the returned getter.
 */
export function describeOnEngines(
  name: string,
  suite: (ctx: () => Database, engine: Engine) => void,
) {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => {
      let fresh: Awaited<ReturnType<typeof freshDatabase>> | undefined;
      beforeAll(async () => {
        fresh = await freshDatabase(engine);
      });
      afterAll(async () => {
        await fresh?.drop();
      });
      suite(() => {
        if (!fresh) throw new Error('database not ready');
        return fresh.database;
      }, engine);
    });
  }
}
