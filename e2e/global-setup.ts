import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  createEmptyDatabase,
  databaseUrl,
  dropDatabasesNamed,
  uniqueName,
} from '../apps/api/test/postgres.js';
import { laneMissing, POSTGRES_HOW_TO, postgresProblem } from '../test/lanes.js';
import { findChromium, SYSTEM_CHROMIUM, webglProblem } from './browser.js';
import { spawnPlatform } from './platform.js';
import { startTileServer } from './tile-server.js';

/**
 * Once per end-to-end run: chooses the Chromium and checks that it draws WebGL, starts the
 * server of the base maps' tiles (tile-server.ts), and makes the platform's first start
 * (migrations, demo) whose data every test file's platform starts from: a PostgreSQL database
 * that each file copies (as a production instance runs), or, without PostgreSQL, the embedded
 * database's files.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-e2e-'));
  const problem = await postgresProblem();
  if (problem) {
    laneMissing(
      'postgres',
      problem,
      'the browser tests ran on the embedded database',
      POSTGRES_HOW_TO,
    );
  }
  const databasePrefix = uniqueName('citizen_e2e');
  const template = problem ? '' : await createEmptyDatabase(`${databasePrefix}_template`);
  const [chromium, platformData, tileServer] = await Promise.all([
    checkedChromium(),
    firstStart(path.join(dir, 'data'), template),
    startTileServer(path.join(dir, 'tiles-tls')),
  ]);
  project.provide('chromium', { ...chromium, args: tileServer.chromiumArgs });
  project.provide('platformData', platformData);
  project.provide('platformDatabase', template ? { template, prefix: databasePrefix } : null);
  return async () => {
    await tileServer.close();
    rmSync(dir, { recursive: true, force: true });
    if (template) await dropDatabasesNamed(databasePrefix);
  };
}

async function checkedChromium() {
  const chromium = await findChromium();
  if (chromium.source === 'npm') {
    laneMissing(
      'chromium',
      `no Chromium at ${SYSTEM_CHROMIUM}`,
      'the browser tests ran on the Chromium that the @sparticuz/chromium package ships',
      "Debian's chromium package, or CHROMIUM_PATH",
    );
  }
  const problem = await webglProblem(chromium);
  if (problem) throw new Error(`The browser tests cannot run: ${problem}`);
  return chromium;
}

async function firstStart(dataDir: string, database: string) {
  // Migrations and the demo: slow on a busy machine, above all into the embedded database.
  const platform = await spawnPlatform(
    {
      DATA_DIR: dataDir,
      ...(database ? { DATABASE_URL: databaseUrl(database), DEMO_DATA: 'true' } : {}),
    },
    600_000,
  );
  await platform.stop();
  return dataDir;
}
