import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openPGlite, type Database, type Engine } from '../src/db/database.js';
import { createMigratedDatabase, dropDatabase } from './postgres.js';

export type SuiteOptions = {
  /**
   * Also run on PGlite when PostgreSQL runs: the core set, for what differs between the engines
   * (dialect, MVT encoder, extensions, the embedded start). Without PostgreSQL every suite runs
   * on PGlite anyway.
   */
  pglite?: boolean;
  /** Start from a database with the demo loaded (`seedDemo` without its site programme). */
  demo?: boolean;
};

/** True when this run has a PostgreSQL server (with PostGIS) to test on. */
export function postgresLane(): boolean {
  return inject('postgres');
}

/** The engines a suite runs on in this run. */
export function enginesFor({ pglite = false }: SuiteOptions = {}): Engine[] {
  if (!postgresLane()) return ['pglite'];
  return pglite ? ['postgres', 'pglite'] : ['postgres'];
}

/**
 * A fresh migrated database of the given engine (with the demo loaded if asked), for one test
 * file. Without the PostgreSQL lane, 'postgres' gives a PGlite database.
 */
export async function freshDatabase(
  engine: Engine,
  { demo = false }: Pick<SuiteOptions, 'demo'> = {},
): Promise<{ database: Database; drop(): Promise<void> }> {
  if (engine === 'postgres' && postgresLane()) {
    const template = inject(demo ? 'postgresDemoTemplate' : 'postgresTemplate');
    const { name, database } = await createMigratedDatabase(template);
    return {
      database,
      drop: async () => {
        await database.close();
        await dropDatabase(name);
      },
    };
  }
  const dump = new Blob([readFileSync(inject(demo ? 'pgliteDemoDump' : 'pgliteDump'))]);
  const database = await openPGlite(null, dump);
  return { database, drop: () => database.close() };
}

type Suite = (ctx: () => Database, engine: Engine) => void;
/** The options go before or after the suite: `describeOnEngines(name, { pglite: true }, suite)`. */
type SuiteArgs = [suite: Suite, options?: SuiteOptions] | [options: SuiteOptions, suite: Suite];

function suiteAndOptions(args: SuiteArgs): [Suite, SuiteOptions] {
  return typeof args[0] === 'function'
    ? [args[0], (args[1] as SuiteOptions | undefined) ?? {}]
    : [args[1] as Suite, args[0]];
}

/**
 * Runs a suite on PostgreSQL, and on PGlite too when `pglite` is set (see SuiteOptions), each on
 * its own fresh database; the suite reads it from the getter.
 */
export function describeOnEngines(name: string, ...args: SuiteArgs) {
  const [suite, options] = suiteAndOptions(args);
  for (const engine of enginesFor(options)) {
    describe(`${name} [${engine}]`, () => {
      let fresh: Awaited<ReturnType<typeof freshDatabase>> | undefined;
      beforeAll(async () => {
        fresh = await freshDatabase(engine, options);
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

/** describeOnEngines starting from the demo: what most suites read and write around. */
export function describeWithDemo(name: string, ...args: SuiteArgs) {
  const [suite, options] = suiteAndOptions(args);
  describeOnEngines(name, { ...options, demo: true }, suite);
}

/** A suite about PostgreSQL itself (several connections, DATABASE_URL): skipped without it. */
export function describeOnPostgres(name: string, suite: () => void) {
  describe.runIf(postgresLane())(name, suite);
}
