import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { DomainError } from '../http/errors.js';
import { requestFingerprint } from './fingerprint.js';
import {
  ONCE_CONSTRAINT,
  type IdempotencyRepository,
  type IdempotencyScope,
} from './idempotency.repository.js';

/** How long a key is kept: an offline queue may wait for weeks before it is sent. */
export const IDEMPOTENCY_KEY_DAYS = 30;

/** Called by a creation inside its transaction with the id of what it created. */
export type RememberKey = (trx: Transaction<DB>, resourceId: string) => Promise<void>;

export type IdempotentRequest = {
  /** The Idempotency-Key header; without it the request is simply run. */
  key: string | undefined;
  userId: number | null;
  /** What the route creates, e.g. 'observation'. */
  operation: string;
  input: unknown;
  files?: readonly { bytes: Buffer; filename: string }[];
};

export type IdempotentWork<T> = {
  create(remember: RememberKey): Promise<T>;
  /** What a retry answers: the resource the first request created, as it is now. */
  replay(resourceId: string): Promise<T>;
};

/**
 * Runs a creation at most once per Idempotency-Key and account; a logged-in retry of a request
 * first sent without a session answers what it created. The key is written in the creation's own
 * transaction: a refused or failed creation leaves none, and a retry with the same key may
 * then succeed. Of two requests with one key at the same time, the second waits on the key's
 * unique constraint until the first commits, and then answers what the first created.
 */
export function createIdempotency(repository: IdempotencyRepository) {
  async function previous<T>(
    scope: IdempotencyScope,
    fingerprint: string,
    replay: (resourceId: string) => Promise<T>,
  ): Promise<{ result: T; replayed: true } | null> {
    const found = await repository.find(scope);
    if (found) {
      if (found.fingerprint !== fingerprint) throw new DomainError('idempotency.keyReused');
      return { result: await replay(found.resource_id), replayed: true };
    }
    // Sent first without a session (its answer lost), then again once logged in: the same
    // request. Another body is another scope's key, not a reuse.
    if (scope.userId === null) return null;
    const anonymous = await repository.find({ userId: null, key: scope.key });
    if (anonymous?.fingerprint !== fingerprint) return null;
    return { result: await replay(anonymous.resource_id), replayed: true };
  }

  return {
    async once<T>(
      request: IdempotentRequest,
      work: IdempotentWork<T>,
    ): Promise<{ result: T; replayed: boolean }> {
      const { key, userId, operation } = request;
      if (key === undefined) return { result: await work.create(async () => {}), replayed: false };
      const scope = { userId, key: key.toLowerCase() };
      const fingerprint = requestFingerprint(operation, request.input, request.files);
      const earlier = await previous(scope, fingerprint, work.replay);
      if (earlier) return earlier;
      try {
        const result = await work.create((trx, resourceId) =>
          repository.insert(trx, { ...scope, operation, fingerprint, resourceId }),
        );
        return { result, replayed: false };
      } catch (error) {
        if (!isUniqueViolation(error, ONCE_CONSTRAINT)) throw error;
        const winner = await previous(scope, fingerprint, work.replay);
        if (!winner) throw error;
        return winner;
      }
    },

    /**
     * Whether a request with this key would be answered by an earlier one of the same account,
     * creating nothing (or refused: the key with another body): rate limits let it through, so
     * that a queue retried after a lost answer is not blocked by its own first attempt. A key
     * of no account's earlier request counts as a creation.
     */
    async answered(key: string | undefined, userId: number | null): Promise<boolean> {
      if (key === undefined) return false;
      return (await repository.find({ userId, key: key.toLowerCase() })) !== undefined;
    },

    /** Forgets the keys past their time; how many. */
    prune: () => repository.pruneOlderThan(IDEMPOTENCY_KEY_DAYS),
  };
}

export type Idempotency = ReturnType<typeof createIdempotency>;
