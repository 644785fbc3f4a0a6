import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_DATABASE_URL } from '../../../test/lanes.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';

/** The server the tests create their databases on; it needs PostGIS installed. */
export const ADMIN_URL = TEST_DATABASE_URL;

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function createEmptyDatabase(name = uniqueName('citizen_test')): Promise<string> {
  await admin((c) => c.query(`create database ${name}`));
  return name;
}

export async function dropDatabase(name: string) {
  await admin((c) => c.query(`drop database if exists ${name} with (force)`));
}

/** Drops every database whose name starts with `prefix` (a run's copies). */
export async function dropDatabasesNamed(prefix: string) {
  const { rows } = await admin((c) =>
    c.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [
      prefix,
    ]),
  );
  for (const { datname } of rows) await dropDatabase(datname);
}

/** A copy of `template` (`create database … template`), which nobody may be connected to. */
export async function copyDatabase(template: string, name: string): Promise<string> {
  await admin((c) => c.query(`create database ${name} template ${template}`));
  return name;
}

async function withDatabase(name: string, work: (database: Database) => Promise<unknown>) {
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(name), poolSize: 1 });
  try {
    await work(database);
  } finally {
    await database.close();
  }
}

/** A migrated database that test databases are copied from (`create database … template`). */
export async function createTemplateDatabase(): Promise<string> {
  const name = await createEmptyDatabase(uniqueName('citizen_template'));
  await withDatabase(name, (database) => migrate(database.db));
  return name;
}

/** A copy of the migrated template with the demo loaded (without its site programme). */
export async function createDemoTemplateDatabase(template: string): Promise<string> {
  const name = await copyDatabase(template, uniqueName('citizen_template_demo'));
  await withDatabase(name, (database) => seedDemo(database.db));
  return name;
}

export const dropTemplateDatabase = dropDatabase;

/** A fresh database copied from a template (migrated, or with the demo too). */
export async function createMigratedDatabase(
  template: string,
): Promise<{ name: string; database: Database }> {
  if (!template) throw new Error('No PostgreSQL template: the PostgreSQL lane is not running');
  const name = await copyDatabase(template, uniqueName('citizen_test'));
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(name), poolSize: 4 });
  return { name, database };
}
