import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { laneMissing, POSTGRES_HOW_TO, postgresProblem } from '../../../test/lanes.js';
import { openPGlite } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { usePasswordHashCost } from '../src/users/passwords.js';
import {
  createDemoTemplateDatabase,
  createTemplateDatabase,
  dropTemplateDatabase,
} from './postgres.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CACHE = path.join(ROOT, 'node_modules/.cache/citizen-test-pglite');

/**
 * Prepares what every test file copies its database from, once per run: on PostgreSQL, a
 * migrated template database and one with the demo loaded; on PGlite, data directory dumps of
 * the same two. Without a PostgreSQL server (with PostGIS), every suite runs on PGlite.
 */
export default async function setup(project: TestProject) {
  usePasswordHashCost('test');
  const problem = await postgresProblem();
  if (problem) {
    laneMissing(
      'postgres',
      problem,
      'every database suite ran on the embedded PGlite, and the PostgreSQL-only ones were skipped',
      POSTGRES_HOW_TO,
    );
  }
  const [templates, dumps] = await Promise.all([
    problem ? null : postgresTemplates(),
    pgliteDumps(),
  ]);
  project.provide('postgres', !problem);
  project.provide('postgresTemplate', templates?.migrated ?? '');
  project.provide('postgresDemoTemplate', templates?.demo ?? '');
  project.provide('pgliteDump', dumps.migrated);
  project.provide('pgliteDemoDump', dumps.demo);
  return async () => {
    if (templates) {
      await dropTemplateDatabase(templates.demo);
      await dropTemplateDatabase(templates.migrated);
    }
  };
}

async function postgresTemplates() {
  const migrated = await createTemplateDatabase();
  return { migrated, demo: await createDemoTemplateDatabase(migrated) };
}

/**
 * The PGlite dumps, made once per version of the API's sources, migrations and dependencies and
 * kept in node_modules/.cache: a PGlite start, the migrations and the demo take a minute.
 */
async function pgliteDumps() {
  const dir = path.join(CACHE, fingerprint());
  const files = {
    migrated: path.join(dir, 'migrated.tar.gz'),
    demo: path.join(dir, 'demo.tar.gz'),
  };
  if (existsSync(files.migrated) && existsSync(files.demo)) return files;
  pruneCache();
  const scratch = `${dir}.${process.pid}`;
  mkdirSync(scratch, { recursive: true });
  const database = await openPGlite(null);
  try {
    await migrate(database.db);
    await dump(database, path.join(scratch, 'migrated.tar.gz'));
    await seedDemo(database.db);
    await dump(database, path.join(scratch, 'demo.tar.gz'));
  } finally {
    await database.close();
  }
  try {
    renameSync(scratch, dir);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another run made the same dumps first
  }
  return files;
}

/** Forgets the dumps of sources older than a day (other runs may be using recent ones). */
function pruneCache() {
  const dayAgo = Date.now() - 86_400_000;
  for (const entry of existsSync(CACHE) ? readdirSync(CACHE) : []) {
    const dir = path.join(CACHE, entry);
    if (statSync(dir).mtimeMs < dayAgo) rmSync(dir, { recursive: true, force: true });
  }
}

async function dump(database: Awaited<ReturnType<typeof openPGlite>>, file: string) {
  const blob = await database.dumpDataDir();
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
}

/**
 * A hash of what the dumps depend on: the migrations, the demo's data, the lock file and the
 * sources that migrating and loading the demo import.
 */
function fingerprint(): string {
  const api = path.join(ROOT, 'apps/api');
  const files = new Set([path.join(ROOT, 'package-lock.json')]);
  for (const dir of ['migrations', 'src/demo/data']) {
    for (const name of readdirSync(path.join(api, dir))) files.add(path.join(api, dir, name));
  }
  const pending = ['src/demo/seed.ts', 'src/db/migrate.ts', 'src/db/database.ts'].map((f) =>
    path.join(api, f),
  );
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    for (const [, relative] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)\.js'/g)) {
      pending.push(path.resolve(path.dirname(file), `${relative}.ts`));
    }
  }
  const hash = createHash('sha256');
  for (const file of [...files].sort()) hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** True when the PostgreSQL lane runs (a server with PostGIS answered). */
    postgres: boolean;
    postgresTemplate: string;
    postgresDemoTemplate: string;
    pgliteDump: string;
    pgliteDemoDump: string;
  }
}
