import { Health } from '@citizen/shared';
import type { Database } from '../db/database.js';
import type { Services } from '../services.js';
import { VERSION } from '../version.js';
import { postgisVersion } from '../db/extensions.js';
import { migrationState } from '../db/migrate.js';
import type { App } from '../http/types.js';

export function healthRoutes(app: App, { database }: Services) {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Database reachability and migration state; 503 when not ready',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const health = await checkHealth(database, VERSION);
      return reply.code(health.status === 'ok' ? 200 : 503).send(health);
    },
  );
}

export async function checkHealth(database: Database, version: string): Promise<Health> {
  const base = { version, database: { engine: database.engine, reachable: false, postgis: null } };
  try {
    const migrations = await migrationState(database.db);
    const postgis = await postgisVersion(database.db);
    return {
      ...base,
      status: migrations.pending.length === 0 && postgis ? 'ok' : 'degraded',
      database: { ...base.database, reachable: true, postgis },
      migrations,
    };
  } catch (error) {
    return {
      ...base,
      status: 'degraded',
      database: { ...base.database, error: (error as Error).message },
      migrations: { applied: 0, pending: [], latest: null },
    };
  }
}
