import type { App } from '../http/types.js';
import type { Services } from '../services.js';
import { addAuthenticationHook } from './authenticate.js';
import { applyRateLimits, createRateLimits } from './rate-limits.js';

const PRUNE_EVERY_MS = 3_600_000;

/**
 * Sets up the accounts domain in the /api scope, before any route: the authentication hook
 * (request.user), the rate limits of the routes listed in RATE_LIMITED_ROUTES, and the
 * background jobs tied to the app's life: the mail sender, the password reset worker and the
 * hourly pruning of expired tokens, old login failures and old audit entries.
 */
export function setUpAccounts(api: App, { config, accounts }: Services) {
  addAuthenticationHook(api, {
    config,
    sessions: accounts.sessions,
    cookies: accounts.cookies,
    audit: accounts.audit,
  });

  // One audit entry per limited client and action and window, not one per refused request.
  const lastAudited = new Map<string, number>();
  const limits = createRateLimits(api, config.accounts.rateLimits, (request, action, by) => {
    const key = `${action}:${by}:${request.ip}:${request.user?.id ?? ''}`;
    const windowMs = config.accounts.rateLimits[action].minutes * 60_000;
    const now = Date.now();
    if ((lastAudited.get(key) ?? 0) > now - windowMs) return;
    if (lastAudited.size > 10_000) lastAudited.clear();
    lastAudited.set(key, now);
    accounts.audit
      .record({
        event: 'rate_limited',
        userId: request.user?.id ?? null,
        ip: request.ip,
        details: { action, by },
      })
      .catch((error: unknown) => request.log.error({ err: error }, 'audit failed'));
  });
  applyRateLimits(api, limits);

  let pruneTimer: NodeJS.Timeout | undefined;
  const prune = () =>
    accounts.prune().catch((error: unknown) => api.log.error({ err: error }, 'pruning failed'));
  api.addHook('onReady', async () => {
    accounts.mailer.start(api.log);
    accounts.resetQueue.start(api.log);
    pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
    pruneTimer.unref();
  });
  api.addHook('onClose', async () => {
    clearInterval(pruneTimer);
    await accounts.resetQueue.stop();
    await accounts.mailer.stop();
  });
}
