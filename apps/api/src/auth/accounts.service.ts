import type { Kysely, Transaction } from 'kysely';
import type {
  ChangeEmailRequest,
  ChangePasswordRequest,
  Locale,
  LoginRequest,
  RegisterRequest,
  RegisterResponse,
} from '@citizen/shared';
import { LOCALES } from '@citizen/shared';
import type { AuditLog } from '../audit/audit-log.repository.js';
import type { RefusalAudit } from '../audit/refusals.js';
import type { Config } from '../config/config.js';
import type { DB, SessionTransport } from '../db/schema.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { DomainError } from '../http/errors.js';
import type { Mailer } from '../mail/mailer.js';
import { renderMail, type MailTemplate, type MailTemplates } from '../mail/templates.js';
import { hashPassword, needsRehash, verifyPassword } from '../users/passwords.js';
import type { AccountRow, UsersRepository } from '../users/users.repository.js';
import { TOKEN_LIFETIME_MINUTES, type AccountTokens } from './account-tokens.repository.js';
import type { CaptchaVerifier } from './captcha.js';
import { loginKey, userKey, type LoginThrottle } from './login-throttle.repository.js';
import type { AccountMailQueue } from './account-mail-queue.js';
import type { QueuedAccountMail } from './account-mail-requests.repository.js';
import { passwordProblem } from './password-rule.js';
import type { IssuedTokens, Sessions } from './sessions.js';

/**
 * Where a request comes from, for the audit log, the session list and the login throttle
 * (`deviceToken`: the device cookie of an earlier successful login, if sent).
 */
export type RequestContext = { ip: string; userAgent: string | null; deviceToken?: string | null };

/**
 * 429 with the seconds to wait, which the route puts in a Retry-After header. It speaks of this
 * client's attempts, never of an account: the answer is the same whether the account exists.
 */
export class LockedError extends DomainError<'auth.tooManyWrongPasswords'> {
  constructor(readonly retryAfterSeconds: number) {
    super('auth.tooManyWrongPasswords', { minutes: Math.ceil(retryAfterSeconds / 60) });
  }
}

/** Compared against when the account does not exist, so that the answer takes as long. */
let dummyHash: Promise<string> | undefined;

type Deps = {
  config: Config;
  users: UsersRepository;
  sessions: Sessions;
  tokens: AccountTokens;
  mailer: Mailer;
  audit: AuditLog;
  captcha: CaptchaVerifier;
  throttle: LoginThrottle;
  mailQueue: AccountMailQueue;
  /** Failed and refused logins: a bounded number of audit rows, with counts, under a flood. */
  refusals: RefusalAudit;
};

