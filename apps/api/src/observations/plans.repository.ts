import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Runs `work` in a transaction whose plans use neither parallel workers nor JIT compilation, on
 * PostgreSQL (`enabled`); PGlite has neither. The reading queries are small index scans or
 * aggregations of a tile: PostgreSQL plans two workers and JIT on a million rows all the same,
 * which only add their start-up (20-40 ms) and compilation (80-140 ms) times.
 */
export async function withoutParallelismOrJit<T>(
  db: Kysely<DB>,
  enabled: boolean,
  work: (executor: Kysely<DB> | Transaction<DB>) => Promise<T>,
): Promise<T> {
  if (!enabled) return work(db);
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('max_parallel_workers_per_gather', '0', true),
      set_config('jit', 'off', true)`.execute(trx);
    return work(trx);
  });
}
