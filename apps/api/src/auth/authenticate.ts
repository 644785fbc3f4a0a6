import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { sessionCookieNames } from '@citizen/shared';
import type { RefusalAudit } from '../audit/refusals.js';
import type { Config } from '../config/config.js';
import { DomainError } from '../http/errors.js';
import type { App } from '../http/types.js';
import { DEVICE_DAYS } from './login-throttle.repository.js';
import type { IssuedTokens, Sessions } from './sessions.js';

/**
 * Routes that take no session: a stale access token sent to them (e.g. to /auth/refresh) must not
 * stop them. Set `config: { authentication: 'ignore' }` on such a route.
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    authentication?: 'ignore';
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The web app's session cookies, and the device cookie that a successful login leaves (login
 * throttling counts that device's wrong passwords apart): httpOnly (no script reads them),
 * SameSite=Lax, Secure on https.
 */
export function sessionCookies(config: Config) {
  const names = sessionCookieNames(config.publicUrl);
  const secure = config.publicUrl.startsWith('https:');
  const base = { httpOnly: true, secure, sameSite: 'lax' as const, path: '/' };
  const deviceName = `${secure ? '__Host-' : ''}citizen_device`;
  return {
    names,
    set(reply: FastifyReply, tokens: IssuedTokens) {
      const seconds = (date: Date) => Math.max(0, Math.floor((date.getTime() - Date.now()) / 1000));
      reply.setCookie(names.access, tokens.accessToken, {
        ...base,
        maxAge: seconds(tokens.accessExpiresAt),
      });
      reply.setCookie(names.refresh, tokens.refreshToken, {
        ...base,
        maxAge: seconds(tokens.refreshExpiresAt),
      });
    },
    clear(reply: FastifyReply, which: 'access' | 'both' = 'both') {
      reply.clearCookie(names.access, base);
      if (which === 'both') reply.clearCookie(names.refresh, base);
    },
    setDevice(reply: FastifyReply, token: string) {
      reply.setCookie(deviceName, token, { ...base, maxAge: DEVICE_DAYS * 86_400 });
    },
    device: (request: FastifyRequest) => request.cookies[deviceName] || null,
    access: (request: FastifyRequest) => request.cookies[names.access] || null,
    refresh: (request: FastifyRequest) => request.cookies[names.refresh] || null,
  };
}

export type SessionCookies = ReturnType<typeof sessionCookies>;

/**
 * CSRF protection, by checking the Origin header (the choice over double-submit tokens): every
 * browser sends Origin with a POST, PUT, PATCH or DELETE, a page cannot forge it, and it asks
 * nothing of the web app's forms. It applies to unsafe requests that carry a session cookie and
 * no bearer token: they must come from PUBLIC_URL's origin (Referer's origin when a browser
 * leaves Origin out). Requests with `Authorization: Bearer` need no check: a browser never
 * attaches that header on its own. Server-side callers that forward the cookies (the web app's
 * SSR) must send `Origin: <PUBLIC_URL>`, or forward the access token as a bearer token instead.
 */
export function sameOrigin(request: FastifyRequest, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) return origin === publicOrigin;
  const referer = request.headers.referer;
  if (!referer) return false;
  try {
    return new URL(referer).origin === publicOrigin;
  } catch {
    return false;
  }
}

/**
 * Sets `request.user` (and `request.auth`) from `Authorization: Bearer <access token>` or the
 * access cookie, for every route of the scope it is added to.
 *
 * A credential that is sent but not valid (expired, revoked, unknown) is never silently
 * downgraded to anonymous for a change: unsafe requests get 401, so that e.g. an observation is
 * not recorded anonymously by someone who believes they are logged in. Safe requests are served
 * as anonymous, and `requireUser` explains that the session has ended.
 */
export function addAuthenticationHook(
  api: App,
  {
    config,
    sessions,
    cookies,
    refusals,
  }: {
    config: Config;
    sessions: Sessions;
    cookies: SessionCookies;
    refusals: RefusalAudit;
  },
) {
  const publicOrigin = new URL(config.publicUrl).origin;
  api.decorateRequest('auth', null);

  api.addHook('onRequest', async (request, reply) => {
    request.user = null;
    request.auth = null;
    const ignore = request.routeOptions.config?.authentication === 'ignore';
    const header = request.headers.authorization;
    const cookieToken = cookies.access(request);
    const hasSessionCookie = cookieToken !== null || cookies.refresh(request) !== null;

    // Only the Bearer scheme is ours; another (e.g. Basic, sent by browsers to a staging site
    // behind a password-protected proxy) is left to whoever asked for it.
    if (header !== undefined && /^bearer\b/i.test(header)) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) {
        throw new DomainError('auth.badAuthorizationHeader');
      }
      if (ignore) return;
      const found = await sessions.authenticate(match[1]!);
      if (found) {
        request.user = found.user;
        request.auth = { status: 'valid', sessionId: found.sessionId, transport: 'bearer' };
        return;
      }
      request.auth = { status: 'rejected', transport: 'bearer' };
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      if (UNSAFE.has(request.method)) {
        throw new DomainError('auth.tokenExpired');
      }
      return;
    }

    if (UNSAFE.has(request.method) && hasSessionCookie && !sameOrigin(request, publicOrigin)) {
      await refusals.record({
        event: 'csrf_refused',
        ip: request.ip,
        route: `${request.method} ${request.url.split('?')[0]}`,
      });
      throw new DomainError('auth.crossSiteRefused');
    }
    if (!cookieToken || ignore) return;
    const found = await sessions.authenticate(cookieToken);
    if (found) {
      request.user = found.user;
      request.auth = { status: 'valid', sessionId: found.sessionId, transport: 'cookie' };
      return;
    }
    request.auth = { status: 'rejected', transport: 'cookie' };
    cookies.clear(reply, 'access');
    if (UNSAFE.has(request.method)) {
      throw new DomainError('auth.sessionExpired');
    }
  });
}
