import type { App } from '../http/types.js';
import type { Services } from '../services.js';
import { createJobRunsRepository } from '../jobs/job-runs.repository.js';
import { periodicJob } from '../jobs/background-jobs.js';
import { addAuthenticationHook } from './authenticate.js';
import { createRateLimitCounters } from './rate-limit-counters.repository.js';
import { applyRateLimits, createRateLimits } from './rate-limits.js';

/** Pruning runs once an hour across all replicas; each asks every few minutes whether it is due. */
const PRUNE_EVERY_SECONDS = 3_600;
const PRUNE_ASK_EVERY_MS = 300_000;

/**
 * Sets up the accounts domain in the /api scope, before any route: the authentication hook
 * (request.user), the rate limits of the routes listed in RATE_LIMITED_ROUTES, and the
 * background jobs tied to the app's life: the mail sender, the password reset worker and the
 * hourly pruning of expired tokens, old login failures, ended rate-limit windows and old audit
 * entries (once across the replicas).
 */
export function setUpAccounts(
  api: App,
  { config, accounts, database, jobs, idempotency }: Services,
) {
  addAuthenticationHook(api, {
    config,
    sessions: accounts.sessions,
    cookies: accounts.cookies,
    refusals: accounts.refusals,
  });

  // One audit entry per limited client, action and minute, with a count; not one per request.
  const counters = createRateLimitCounters(database.db);
  const limits = createRateLimits(
    counters,
    config.accounts.rateLimits,
    (request, action, by) => {
      void accounts.refusals.record({
        event: 'rate_limited',
        userId: request.user?.id ?? null,
        ip: request.ip,
        variant: `${action}/${by}`,
        details: { action, by },
      });
    },
    {
      // A retry whose Idempotency-Key was answered creates nothing: not counted.
      observationCreate: (request) => {
        const key = request.headers['idempotency-key'];
        return idempotency.answered(
          typeof key === 'string' ? key : undefined,
          request.user?.id ?? null,
        );
      },
    },
  );
  applyRateLimits(api, limits);

  jobs.add(accounts.mailer);
  jobs.add(accounts.mailQueue);
  jobs.add(
    periodicJob(
      createJobRunsRepository(database.db),
      'prune',
      { everySeconds: PRUNE_EVERY_SECONDS, askEveryMs: PRUNE_ASK_EVERY_MS },
      async () => {
        await accounts.prune();
        await counters.prune();
      },
    ),
  );
  api.addHook('onReady', async () => {
    accounts.refusals.useLog(api.log);
  });
  api.addHook('onClose', async () => {
    await accounts.refusals.flush();
  });
}
