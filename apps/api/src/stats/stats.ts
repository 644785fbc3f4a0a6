import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { ObservationStats, PlatformStats } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import { NotFoundError } from '../http/errors.js';
import type { Viewer } from '../observations/filters.js';
import type { DataVersions } from './data-versions.js';

type Counts = { observations: number; species: number; observers: number };

/**
 * Counts of the public observations (migration 0009), species (distinct accepted taxa) and
 * observers, per programme and over the active programmes. They take a scan of the observations, so each result is kept until
 * the data version changes.
 */
export function createStatsService(db: Kysely<DB>, versions: DataVersions) {
  const cache = new Map<string, { version: string; value: unknown }>();

  async function cached<T>(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit?.version === version) return hit.value as T;
    const value = await compute();
    cache.set(key, { version, value });
    return value;
  }

  async function counts(where: RawBuilder<SqlBool>): Promise<Counts> {
    // Anonymous observers count once per distinct name they gave.
    const { rows } = await sql<Counts>`
      select count(*)::int as observations, count(distinct t.cd_ref)::int as species,
        (count(distinct o.observer_id)
          + count(distinct lower(trim(o.observer_name))) filter (where o.observer_id is null))::int
          as observers
      from observations o join taxa t on t.cd_nom = o.cd_nom
      where o.is_public and ${where}`.execute(db);
    return rows[0]!;
  }

  return {
    async program(programId: number, viewer: Viewer): Promise<ObservationStats> {
      const state = await versions.program(programId);
      if (!state || (viewer.kind !== 'expert' && !state.isActive)) {
        throw new NotFoundError(`Programme ${programId} does not exist or is not active`);
      }
      const value = await cached(`program:${programId}`, state.version, () =>
        counts(sql<SqlBool>`o.program_id = ${programId}`),
      );
      return { ...value, dataVersion: state.version };
    },

    async platform(): Promise<PlatformStats> {
      const all = await versions.active();
      const version = createHash('sha256').update(all).digest('base64url').slice(0, 16);
      const value = await cached('platform', version, async () => {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from programs where is_active`.execute(db);
        const totals = await counts(
          sql<SqlBool>`o.program_id in (select id from programs where is_active)`,
        );
        return { ...totals, programs: rows[0]!.n };
      });
      return { ...value, dataVersion: version };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
