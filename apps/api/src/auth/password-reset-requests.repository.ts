import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

export type QueuedResetRequest = { id: number; email: string; ip: string | null };

/** The queue of password reset requests waiting for the background worker. */
export function createPasswordResetRequestsRepository(db: Kysely<DB>) {
  return {
    transaction: () => db.transaction(),

    async enqueue(email: string, ip: string | null) {
      await db.insertInto('password_reset_requests').values({ email, ip }).execute();
    },

    /**
     * Takes the oldest request off the queue in `trx`, skipping those another worker holds; the
     * removal stands only if `trx` commits.
     */
    async takeOldest(trx: Transaction<DB>): Promise<QueuedResetRequest | undefined> {
      const request = await trx
        .selectFrom('password_reset_requests')
        .select(['id', 'email', 'ip'])
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (request) {
        await trx.deleteFrom('password_reset_requests').where('id', '=', request.id).execute();
      }
      return request;
    },
  };
}
