import type { Transaction } from 'kysely';
import {
  LOCALES,
  type Locale,
  type Notification,
  type NotificationList,
  type NotificationListQuery,
  type NotificationMailPreferences,
  type ValidationStatus,
} from '@citizen/shared';
import type { Config } from '../config/config.js';
import type { DB } from '../db/schema.js';
import type { Mailer } from '../mail/mailer.js';
import { renderMail } from '../mail/templates.js';
import type { NotificationsRepository } from './notifications.repository.js';

/** Notifications older than this are pruned, read or not. */
export const NOTIFICATION_DAYS = 180;

/** What a validator did to an observation, told to its observer. */
export type ObservationNotice = {
  userId: number;
  observationId: string;
  kind: 'validated' | 'reidentified' | 'question';
  status: string | null;
  comment: string | null;
};

/** A name in `lang`, else in the instance's language, else any. */
function pick(names: Record<string, string> | null, lang: Locale, fallback: Locale): string {
  if (!names) return '';
  return names[lang] ?? names[fallback] ?? Object.values(names)[0] ?? '';
}

export function createNotificationsService(
  repository: NotificationsRepository,
  mailer: Mailer,
  config: Config,
) {
  const localeOf = (value: string): Locale =>
    (LOCALES as readonly string[]).includes(value) ? (value as Locale) : config.defaultLocale;

  return {
    /** Inside the transaction of the judgement or question. */
    observationEvent: (trx: Transaction<DB>, notice: ObservationNotice) =>
      repository.add(trx, {
        user_id: notice.userId,
        kind: notice.kind,
        observation_id: notice.observationId,
        status: notice.status,
        comment: notice.comment,
      }),

    async list(userId: number, query: NotificationListQuery): Promise<NotificationList> {
      const lang = query.lang ?? config.defaultLocale;
      const [rows, unread] = await Promise.all([
        repository.list(userId, { before: query.before, limit: query.limit }, lang),
        repository.unread(userId),
      ]);
      const items: Notification[] = rows.map((row) => ({
        id: Number(row.id),
        kind: row.kind,
        observation:
          row.observation_id && row.observed_on
            ? {
                id: row.observation_id,
                taxon: row.taxon ?? '',
                observedOn: String(row.observed_on),
              }
            : null,
        status: row.status as ValidationStatus | null,
        comment: row.comment,
        badge:
          row.badge_id === null
            ? null
            : {
                id: Number(row.badge_id),
                name: pick(row.badge_name, lang, config.defaultLocale),
              },
        createdAt: new Date(row.created_at).toISOString(),
        read: row.read_at !== null,
      }));
      const last = items.at(-1);
      return { items, unread, nextBefore: items.length === query.limit && last ? last.id : null };
    },

    unread: (userId: number) => repository.unread(userId),

    async markRead(userId: number, ids: number[] | undefined): Promise<number> {
      await repository.markRead(userId, ids ?? null);
      return repository.unread(userId);
    },

    async mailPreferences(userId: number): Promise<NotificationMailPreferences> {
      const row = await repository.mailPreferences(userId);
      return {
        judgements: row?.notify_by_email ?? false,
        questions: row?.mail_on_question ?? true,
        badges: row?.mail_on_badge ?? false,
      };
    },

    async setMailPreferences(
      userId: number,
      preferences: NotificationMailPreferences,
    ): Promise<NotificationMailPreferences> {
      await repository.setMailPreferences(userId, {
        notify_by_email: preferences.judgements,
        mail_on_question: preferences.questions,
        mail_on_badge: preferences.badges,
      });
      return preferences;
    },

    /**
     * After badges were awarded (their notifications are written by the award itself): one mail
     * per badge to a holder who asked for them.
     */
    async mailBadges(userId: number, ruleIds: number[]): Promise<void> {
      if (ruleIds.length === 0) return;
      const rows = await repository.badgeMail(userId, ruleIds);
      const wanted = rows.filter((row) => row.is_active && row.mail_on_badge);
      if (wanted.length === 0) return;
      await repository.transaction().execute(async (trx) => {
        for (const row of wanted) {
          const locale = localeOf(row.locale);
          const content = renderMail('badgeEarned', locale, {
            siteName: config.siteName,
            username: row.username,
            badge: pick(row.badge_name, locale, config.defaultLocale),
            link: `${config.publicUrl}/${locale}/notifications`,
          });
          await mailer.enqueue(trx, { to: row.email, ...content });
        }
      });
      mailer.nudge();
    },

    prune: () => repository.prune(NOTIFICATION_DAYS),
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
