import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  AuthOptions,
  AuthSession,
  EmailRequest,
  ErrorResponse,
  LoginRequest,
  MessageResponse,
  PASSWORD_MIN_LENGTH,
  RefreshRequest,
  RegisterRequest,
  RegisterResponse,
  ResetPasswordRequest,
  TokenRequest,
} from '@citizen/shared';
import { DomainError } from '../http/errors.js';
import type { App } from '../http/types.js';
import type { Services } from '../services.js';
import { toMe } from '../users/account-view.js';
import { LockedError, type RequestContext } from './accounts.service.js';
import { sameOrigin } from './authenticate.js';
import { onlyFor, requireUser } from './guards.js';
import type { IssuedTokens } from './sessions.js';

export const requestContext = (request: FastifyRequest): RequestContext => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
});

const NoContent = Type.Null({ description: 'No content' });

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, ErrorResponse])) as Record<
    number,
    typeof ErrorResponse
  >;

/** Lets a client POST with no body at all where every field is optional. */
const optionalBody = async (request: FastifyRequest) => {
  request.body ??= {};
};

/** Registration, e-mail confirmation, login, token refresh, logout and password reset. */
export function authRoutes(app: App, { config, accounts }: Services) {
  const { service, sessions, cookies, users, audit } = accounts;
  const publicOrigin = new URL(config.publicUrl).origin;
  const noSession = { authentication: 'ignore' as const };

  /** The tokens go in httpOnly cookies for the web app, in the body for API clients. */
  function sendSession(
    reply: FastifyReply,
    account: Parameters<typeof toMe>[0],
    tokens: IssuedTokens,
    transport: 'cookie' | 'bearer',
  ): AuthSession {
    reply.header('cache-control', 'no-store');
    const session: AuthSession = {
      user: toMe(account),
      accessExpiresAt: tokens.accessExpiresAt.toISOString(),
      refreshExpiresAt: tokens.refreshExpiresAt.toISOString(),
    };
    if (transport === 'cookie') {
      cookies.set(reply, tokens);
      return session;
    }
    return { ...session, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  }

  app.get(
    '/auth/options',
    {
      schema: {
        tags: ['auth'],
        summary: 'What the registration form needs: captcha, confirmation, password rule',
        response: { 200: AuthOptions },
      },
    },
    async (): Promise<AuthOptions> => ({
      requireEmailConfirmation: config.accounts.requireEmailConfirmation,
      passwordMinLength: PASSWORD_MIN_LENGTH,
      captcha: config.accounts.captcha
        ? { provider: config.accounts.captcha.provider, siteKey: config.accounts.captcha.siteKey }
        : null,
      accountDeletionDefault: config.accounts.deletionDefault,
    }),
  );

  app.post(
    '/auth/register',
    {
      config: noSession,
      schema: {
        tags: ['auth'],
        summary:
          'Create an observer account; a confirmation link is mailed (the answer is the same for an address that already has an account)',
        body: RegisterRequest,
        response: { 202: RegisterResponse, ...errors(400, 429, 503) },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await service.register(request.body, requestContext(request))),
  );

  app.post(
    '/auth/confirm',
    {
      config: noSession,
      schema: {
        tags: ['auth'],
        summary: 'Confirm an e-mail address with the token of the mailed link (single use)',
        body: TokenRequest,
        response: { 200: MessageResponse, ...errors(400) },
      },
    },
    async (request) => service.confirmEmail(request.body.token, requestContext(request)),
  );

  app.post(
    '/auth/resend-confirmation',
    {
      config: noSession,
      schema: {
        tags: ['auth'],
        summary: 'Mail a new confirmation link (same answer whatever the address)',
        body: EmailRequest,
        response: { 202: MessageResponse, ...errors(400, 429) },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await service.resendConfirmation(request.body.email, requestContext(request))),
  );

  app.post(
    '/auth/login',
    {
      config: noSession,
      schema: {
        tags: ['auth'],
        summary:
          'Log in with an e-mail address or username: tokens in httpOnly cookies (`cookie: true`, the web app) or in the body (API clients)',
        body: LoginRequest,
        response: { 200: AuthSession, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const transport = request.body.cookie ? 'cookie' : 'bearer';
      // Login CSRF: a cookie session may only be opened from the site itself.
      if (transport === 'cookie' && !sameOrigin(request, publicOrigin)) {
        throw new DomainError('auth.cookieFromOtherSite');
      }
      try {
        const { account, tokens, deviceToken } = await service.login(request.body, transport, {
          ...requestContext(request),
          deviceToken: cookies.device(request),
        });
        if (deviceToken) cookies.setDevice(reply, deviceToken);
        return sendSession(reply, account, tokens, transport);
      } catch (error) {
        if (error instanceof LockedError) reply.header('retry-after', error.retryAfterSeconds);
        throw error;
      }
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: noSession,
      preValidation: optionalBody,
      schema: {
        tags: ['auth'],
        summary:
          'Trade a refresh token (body, or the refresh cookie) for new tokens; the old refresh token is spent, and using it again ends the session',
        body: RefreshRequest,
        response: { 200: AuthSession, ...errors(401) },
      },
    },
    async (request, reply) => {
      const token = request.body.refreshToken ?? cookies.refresh(request);
      if (!token) throw new DomainError('auth.noRefreshToken');
      const outcome = await sessions.refresh(token);
      if (!outcome.ok) {
        if (outcome.reason === 'reused') {
          await audit.record({
            event: 'session_refreshed_reuse_detected',
            userId: outcome.userId ?? null,
            ip: request.ip,
          });
        }
        if (!request.body.refreshToken && outcome.reason !== 'just_rotated') cookies.clear(reply);
        throw new DomainError(
          outcome.reason === 'just_rotated'
            ? 'auth.refreshTokenJustUsed'
            : 'auth.refreshTokenInvalid',
        );
      }
      const account = await users.findById(outcome.userId);
      if (!account) throw new DomainError('auth.accountGone');
      return sendSession(reply, account, outcome.tokens, outcome.transport);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: noSession,
      preValidation: optionalBody,
      schema: {
        tags: ['auth'],
        summary:
          'End this session: its access and refresh tokens stop working at once (the access token, refresh token or cookies say which session)',
        body: RefreshRequest,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const bearer = /^Bearer\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1];
      const accessToken = bearer ?? cookies.access(request);
      const refreshToken = request.body.refreshToken ?? cookies.refresh(request);
      const session =
        (accessToken &&
          (await sessions
            .authenticate(accessToken)
            .then((found) => (found ? { id: found.sessionId, user_id: found.user.id } : null)))) ||
        (refreshToken && (await sessions.sessionOfRefreshToken(refreshToken))) ||
        null;
      if (session) {
        await sessions.revoke(session.id, 'logout');
        await audit.record({ event: 'logout', userId: session.user_id, ip: request.ip });
      }
      cookies.clear(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout-all',
    {
      preValidation: onlyFor('observer'),
      schema: {
        tags: ['auth'],
        summary: 'End every session of the account, on every device',
        response: { 204: NoContent, ...errors(401) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const count = await sessions.revokeAll(user.id, 'logout_all');
      await audit.record({
        event: 'logout_all',
        userId: user.id,
        ip: request.ip,
        details: { sessions: count },
      });
      cookies.clear(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/password/forgot',
    {
      config: noSession,
      schema: {
        tags: ['auth'],
        summary:
          'Mail a link to choose a new password (same answer whether the address has an account or not)',
        body: EmailRequest,
        response: { 202: MessageResponse, ...errors(400, 429) },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await service.forgotPassword(request.body.email, requestContext(request))),
  );

  app.post(
    '/auth/password/reset',
    {
      config: noSession,
      schema: {
        tags: ['auth'],
        summary:
          'Choose a new password with the token of the mailed link (single use); every session ends',
        body: ResetPasswordRequest,
        response: { 200: MessageResponse, ...errors(400) },
      },
    },
    async (request) =>
      service.resetPassword(request.body.token, request.body.password, requestContext(request)),
  );

  app.post(
    '/auth/email/confirm',
    {
      config: noSession,
      schema: {
        tags: ['auth'],
        summary: 'Confirm a new e-mail address with the token of the mailed link (single use)',
        body: TokenRequest,
        response: { 200: MessageResponse, ...errors(400, 409) },
      },
    },
    async (request) => service.confirmEmailChange(request.body.token, requestContext(request)),
  );
}
