import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.js';
import { PGliteDialect } from './pglite-dialect.js';
import { PGliteThread } from './pglite-thread.js';
import type { DB } from './schema.js';

export type Engine = 'postgres' | 'pglite';

export type Database = {
  db: Kysely<DB>;
  engine: Engine;
  close(): Promise<void>;
};

const INT8 = 20;
const DATE = 1082;

/** Both engines return bigint as a JS number and a date as its 'YYYY-MM-DD' text. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export class DatabaseUnreachableError extends Error {}

export async function openDatabase(config: Config['database']): Promise<Database> {
  return config.kind === 'postgres'
    ? openPostgres(config.url, config.poolSize)
    : openPGlite(config.dataDir);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new DatabaseUnreachableError(describeConnectionError(url, error));
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}

/**
 * PGlite keeps its files in `dataDir` (null: in memory) and runs in a worker thread. `loadDataDir`
 * starts it from a dump (`dumpDataDir`), which is how tests get a migrated database in a few
 * seconds.
 */
export async function openPGlite(
  dataDir: string | null,
  loadDataDir?: Blob,
): Promise<Database & { dumpDataDir(): Promise<Blob> }> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGliteThread.start(dataDir, loadDataDir);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    dumpDataDir: () => pglite.dumpDataDir(),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

function describeConnectionError(url: string, error: unknown): string {
  let where = url;
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    // keep the raw value; it passed the config pattern check
  }
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const reason = message || code || 'unknown error';
  return `DATABASE_URL: cannot connect to ${where} (${reason})`;
}
