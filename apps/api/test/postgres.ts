import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';

/** The server the tests create their databases on; it needs PostGIS installed. */
export const ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

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

export async function createTemplateDatabase(): Promise<string> {
  const name = await createEmptyDatabase(uniqueName('citizen_template'));
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(name), poolSize: 1 });
  try {
    await migrate(database.db);
  } finally {
    await database.close();
  }
  return name;
}

export const dropTemplateDatabase = dropDatabase;

/** A fresh, migrated database copied from the template. */
export async function createMigratedDatabase(
  template: string,
): Promise<{ name: string; database: Database }> {
  const name = uniqueName('citizen_test');
  await admin((c) => c.query(`create database ${name} template ${template}`));
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(name), poolSize: 4 });
  return { name, database };
}
