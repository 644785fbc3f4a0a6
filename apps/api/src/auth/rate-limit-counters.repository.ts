import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export type Hit = { key: string; hits: number; secondsLeft: number };

/**
 * Fixed-window request counters in PostgreSQL (table rate_limit_counters), so that every API
 * process counts against the same limits.
 */
export function createRateLimitCounters(db: Kysely<DB>) {
  return {
    /** Counts one request under each key, in one statement; a window that has ended starts again. */
    async hit(keys: string[], windowSeconds: number): Promise<Hit[]> {
      if (keys.length === 0) return [];
      const fresh = sql<Date>`now() + make_interval(secs => ${windowSeconds})`;
      const ended = sql<boolean>`rate_limit_counters.resets_at <= now()`;
      const rows = await db
        .insertInto('rate_limit_counters')
        // Sorted: two statements locking the same rows take them in one order (no deadlock).
        .values([...keys].sort().map((key) => ({ key, hits: 1, resets_at: fresh })))
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            hits: sql<number>`case when ${ended} then 1 else rate_limit_counters.hits + 1 end`,
            resets_at: sql<Date>`case when ${ended} then ${fresh} else rate_limit_counters.resets_at end`,
          }),
        )
        .returning([
          'key',
          'hits',
          sql<number>`ceil(extract(epoch from resets_at - now()))::integer`.as('seconds_left'),
        ])
        .execute();
      return rows.map((r) => ({
        key: r.key,
        hits: r.hits,
        secondsLeft: Math.max(1, Number(r.seconds_left)),
      }));
    },

    /** Forgets windows that have ended. */
    async prune() {
      await db
        .deleteFrom('rate_limit_counters')
        .where('resets_at', '<=', sql<Date>`now()`)
        .execute();
    },
  };
}

export type RateLimitCounters = ReturnType<typeof createRateLimitCounters>;
