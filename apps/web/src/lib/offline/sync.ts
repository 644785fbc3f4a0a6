import type { SavedObservation } from '@citizen/shared';
import { ApiError } from '../api';
import { listQueued, markRefused, removeQueued, type QueuedObservation } from './queue';

/** What sending needs from the outside world (the API), so that tests can give their own. */
export interface SyncTransport {
  /** Creates the observation; throws ApiError when the API refuses or cannot be reached. */
  send(observation: QueuedObservation): Promise<SavedObservation>;
  /** Who is signed in (null: nobody); throws when that cannot be known (offline). */
  whoAmI(): Promise<number | null>;
}

/** Why sending stopped before the end of the queue: it goes on later, nothing is lost. */
export type SyncStop = 'offline' | 'login' | 'server';

export interface SyncOutcome {
  sent: number;
  refused: number;
  stopped: SyncStop | null;
}

export interface SyncProgress {
  done: number;
  total: number;
}

/** Refusals that waiting will not cure: the observation must be corrected (or deleted). */
const isRefusal = (error: ApiError) =>
  error.status >= 400 && error.status < 500 && ![401, 408, 425, 429].includes(error.status);

/**
 * Sends the waiting observations one by one, oldest first. A refused one keeps its reason and
 * the others go on; an unreachable server, an expired session or a server error stop the run
 * (the rest waits). Each carries its Idempotency-Key: a retry after a lost answer creates
 * nothing new.
 */
export async function sendQueue(
  transport: SyncTransport,
  onprogress: (progress: SyncProgress) => void = () => {},
): Promise<SyncOutcome> {
  const waiting = (await listQueued()).filter((item) => item.status === 'waiting');
  const outcome: SyncOutcome = { sent: 0, refused: 0, stopped: null };
  if (waiting.length === 0) return outcome;

  let me: number | null;
  try {
    me = await transport.whoAmI();
  } catch {
    return { ...outcome, stopped: 'offline' };
  }

  onprogress({ done: 0, total: waiting.length });
  for (const [index, observation] of waiting.entries()) {
    // Recorded under an account: never sent under another one, nor as a visitor.
    if (observation.userId !== null && observation.userId !== me) {
      return { ...outcome, stopped: 'login' };
    }
    try {
      await transport.send(observation);
      await removeQueued(observation.key);
      outcome.sent += 1;
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      if (cause.status === 401) return { ...outcome, stopped: 'login' };
      if (!isRefusal(cause)) {
        return { ...outcome, stopped: cause.status === 503 ? 'offline' : 'server' };
      }
      await markRefused(observation.key, {
        status: cause.status,
        message: cause.message,
        code: cause.code,
        params: cause.params,
        fields: cause.fieldErrors.map(({ field, code, message }) => ({
          field,
          message,
          ...(code ? { code } : {}),
        })),
      });
      outcome.refused += 1;
    }
    onprogress({ done: index + 1, total: waiting.length });
  }
  return outcome;
}
