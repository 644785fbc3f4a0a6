import type { Kysely } from 'kysely';
import { createAuditLog } from '../audit/audit-log.repository.js';
import { createRefusalAudit } from '../audit/refusals.js';
import type { Config } from '../config/config.js';
import type { DB } from '../db/schema.js';
import { createMailer } from '../mail/mailer.js';
import type { MediaStore } from '../media/media-store.js';
import type { PhotosService } from '../media/photos.service.js';
import { createUserAdminService } from '../users/admin.service.js';
import { usePasswordHashCost } from '../users/passwords.js';
import { createPersonalDataRepository } from '../users/personal-data.repository.js';
import { createPersonalDataService } from '../users/personal-data.service.js';
import { createProfileService } from '../users/profile.service.js';
import { createUsersRepository } from '../users/users.repository.js';
import { createAccountTokens } from './account-tokens.repository.js';
import { createAccountsService } from './accounts.service.js';
import { sessionCookies } from './authenticate.js';
import { createCaptchaVerifier } from './captcha.js';
import { createLoginThrottle } from './login-throttle.repository.js';
import { createAccountMailQueue } from './account-mail-queue.js';
import { createAccountMailRequestsRepository } from './account-mail-requests.repository.js';
import { createSessionsRepository } from './sessions.repository.js';
import { createSessions } from './sessions.js';

/** Wires the accounts domain: users, sessions, mail, audit log and personal data. */
export function createAccountsModule(
  config: Config,
  db: Kysely<DB>,
  { mediaStore, photos }: { mediaStore: MediaStore; photos: PhotosService },
) {
  usePasswordHashCost(config.accounts.passwordHashCost);
  const users = createUsersRepository(db);
  const audit = createAuditLog(db);
  const mailer = createMailer(config, db);
  const sessions = createSessions(createSessionsRepository(db), config);
  const tokens = createAccountTokens(db);
  const captcha = createCaptchaVerifier(config);
  const throttle = createLoginThrottle(db);
  const refusals = createRefusalAudit(audit);
  const mailQueue = createAccountMailQueue(createAccountMailRequestsRepository(db));
  const service = createAccountsService({
    config,
    users,
    sessions,
    tokens,
    mailer,
    audit,
    captcha,
    throttle,
    mailQueue,
    refusals,
  });
  mailQueue.handleWith(service.sendAccountMail, { afterBatch: () => mailer.nudge() });
  const personalData = createPersonalDataService({
    repository: createPersonalDataRepository(db),
    config,
    users,
    sessions,
    audit,
    mailer,
    mediaStore,
    photos,
  });
  return {
    users,
    audit,
    mailer,
    sessions,
    tokens,
    cookies: sessionCookies(config),
    throttle,
    mailQueue,
    refusals,
    service,
    profiles: createProfileService({ users, mediaStore, audit }),
    personalData,
    admin: createUserAdminService({ users, sessions, audit }),

    /**
     * Forgets expired tokens and sessions, and audit entries and anonymous observers' contact
     * e-mails past their retention.
     */
    async prune() {
      await sessions.prune();
      await throttle.prune();
      await tokens.prune();
      await audit.prune(config.accounts.auditRetentionDays);
      await personalData.forgetAnonymousContacts(config.accounts.anonymousEmailRetentionDays);
    },
  };
}

export type AccountsModule = ReturnType<typeof createAccountsModule>;
