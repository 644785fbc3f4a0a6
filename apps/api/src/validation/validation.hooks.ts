import { LOCALES, type Locale } from '@citizen/shared';
import type { AuditEvent } from '../audit/audit.js';
import type { AuditLog } from '../audit/audit-log.repository.js';
import type { Config } from '../config/config.js';
import type { Mailer } from '../mail/mailer.js';
import { renderMail } from '../mail/templates.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { ValidationRepository } from './validation.repository.js';
import type { Judgement, ValidationHooks } from './validation.service.js';

const TOLD = new Set<Judgement['kind']>(['validated', 'reidentified', 'question']);

/**
 * What follows a judgement: an audit record always; for a judgement, re-identification or
 * question, a notification to the observer and a mail when they want one for that kind (questions
 * unless refused, judgements when opted in), both in the same transaction (the mail is sent after
 * commit); and after a re-identification
 * the observer's badges brought up to date. When the observer changes a judged observation, the
 * validator who judged it is told the same way.
 */
export function createValidationHooks(
  repository: ValidationRepository,
  mailer: Mailer,
  audit: AuditLog,
  badges: { refreshUsers(userIds: number[]): Promise<void> },
  config: Config,
  notifications: Pick<NotificationsService, 'observationEvent'>,
): ValidationHooks {
  const localeOf = (value: string): Locale =>
    (LOCALES as readonly string[]).includes(value) ? (value as Locale) : config.defaultLocale;
  return {
    async recorded(trx, judgement) {
      await audit.record(
        {
          event: `observation_${judgement.kind}` as AuditEvent,
          actorId: judgement.actorId,
          details: {
            observationId: judgement.observationId,
            ...(judgement.status && { status: judgement.status }),
            ...(judgement.reason && { reason: judgement.reason }),
          },
        },
        trx,
      );
      if (!TOLD.has(judgement.kind)) return;
      const observer = await repository.observerToNotify(trx, judgement.observationId);
      if (!observer) return;
      const kind = judgement.kind as 'validated' | 'reidentified' | 'question';
      await notifications.observationEvent(trx, {
        userId: Number(observer.id),
        observationId: judgement.observationId,
        kind,
        status: kind === 'question' ? null : (judgement.status ?? null),
        comment: judgement.comment ?? null,
      });
      const wantsMail = kind === 'question' ? observer.mail_on_question : observer.notify_by_email;
      if (!observer.is_active || !wantsMail) return;
      const locale = localeOf(observer.locale);
      const content = renderMail('observationReviewed', locale, {
        siteName: config.siteName,
        username: observer.username,
        taxon: observer.scientific_name,
        date: observer.observed_on,
        kind,
        status: judgement.status ?? null,
        comment: judgement.comment ?? null,
        link: `${config.publicUrl}/${locale}/observations/${judgement.observationId}`,
      });
      await mailer.enqueue(trx, { to: observer.email, ...content });
    },
    async reopened(trx, { observationId, validatorId, changed }) {
      if (validatorId === null) return;
      const validator = await repository.validatorToNotify(trx, validatorId, observationId);
      if (!validator?.is_active || !validator.notify_by_email) return;
      const locale = localeOf(validator.locale);
      const content = renderMail('judgedObservationChanged', locale, {
        siteName: config.siteName,
        username: validator.username,
        taxon: validator.scientific_name,
        date: validator.observed_on,
        changed,
        link: `${config.publicUrl}/${locale}/validation/${observationId}`,
      });
      await mailer.enqueue(trx, { to: validator.email, ...content });
    },
    async committed(reidentifiedObservers) {
      mailer.nudge();
      if (reidentifiedObservers.length > 0) await badges.refreshUsers(reidentifiedObservers);
    },
  };
}
