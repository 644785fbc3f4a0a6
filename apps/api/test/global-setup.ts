import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPGlite } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { createTemplateDatabase, dropTemplateDatabase } from './postgres.js';

/**
 * Prepares one migrated database per engine, which every test file then copies: a PostgreSQL
 * template database and a PGlite data directory dump.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-test-'));
  const [template, dump] = await Promise.all([createTemplateDatabase(), pgliteDump(dir)]);
  project.provide('postgresTemplate', template);
  project.provide('pgliteDump', dump);
  return async () => {
    await dropTemplateDatabase(template);
    rmSync(dir, { recursive: true, force: true });
  };
}

async function pgliteDump(dir: string): Promise<string> {
  const database = await openPGlite(null);
  await migrate(database.db);
  const blob = await database.pglite.dumpDataDir('gzip');
  await database.close();
  const file = path.join(dir, 'pglite-migrated.tar.gz');
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  return file;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresTemplate: string;
    pgliteDump: string;
  }
}
