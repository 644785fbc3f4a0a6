import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../migrations');

export type Migration = { version: string; name: string; sql: string; checksum: string };

/** Reads `NNNN_name.sql` files in version order. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const [version, ...rest] = file.replace(/\.sql$/, '').split('_');
      return {
        version: version!,
        name: rest.join('_'),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

export class MigrationError extends Error {}

// Any constant works: every instance of Citizen on a database takes the same lock.
const LOCK_KEY = 4_201_733;

/**
 * Applies the pending migrations in one transaction under an advisory lock, so that several
 * instances starting together apply each migration once, and a failure leaves nothing half done.
 */
export async function migrate(db: Kysely<DB>, migrations = readMigrations()): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
    await sql`
      create table if not exists schema_migrations (
        version text primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`.execute(trx);
    const applied = await trx.selectFrom('schema_migrations').selectAll().execute();
    const appliedByVersion = new Map(applied.map((m) => [m.version, m]));

    for (const done of applied) {
      const file = migrations.find((m) => m.version === done.version);
      if (!file) {
        throw new MigrationError(
          `The database has migration ${done.version}_${done.name}, which this version of Citizen does not know: it is older than the database.`,
        );
      }
      if (file.checksum !== done.checksum) {
        throw new MigrationError(
          `Migration ${done.version}_${done.name} was changed after it was applied; add a new migration instead.`,
        );
      }
    }

    const pending = migrations.filter((m) => !appliedByVersion.has(m.version));
    for (const migration of pending) {
      try {
        await sql.raw(migration.sql).execute(trx);
      } catch (error) {
        throw new MigrationError(
          `Migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`,
        );
      }
      await trx
        .insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
        .execute();
    }
    return pending.map((m) => `${m.version}_${m.name}`);
  });
}

export type MigrationState = { applied: number; pending: string[]; latest: string | null };

export async function migrationState(
  db: Kysely<DB>,
  migrations = readMigrations(),
): Promise<MigrationState> {
  const exists = await sql<{ exists: boolean }>`
    select to_regclass('schema_migrations') is not null as exists`.execute(db);
  const applied = exists.rows[0]?.exists
    ? await db
        .selectFrom('schema_migrations')
        .select(['version', 'name'])
        .orderBy('version')
        .execute()
    : [];
  const done = new Set(applied.map((m) => m.version));
  const last = applied.at(-1);
  return {
    applied: applied.length,
    pending: migrations.filter((m) => !done.has(m.version)).map((m) => `${m.version}_${m.name}`),
    latest: last ? `${last.version}_${last.name}` : null,
  };
}
