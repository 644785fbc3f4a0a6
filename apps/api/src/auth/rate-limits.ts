import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/rate-limit';
import type { Config, RateLimitedAction } from '../config/config.js';
import { HttpError } from '../http/errors.js';
import type { App } from '../http/types.js';

/** Returns the account a request acts on (lower-cased e-mail, username or user id), if any. */
type AccountKey = (request: FastifyRequest) => string | null;

export type RateLimitHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** preHandler hooks, one per limited action. */
export type RateLimits = Record<RateLimitedAction, RateLimitHook>;

/**
 * Every rate-limited route, in one place: the accounts plugin adds the action's limit to each
 * of these routes as they are declared (the route modules need do nothing, and must not add it
 * again). A test checks that each route exists.
 */
export const RATE_LIMITED_ROUTES: Record<string, RateLimitedAction> = {
  'POST /api/auth/login': 'login',
  'POST /api/auth/register': 'register',
  'POST /api/auth/password/forgot': 'passwordReset',
  'POST /api/auth/resend-confirmation': 'passwordReset',
  'POST /api/auth/me/email': 'passwordReset',
  'POST /api/observations': 'observationCreate',
};

const bodyField =
  (field: string): AccountKey =>
  (request) => {
    const value = (request.body as Record<string, unknown> | undefined)?.[field];
    return typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : null;
  };

const ACCOUNT_KEYS: Record<RateLimitedAction, AccountKey> = {
  // Never per account: anyone could then lock its owner out. Wrong passwords are throttled per
  // login and client address or known device instead (login-throttle.ts).
  login: () => null,
  register: bodyField('email'),
  // Mails to an address: by that address, or by the signed-in user asking (e-mail change).
  passwordReset: (request) =>
    request.user ? `user:${request.user.id}` : bodyField('email')(request),
  // Anonymous contributions are limited by address only.
  observationCreate: (request) => (request.user ? String(request.user.id) : null),
};

/**
 * Two counters per action: one per client address and one per account, in fixed windows
 * (@fastify/rate-limit's in-memory store: each API process counts on its own).
 * The client address is `request.ip`, which honours X-Forwarded-For only from TRUST_PROXY peers.
 */
export function createRateLimits(
  app: App,
  limits: Config['accounts']['rateLimits'],
  onLimited: (request: FastifyRequest, action: RateLimitedAction, by: 'ip' | 'account') => void,
): RateLimits {
  const make = (action: RateLimitedAction): RateLimitHook => {
    const { perIp, perAccount, minutes } = limits[action];
    const timeWindow = minutes * 60_000;
    const accountKey = ACCOUNT_KEYS[action];
    const byIp = app.createRateLimit({ max: perIp, timeWindow });
    const byAccount = app.createRateLimit({
      max: perAccount,
      timeWindow,
      keyGenerator: (request) => accountKey(request) ?? '',
      allowList: (request) => accountKey(request) === null,
    });
    return async (request, reply) => {
      for (const [by, limiter] of [
        ['ip', byIp],
        ['account', byAccount],
      ] as const) {
        const result = await limiter(request);
        if (!result.isAllowed && result.isExceeded) {
          onLimited(request, action, by);
          reply.header('retry-after', result.ttlInSeconds);
          throw new HttpError(
            429,
            `Too many attempts; try again in ${Math.ceil(result.ttlInSeconds / 60)} minute(s)`,
          );
        }
      }
    };
  };
  return {
    login: make('login'),
    register: make('register'),
    passwordReset: make('passwordReset'),
    observationCreate: make('observationCreate'),
  };
}

/** Adds each listed route's limit to its preHandler hooks, as routes are declared. */
export function applyRateLimits(app: App, limits: RateLimits) {
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const action = RATE_LIMITED_ROUTES[`${method} ${route.url}`];
      if (!action) continue;
      const existing = route.preHandler ? [route.preHandler].flat() : [];
      route.preHandler = [...existing, limits[action]];
    }
  });
}
