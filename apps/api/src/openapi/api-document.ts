import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Driver,
} from 'kysely';
import { buildApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';

/**
 * The OpenAPI document of the API (what /api/docs serves), built from the route schemas alone:
 * no database, no server. The web app's typed client is generated from it.
 */
export async function buildApiDocument() {
  // No background jobs: ready starts nothing, so nothing queries and no file is written.
  const config = loadConfig({ SERVE_WEB: 'false', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database: noDatabase(), backgroundJobs: false });
  try {
    await app.ready();
    return app.swagger();
  } finally {
    await app.close();
  }
}

/** A database handle whose every query fails: building the routes never queries. */
function noDatabase(): Database {
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new NoDatabaseDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return { db, engine: 'postgres', close: () => db.destroy() };
}

class NoDatabaseDriver implements Driver {
  async init() {}
  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.reject(new Error('The API document is built without a database'));
  }
  async beginTransaction() {}
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {}
}
