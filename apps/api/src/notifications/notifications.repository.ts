import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Locale } from '@citizen/shared';
import type { DB, NotificationsTable } from '../db/schema.js';
import { displayName } from '../taxonomy/names.repository.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type MailPreferenceRow = {
  notify_by_email: boolean;
  mail_on_question: boolean;
  mail_on_badge: boolean;
};

/** Notifications (migration 0021): written with their event, read and marked by their owner. */
export function createNotificationsRepository(db: Kysely<DB>) {
  return {
    transaction: () => db.transaction(),

    async add(executor: Executor, notification: Insertable<NotificationsTable>) {
      await executor.insertInto('notifications').values(notification).execute();
    },

    /** The user's notifications, newest first, with names in `lang`. */
    list(userId: number, options: { before?: number; limit: number }, lang: Locale) {
      let query = db
        .selectFrom('notifications as n')
        .leftJoin('observations as o', 'o.id', 'n.observation_id')
        .leftJoin('taxa as t', 't.cd_nom', 'o.cd_nom')
        .leftJoin('badge_rules as r', 'r.id', 'n.badge_rule_id')
        .select([
          'n.id',
          'n.kind',
          'n.observation_id',
          'n.status',
          'n.comment',
          'n.created_at',
          'n.read_at',
          'o.observed_on',
          sql<string | null>`case when t.cd_nom is not null then ${displayName(
            sql.ref('t.cd_nom'),
            sql.ref('t.scientific_name'),
            lang,
          )} end`.as('taxon'),
          'r.id as badge_id',
          sql<Record<string, string> | null>`r.name`.as('badge_name'),
        ])
        .where('n.user_id', '=', userId)
        .orderBy('n.id', 'desc')
        .limit(options.limit);
      if (options.before !== undefined) query = query.where('n.id', '<', options.before);
      return query.execute();
    },

    async unread(userId: number): Promise<number> {
      const row = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    /** Marks the user's notifications of `ids` (all when null) read; others' ids do nothing. */
    async markRead(userId: number, ids: number[] | null) {
      let query = db
        .updateTable('notifications')
        .set({ read_at: new Date() })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null);
      if (ids) query = query.where('id', 'in', ids);
      await query.execute();
    },

    /** Deletes the notifications created before `days` days ago; returns how many. */
    async prune(days: number): Promise<number> {
      const result = await db
        .deleteFrom('notifications')
        .where('created_at', '<', sql<Date>`now() - make_interval(days => ${days})`)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    mailPreferences(userId: number): Promise<MailPreferenceRow | undefined> {
      return db
        .selectFrom('users')
        .select(['notify_by_email', 'mail_on_question', 'mail_on_badge'])
        .where('id', '=', userId)
        .executeTakeFirst();
    },

    async setMailPreferences(userId: number, values: MailPreferenceRow) {
      await db
        .updateTable('users')
        .set({ ...values, updated_at: new Date() })
        .where('id', '=', userId)
        .execute();
    },

    /** Who to mail about new badges, if they want it, and the badges' names. */
    badgeMail(userId: number, ruleIds: number[]) {
      return db
        .selectFrom('users as u')
        .innerJoin('badge_rules as r', (join) => join.on('r.id', 'in', ruleIds))
        .select([
          'u.email',
          'u.username',
          'u.locale',
          'u.is_active',
          'u.mail_on_badge',
          sql<Record<string, string>>`r.name`.as('badge_name'),
        ])
        .where('u.id', '=', userId)
        .orderBy('r.id')
        .execute();
    },
  };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
