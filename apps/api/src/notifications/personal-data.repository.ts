import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { PersonalDataSource } from '../users/personal-data.service.js';

/** A user's notifications and mail choices in their data export; erased with the account (cascade). */
export function notificationsPersonalData(db: Kysely<DB>): PersonalDataSource {
  return {
    name: 'notifications',
    async export(userId) {
      const [items, mails] = await Promise.all([
        db
          .selectFrom('notifications')
          .select([
            'kind',
            'observation_id',
            'badge_rule_id',
            'status',
            'comment',
            'created_at',
            'read_at',
          ])
          .where('user_id', '=', userId)
          .orderBy('id')
          .execute(),
        db
          .selectFrom('users')
          .select(['notify_by_email', 'mail_on_question', 'mail_on_badge'])
          .where('id', '=', userId)
          .executeTakeFirst(),
      ]);
      return { items, mails: mails ?? null };
    },
    async erase() {
      return [];
    },
  };
}
