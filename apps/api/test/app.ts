import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import type { Database } from '../src/db/database.js';

export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    DATA_DIR: path.join(os.tmpdir(), 'citizen-test-data'),
    SERVE_WEB: 'false',
    LOG_LEVEL: 'silent',
    // Argon2 at its smallest cost: hashing at the production cost dominated the suite's time.
    NODE_ENV: 'test',
    PASSWORD_HASH_COST: 'test',
    ...env,
  });
}

export function testApp(database: Database, env: Record<string, string> = {}) {
  return buildApp({ config: testConfig(env), database });
}
