import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config, RateLimitedAction } from '../config/config.js';
import { DomainError } from '../http/errors.js';
import type { App } from '../http/types.js';
import type { RateLimitCounters } from './rate-limit-counters.repository.js';

/** Returns the account a request acts on (lower-cased e-mail, username or user id), if any. */
type AccountKey = (request: FastifyRequest) => string | null;

export type RateLimitHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** preHandler hooks, one per limited action. */
export type RateLimits = Record<RateLimitedAction, RateLimitHook>;

/** Requests an action lets through uncounted: those that will do nothing new (replays). */
export type RateLimitExemptions = Partial<
  Record<RateLimitedAction, (request: FastifyRequest) => Promise<boolean>>
>;

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
  // login and client address or known device instead (login-throttle.repository.ts).
  login: () => null,
  register: bodyField('email'),
  // Mails to an address: by that address, or by the signed-in user asking (e-mail change).
  passwordReset: (request) =>
    request.user ? `user:${request.user.id}` : bodyField('email')(request),
  // Anonymous contributions are limited by address only.
  observationCreate: (request) => (request.user ? String(request.user.id) : null),
};

/**
 * Two counters per action: one per client address and one per account, in fixed windows kept in
 * PostgreSQL (rate-limit-counters.repository.ts), so that every API process counts against the
 * same limits. The client address is `request.ip`, which honours X-Forwarded-For only from
 * TRUST_PROXY peers.
 */
export function createRateLimits(
  counters: RateLimitCounters,
  limits: Config['accounts']['rateLimits'],
  onLimited: (request: FastifyRequest, action: RateLimitedAction, by: 'ip' | 'account') => void,
  exemptions: RateLimitExemptions = {},
): RateLimits {
  const make = (action: RateLimitedAction): RateLimitHook => {
    const { perIp, perAccount, minutes } = limits[action];
    const accountKey = ACCOUNT_KEYS[action];
    const exempt = exemptions[action];
    return async (request, reply) => {
      if (exempt && (await exempt(request))) return;
      const account = accountKey(request);
      const keys = { ip: `${action}:ip:${request.ip}`, account: `${action}:account:${account}` };
      const hits = await counters.hit(
        account === null ? [keys.ip] : [keys.ip, keys.account],
        minutes * 60,
      );
      for (const [by, max] of [
        ['ip', perIp],
        ['account', perAccount],
      ] as const) {
        const hit = hits.find((h) => h.key === keys[by]);
        if (hit && hit.hits > max) {
          onLimited(request, action, by);
          reply.header('retry-after', hit.secondsLeft);
          throw new DomainError('auth.tooManyAttempts', {
            minutes: Math.ceil(hit.secondsLeft / 60),
          });
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
