import type { Kysely, Transaction } from 'kysely';
import type { AccountMailKind, DB } from '../db/schema.js';

export type QueuedAccountMail = {
  id: number;
  kind: AccountMailKind;
  email: string;
  ip: string | null;
};

/** The queue of account mails asked for (reset, confirmation), waiting for the background worker. */
export function createAccountMailRequestsRepository(db: Kysely<DB>) {
  return {
    transaction: () => db.transaction(),

    async enqueue(kind: AccountMailKind, email: string, ip: string | null) {
      await db.insertInto('account_mail_requests').values({ kind, email, ip }).execute();
    },

    /**
     * Takes the oldest request off the queue in `trx`, skipping those another worker holds; the
     * removal stands only if `trx` commits.
     */
    async takeOldest(trx: Transaction<DB>): Promise<QueuedAccountMail | undefined> {
      const request = await trx
        .selectFrom('account_mail_requests')
        .select(['id', 'kind', 'email', 'ip'])
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (request) {
        await trx.deleteFrom('account_mail_requests').where('id', '=', request.id).execute();
      }
      return request;
    },
  };
}

export type AccountMailRequests = ReturnType<typeof createAccountMailRequestsRepository>;
