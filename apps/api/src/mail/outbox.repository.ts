import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { MailContent } from './templates.js';

export type QueuedMail = MailContent & { to: string };

export type ClaimedMail = {
  id: number;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attempts: number;
};

/** How long a sender may take over one batch before another sender may claim its mails. */
const LEASE_SECONDS = 300;
/** After this many failed attempts a mail is given up (about a day and a half of retries). */
export const MAX_ATTEMPTS = 12;

/** Seconds to wait before attempt `attempts + 1`: 30 s, 1 min, 2 min... at most 4 hours. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 4 * 3600);
}

/**
 * The mail queue, a database table. Writers insert into it in the same transaction as the change
 * the mail is about, so a mail is queued if and only if that change is committed.
 */
export function createOutbox(db: Kysely<DB>) {
  return {
    async enqueue(executor: Kysely<DB>, mail: QueuedMail) {
      await executor
        .insertInto('mail_outbox')
        .values({
          recipient: mail.to,
          subject: mail.subject,
          text_body: mail.text,
          html_body: mail.html,
        })
        .execute();
    },

    /**
     * Takes up to `limit` due mails for this sender, in one statement: rows another sender has
     * locked are skipped, so several API processes can drain the same queue.
     */
    async claim(limit: number): Promise<ClaimedMail[]> {
      const { rows } = await sql<ClaimedMail>`
        update mail_outbox
        set locked_until = now() + make_interval(secs => ${LEASE_SECONDS}),
            attempts = attempts + 1
        where id in (
          select id from mail_outbox
          where failed_at is null
            and next_attempt_at <= now()
            and (locked_until is null or locked_until < now())
          order by id
          limit ${limit}
          for update skip locked
        )
        returning id, recipient, subject, text_body, html_body, attempts`.execute(db);
      return rows.sort((a, b) => a.id - b.id);
    },

    /** A sent mail leaves the queue: its links are secrets that should not linger. */
    async sent(id: number) {
      await db.deleteFrom('mail_outbox').where('id', '=', id).execute();
    },

    async failed(mail: ClaimedMail, error: string) {
      const giveUp = mail.attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('mail_outbox')
        .set({
          locked_until: null,
          last_error: error.slice(0, 1000),
          next_attempt_at: sql<Date>`now() + make_interval(secs => ${retryDelaySeconds(mail.attempts)})`,
          ...(giveUp ? { failed_at: new Date(), text_body: '', html_body: null } : {}),
        })
        .where('id', '=', mail.id)
        .execute();
      return giveUp;
    },

    /** Gives back mails claimed but not tried (the sender is stopping). */
    async release(ids: number[]) {
      if (ids.length === 0) return;
      await db
        .updateTable('mail_outbox')
        .set((eb) => ({ locked_until: null, attempts: eb('attempts', '-', 1) }))
        .where('id', 'in', ids)
        .execute();
    },

    async pending(): Promise<number> {
      const row = await db
        .selectFrom('mail_outbox')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('failed_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
