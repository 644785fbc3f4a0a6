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
    refusals: accounts.refusals,
  });

  // One audit entry per limited client, action and minute, with a count; not one per request.
  const limits = createRateLimits(api, config.accounts.rateLimits, (request, action, by) => {
    void accounts.refusals.record({
      event: 'rate_limited',
      userId: request.user?.id ?? null,
      ip: request.ip,
      variant: `${action}/${by}`,
      details: { action, by },
    });
  });
  applyRateLimits(api, limits);

  let pruneTimer: NodeJS.Timeout | undefined;
  const prune = () =>
    accounts.prune().catch((error: unknown) => api.log.error({ err: error }, 'pruning failed'));
  api.addHook('onReady', async () => {
    accounts.refusals.useLog(api.log);
    accounts.mailer.start(api.log);
    accounts.resetQueue.start(api.log);
    pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
    pruneTimer.unref();
  });
  api.addHook('onClose', async () => {
    clearInterval(pruneTimer);
    await accounts.resetQueue.stop();
    await accounts.refusals.flush();
    await accounts.mailer.stop();
  });
}