/** Registration, confirmation, login, password reset and change, e-mail change. */
export function createAccountsService(deps: Deps) {
  const { config, users, sessions, tokens, mailer, audit, captcha, throttle, mailQueue } = deps;
  const { refusals } = deps;
  const site = config.siteName;
  const link = (locale: string, page: string, token: string) =>
    `${config.publicUrl}/${locale}/${page}?token=${encodeURIComponent(token)}`;
  const siteUrl = (locale: string) => `${config.publicUrl}/${locale}/`;
  const localeOf = (value: string | undefined): Locale =>
    LOCALES.includes(value as Locale) ? (value as Locale) : config.defaultLocale;

  function queueMail<K extends MailTemplate>(
    executor: Kysely<DB>,
    to: string,
    locale: string,
    template: K,
    vars: Omit<MailTemplates[K], 'siteName'>,
  ) {
    const content = renderMail(template, localeOf(locale), {
      siteName: site,
      ...vars,
    } as MailTemplates[K]);
    return mailer.enqueue(executor, { to, ...content });
  }

  /**
   * Where wrong passwords are counted: a device that logged in to this account before (its
   * cookie), else the client address. The device is looked up whenever a cookie is sent, for
   * an unknown login too, so that both take the same work.
   */
  async function sourceOf(account: AccountRow | null, ctx: RequestContext) {
    const device = ctx.deviceToken ? await throttle.knownDevice(ctx.deviceToken) : undefined;
    if (device && account && Number(device.user_id) === account.id) {
      return { source: `device:${device.id}`, deviceId: Number(device.id) };
    }
    return { source: `ip:${ctx.ip}`, deviceId: null };
  }

  /**
   * Checks a password, counting failures per login and source: past the threshold that pair
   * waits (429), a wait that doubles with each further failure (at most an hour); a success
   * forgets the pair. An unknown login (`account` null) takes the same steps and answers alike.
   */
  async function checkPassword(
    login: string,
    account: AccountRow | null,
    password: string,
    ctx: RequestContext,
  ): Promise<{ deviceId: number | null }> {
    const { source, deviceId } = await sourceOf(account, ctx);
    const wait = await throttle.waitSeconds(login, source);
    if (wait > 0) {
      await refusals.record({
        event: 'login_refused_locked',
        userId: account?.id ?? null,
        ip: ctx.ip,
      });
      throw new LockedError(wait);
    }
    const hash = account?.password_hash ?? (await (dummyHash ??= hashPassword('not a password')));
    const ok = (await verifyPassword(hash, password)) && !!account?.password_hash;
    if (ok) {
      await throttle.succeeded(login, source);
      return { deviceId };
    }
    const { failures, blockedUntil } = await throttle.failed(login, source);
    await refusals.record({
      event: 'login_failed',
      userId: account?.id ?? null,
      ip: ctx.ip,
      details: { failures, ...(account ? {} : { unknownLogin: true }) },
    });
    if (blockedUntil) {
      await refusals.record({
        event: 'account_locked',
        userId: account?.id ?? null,
        ip: ctx.ip,
        details: { until: blockedUntil.toISOString(), source: source.split(':')[0] },
      });
    }
    throw new DomainError('auth.wrongCredentials');
  }

  async function checkNewPassword(password: string, account: { username: string; email: string }) {
    const problem = passwordProblem(password, account);
    if (problem) throw problem;
  }

  return {
    async register(input: RegisterRequest, ctx: RequestContext): Promise<RegisterResponse> {
      let human: boolean;
      try {
        human = await captcha.verify(input.captchaToken, ctx.ip);
      } catch {
        throw new DomainError('auth.captchaUnavailable');
      }
      if (!human) throw new DomainError('auth.captchaRefused', {}, { field: 'captchaToken' });
      const email = input.email.trim();
      await checkNewPassword(input.password, { username: input.username, email });
      // Hash in every case, so that a known e-mail address does not answer faster.
      const passwordHash = await hashPassword(input.password);
      const locale = localeOf(input.locale);
      const answer: RegisterResponse = {
        message: config.accounts.requireEmailConfirmation
          ? 'Check your mailbox: we sent you a link to confirm your e-mail address'
          : 'Your account is ready: you can log in',
        confirmationRequired: config.accounts.requireEmailConfirmation,
      };

      if (await users.findByUsername(input.username)) {
        throw new DomainError(
          'account.usernameTaken',
          { username: input.username },
          { field: 'username' },
        );
      }
      const existing = await users.findByEmail(email);
      if (existing) {
        // Same answer as a new account; the owner of the address learns of the attempt by mail.
        await users.transaction().execute((trx) =>
          queueMail(trx, existing.email, existing.locale, 'alreadyRegistered', {
            username: existing.username,
            siteUrl: siteUrl(existing.locale),
          }),
        );
        mailer.nudge();
        return answer;
      }

      try {
        await users.transaction().execute(async (trx) => {
          const user = await users.register(trx, {
            username: input.username,
            email,
            passwordHash,
            displayName: input.displayName?.trim() || null,
            locale,
          });
          await audit.record({ event: 'account_registered', userId: user.id, ip: ctx.ip }, trx);
          if (config.accounts.requireEmailConfirmation) {
            const token = await tokens.issue(trx, user.id, 'confirm_email');
            await queueMail(trx, user.email, locale, 'confirmEmail', {
              username: user.username,
              link: link(locale, 'confirm', token),
              hours: TOKEN_LIFETIME_MINUTES.confirm_email / 60,
            });
          }
        });
      } catch (error) {
        // Two registrations racing for the same name or address: the database decides.
        if (isUniqueViolation(error, 'users_username_key')) {
          throw new DomainError(
            'account.usernameTaken',
            { username: input.username },
            { field: 'username' },
          );
        }
        if (isUniqueViolation(error, 'users_email_key')) return answer;
        throw error;
      }
      mailer.nudge();
      return answer;
    },

    /** The link of the confirmation mail: the address is proven, the account may log in. */
    async confirmEmail(token: string, ctx: RequestContext) {
      await users.transaction().execute(async (trx) => {
        const spent = await tokens.consume(trx, token, 'confirm_email');
        if (!spent) throw new DomainError('auth.invalidLink');
        await users.confirmEmail(trx, spent.userId);
        await audit.record({ event: 'email_confirmed', userId: spent.userId, ip: ctx.ip }, trx);
      });
      return { message: 'Your e-mail address is confirmed: you can log in' };
    },

    /** Queued as a password reset is (`forgotPassword`): `sendAccountMail` does the work. */
    async resendConfirmation(email: string, ctx: RequestContext) {
      await mailQueue.enqueue('confirm_email', email.trim(), ctx.ip);
      mailQueue.nudge();
      return {
        message:
          'If this address has an account waiting for confirmation, a new link is on its way',
      };
    },

    async login(
      input: LoginRequest,
      transport: SessionTransport,
      ctx: RequestContext,
    ): Promise<{ account: AccountRow; tokens: IssuedTokens; deviceToken: string | null }> {
      const account = (await users.findByLogin(input.login)) ?? null;
      const { deviceId } = await checkPassword(loginKey(input.login), account, input.password, ctx);
      if (!account) throw new DomainError('auth.wrongCredentials');
      // Only someone who knows the password learns why the account may not log in.
      if (!account.is_active) throw new DomainError('auth.accountDisabled');
      if (config.accounts.requireEmailConfirmation && !account.email_confirmed_at) {
        throw new DomainError('auth.emailNotConfirmed');
      }
      const rehash =
        account.password_hash && needsRehash(account.password_hash)
          ? await hashPassword(input.password)
          : null;
      await users.recordLogin(account.id, rehash);
      const issued = await sessions.start(account.id, transport, ctx.userAgent);
      await audit.record({
        event: 'login_succeeded',
        userId: account.id,
        ip: ctx.ip,
        details: { transport },
      });
      const deviceToken = await throttle.rememberDevice(account.id, deviceId);
      return { account, tokens: issued, deviceToken };
    },

    /**
     * Queues the request, whatever the address: the answer and the work are the same whether it
     * has an account or not. The background worker mails the link (`sendAccountMail`).
     */
    async forgotPassword(email: string, ctx: RequestContext) {
      await mailQueue.enqueue('reset_password', email.trim(), ctx.ip);
      mailQueue.nudge();
      return {
        message: 'If this address has an account, a link to choose a new password is on its way',
      };
    },

    /**
     * The worker's part of a queued request: a password reset link for an active account; a new
     * confirmation link for an active account whose address is not confirmed yet.
     */
    async sendAccountMail(trx: Transaction<DB>, request: QueuedAccountMail) {
      const account = await users.findByEmail(request.email, trx);
      if (!account?.is_active) return;
      if (request.kind === 'confirm_email') {
        if (account.email_confirmed_at || !config.accounts.requireEmailConfirmation) return;
        const token = await tokens.issue(trx, account.id, 'confirm_email');
        await queueMail(trx, account.email, account.locale, 'confirmEmail', {
          username: account.username,
          link: link(account.locale, 'confirm', token),
          hours: TOKEN_LIFETIME_MINUTES.confirm_email / 60,
        });
        return;
      }
      const token = await tokens.issue(trx, account.id, 'reset_password');
      await queueMail(trx, account.email, account.locale, 'resetPassword', {
        username: account.username,
        link: link(account.locale, 'reset-password', token),
        minutes: TOKEN_LIFETIME_MINUTES.reset_password,
      });
      await audit.record(
        { event: 'password_reset_requested', userId: account.id, ip: request.ip },
        trx,
      );
    },

    /**
     * Sets a new password from a reset link. It also proves the mailbox (so it confirms the
     * address), lifts a lock-out, and ends every session: whoever knew the old password is out.
     */
    async resetPassword(token: string, password: string, ctx: RequestContext) {
      const holder = await tokens.peek(token, 'reset_password');
      const account = holder && (await users.findById(holder.userId));
      if (!account || !account.is_active) throw new DomainError('auth.invalidLink');
      await checkNewPassword(password, account);
      const passwordHash = await hashPassword(password);
      await users.transaction().execute(async (trx) => {
        if (!(await tokens.consume(trx, token, 'reset_password'))) {
          throw new DomainError('auth.invalidLink');
        }
        await users.update(
          account.id,
          {
            password_hash: passwordHash,
            ...(account.email_confirmed_at ? {} : { email_confirmed_at: new Date() }),
          },
          trx,
        );
        await sessions.revokeAll(account.id, 'password_reset', trx);
        await throttle.forget(
          [loginKey(account.username), loginKey(account.email), userKey(account.id)],
          trx,
        );
        await queueMail(trx, account.email, account.locale, 'passwordChanged', {
          username: account.username,
          siteUrl: siteUrl(account.locale),
        });
        await audit.record({ event: 'password_reset', userId: account.id, ip: ctx.ip }, trx);
      });
      mailer.nudge();
      return { message: 'Your password is changed: you can log in with it' };
    },

    /** Needs the current password; every other session of the account ends. */
    async changePassword(
      userId: number,
      currentSessionId: string | null,
      input: ChangePasswordRequest,
      ctx: RequestContext,
    ) {
      const account = await users.findById(userId);
      if (!account) throw new DomainError('auth.accountGone');
      try {
        await checkPassword(userKey(account.id), account, input.currentPassword, ctx);
      } catch (error) {
        if (error instanceof LockedError) throw error;
        throw new DomainError('account.wrongCurrentPassword', {}, { field: 'currentPassword' });
      }
      await checkNewPassword(input.newPassword, account);
      const passwordHash = await hashPassword(input.newPassword);
      await users.transaction().execute(async (trx) => {
        await users.update(account.id, { password_hash: passwordHash }, trx);
        await sessions.revokeAll(
          account.id,
          'password_changed',
          trx,
          currentSessionId ?? undefined,
        );
        await queueMail(trx, account.email, account.locale, 'passwordChanged', {
          username: account.username,
          siteUrl: siteUrl(account.locale),
        });
        await audit.record({ event: 'password_changed', userId: account.id, ip: ctx.ip }, trx);
      });
      mailer.nudge();
    },

    /**
     * Asks for a new address: it replaces the old one only once confirmed from a link mailed to
     * it; the old address is told. An address already in use gets a notice instead, and the
     * caller the same answer.
     */
    async requestEmailChange(userId: number, input: ChangeEmailRequest, ctx: RequestContext) {
      const account = await users.findById(userId);
      if (!account) throw new DomainError('auth.accountGone');
      try {
        await checkPassword(userKey(account.id), account, input.password, ctx);
      } catch (error) {
        if (error instanceof LockedError) throw error;
        throw new DomainError('account.wrongPassword', {}, { field: 'password' });
      }
      const newEmail = input.newEmail.trim();
      if (newEmail.toLowerCase() === account.email.toLowerCase()) {
        throw new DomainError('account.sameEmail', {}, { field: 'newEmail' });
      }
      const taken = await users.findByEmail(newEmail);
      await users.transaction().execute(async (trx) => {
        if (taken) {
          await queueMail(trx, newEmail, account.locale, 'emailInUse', {
            username: account.username,
            siteUrl: siteUrl(account.locale),
          });
        } else {
          const token = await tokens.issue(trx, account.id, 'change_email', newEmail);
          await queueMail(trx, newEmail, account.locale, 'confirmEmailChange', {
            username: account.username,
            link: link(account.locale, 'confirm-email-change', token),
            hours: TOKEN_LIFETIME_MINUTES.change_email / 60,
          });
        }
        await queueMail(trx, account.email, account.locale, 'emailChangeRequested', {
          username: account.username,
          newEmail,
        });
        await audit.record(
          { event: 'email_change_requested', userId: account.id, ip: ctx.ip },
          trx,
        );
      });
      mailer.nudge();
      return {
        message:
          'Check the new mailbox: the change takes effect once you open the link we sent there',
      };
    },

    async confirmEmailChange(token: string, ctx: RequestContext) {
      const holder = await tokens.peek(token, 'change_email');
      const account = holder && (await users.findById(holder.userId));
      if (!holder?.newEmail || !account) throw new DomainError('auth.invalidLink');
      const newEmail = holder.newEmail;
      try {
        await users.transaction().execute(async (trx) => {
          if (!(await tokens.consume(trx, token, 'change_email'))) {
            throw new DomainError('auth.invalidLink');
          }
          await users.update(account.id, { email: newEmail, email_confirmed_at: new Date() }, trx);
          await queueMail(trx, account.email, account.locale, 'emailChanged', {
            username: account.username,
            newEmail,
          });
          await audit.record({ event: 'email_changed', userId: account.id, ip: ctx.ip }, trx);
        });
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_key')) {
          throw new DomainError('account.emailTaken');
        }
        throw error;
      }
      mailer.nudge();
      return { message: 'Your new e-mail address is confirmed' };
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
