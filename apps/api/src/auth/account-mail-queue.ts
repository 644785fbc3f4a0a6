import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { AccountMailRequests, QueuedAccountMail } from './account-mail-requests.repository.js';

type Log = { error(obj: object, msg?: string): void };

const POLL_MS = 5_000;

/**
 * Account mails asked for by address (a password reset, a new confirmation link), queued by the
 * request whatever the address (one insert, the same answer and the same work whether it has an
 * account or not) and handled by a background worker that looks the account up and mails the
 * link. `handleWith` sets that work: one request at a time, in the transaction that removes it
 * from the queue.
 */
export function createAccountMailQueue(requests: AccountMailRequests) {
  let handle: ((trx: Transaction<DB>, request: QueuedAccountMail) => Promise<void>) | null = null;
  let afterBatch: () => void = () => {};
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;
  let again = false;
  let log: Log = { error() {} };

  /** Handles one queued request; false when the queue is empty. */
  const handleOne = () =>
    requests.transaction().execute(async (trx) => {
      const request = await requests.takeOldest(trx);
      if (!request) return false;
      await handle!(trx, request);
      return true;
    });

  /** Handles every queued request; returns how many. */
  async function drain(): Promise<number> {
    let count = 0;
    while (await handleOne()) count++;
    if (count > 0) afterBatch();
    return count;
  }

  function drainInBackground() {
    if (draining) {
      again = true;
      return;
    }
    draining = (async () => {
      try {
        do {
          again = false;
          await drain();
        } while (running && again);
      } catch (error) {
        log.error({ err: error }, 'Account mail requests failed; will try again');
      } finally {
        draining = undefined;
      }
    })();
  }

  function schedule() {
    if (!running) return;
    timer = setTimeout(() => {
      drainInBackground();
      schedule();
    }, POLL_MS);
    timer.unref();
  }

  return {
    handleWith(
      handler: NonNullable<typeof handle>,
      { afterBatch: after }: { afterBatch: () => void },
    ) {
      handle = handler;
      afterBatch = after;
    },

    enqueue: requests.enqueue,

    /** After a request is queued: handled now when the worker runs. */
    nudge() {
      if (running) drainInBackground();
    },

    drain,

    start(logger: Log) {
      if (running) return;
      log = logger;
      running = true;
      drainInBackground();
      schedule();
    },

    async stop() {
      running = false;
      clearTimeout(timer);
      await draining;
    },
  };
}

export type AccountMailQueue = ReturnType<typeof createAccountMailQueue>;
