import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

export type IdempotencyScope = { userId: number | null; key: string };

export type IdempotencyRecord = IdempotencyScope & {
  operation: string;
  fingerprint: string;
  resourceId: string;
};

/** The unique constraint a second request with the same key meets (migration 0020). */
export const ONCE_CONSTRAINT = 'idempotency_keys_once';

export function createIdempotencyRepository(db: Kysely<DB>) {
  return {
    find({ userId, key }: IdempotencyScope) {
      return db
        .selectFrom('idempotency_keys')
        .select(['operation', 'fingerprint', 'resource_id'])
        .where('key', '=', key)
        .where((eb) => (userId === null ? eb('user_id', 'is', null) : eb('user_id', '=', userId)))
        .executeTakeFirst();
    },

    /** In the transaction that creates the resource: a second one with the key waits, then fails. */
    async insert(trx: Transaction<DB>, record: IdempotencyRecord): Promise<void> {
      await trx
        .insertInto('idempotency_keys')
        .values({
          user_id: record.userId,
          key: record.key,
          operation: record.operation,
          fingerprint: record.fingerprint,
          resource_id: record.resourceId,
        })
        .execute();
    },

    /** Deletes the keys older than `days`; how many. */
    async pruneOlderThan(days: number): Promise<number> {
      const result = await db
        .deleteFrom('idempotency_keys')
        .where('created_at', '<', sql<Date>`now() - make_interval(days => ${days})`)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
