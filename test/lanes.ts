import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * The parts of the test suite that need something besides Node. Each runs where what it needs is
 * present; where it is absent the run says so in one line. CITIZEN_TEST_REQUIRE (a comma list of
 * lanes, or `all`) turns a missing lane into a failure: CI sets it.
 */
export const LANES = [
  'postgres',
  'chromium',
  'nginx',
  'docker-compose',
  'shellcheck',
  'openssl',
] as const;
export type Lane = (typeof LANES)[number];

/** The server the tests create their databases on; it needs PostGIS installed. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function requiredLanes(value = process.env.CITIZEN_TEST_REQUIRE ?? ''): Set<Lane> {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.includes('all')) return new Set(LANES);
  const unknown = names.filter((name) => !(LANES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `CITIZEN_TEST_REQUIRE: unknown lane ${unknown.join(', ')} (${LANES.join(', ')})`,
    );
  }
  return new Set(names as Lane[]);
}

/**
 * Reports a lane that cannot run as it should: one line on the console (`what` happened instead,
 * `howTo` run it), or an error when the lane is required.
 */
export function laneMissing(lane: Lane, why: string, what: string, howTo: string): void {
  if (requiredLanes().has(lane)) {
    throw new Error(`The ${lane} lane is required (CITIZEN_TEST_REQUIRE) but cannot run: ${why}`);
  }
  console.log(`[lanes] ${lane}: ${why}; ${what}. To run it: ${howTo}`);
}

/** True when an executable of that name is on the PATH. */
export function hasCommand(name: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Null when a PostgreSQL server with PostGIS answers at TEST_DATABASE_URL, else why not. */
export async function postgresProblem(url = TEST_DATABASE_URL): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(url);
    return `no PostgreSQL at ${where.host}: ${(error as Error).message || (error as { code?: string }).code}`;
  }
  try {
    const { rows } = await client.query(
      "select 1 from pg_available_extensions where name = 'postgis'",
    );
    return rows.length > 0 ? null : 'PostgreSQL has no PostGIS';
  } finally {
    await client.end();
  }
}

export const POSTGRES_HOW_TO =
  'a PostgreSQL server with PostGIS at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres; on Debian: apt-get install postgresql-15-postgis-3)';
