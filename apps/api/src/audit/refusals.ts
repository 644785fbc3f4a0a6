import type { AuditRecord } from './audit.js';
import type { AuditLog } from './audit-log.repository.js';

const WINDOW_MS = 60_000;
const FLUSH_MS = 2_000;
/** Distinct (event, address, route, user) rows per minute; past it, one row for "many addresses". */
const MAX_ROWS_PER_WINDOW = 500;

type Entry = { id: Promise<number | null>; count: number; written: number; window: number };
type Log = { error(obj: object, msg?: string): void };

/**
 * The audit of refused requests (failed logins, CSRF and rate-limit refusals...): a flood must not
 * flood the table. The first refusal of an (event, address, route, user) in a minute writes a row;
 * the next ones only raise its `count`, written back every few seconds and when the app stops.
 */
export function createRefusalAudit(audit: Pick<AuditLog, 'recordCounted' | 'setCount'>) {
  const entries = new Map<string, Entry>();
  let timer: NodeJS.Timeout | undefined;
  let log: Log = { error() {} };
  let flushing = Promise.resolve();

  /**
   * One write-back at a time: two running together could land out of order, an older count
   * overwriting a newer one, with nothing left to correct it once the flood stops.
   */
  function flush(): Promise<void> {
    const next = flushing.then(writeCounts);
    flushing = next.catch(() => undefined);
    return next;
  }

  async function writeCounts() {
    clearTimeout(timer);
    timer = undefined;
    const now = Math.floor(Date.now() / WINDOW_MS);
    for (const [key, entry] of entries) {
      if (entry.count > entry.written) {
        const count = entry.count;
        const id = await entry.id;
        if (id !== null) await audit.setCount(id, count);
        entry.written = count;
      }
      if (entry.window < now) entries.delete(key);
    }
  }

  const flushSoon = () => {
    timer ??= setTimeout(() => {
      flush().catch((error: unknown) => log.error({ err: error }, 'audit count failed'));
    }, FLUSH_MS);
    timer.unref();
  };

  return {
    /**
     * `route` is kept in the details; `variant` only tells apart refusals counted separately.
     * Resolves once a new row is written (at once when only a count goes up).
     */
    async record(record: AuditRecord & { route?: string; variant?: string }): Promise<void> {
      const window = Math.floor(Date.now() / WINDOW_MS);
      let key = [record.event, record.ip, record.route, record.userId, record.variant].join('|');
      let ip = record.ip ?? null;
      const current = entries.get(key);
      if (current?.window === window) {
        current.count++;
        flushSoon();
        return;
      }
      if (entries.size >= MAX_ROWS_PER_WINDOW) {
        key = [record.event, '*', record.route].join('|');
        ip = null;
        const many = entries.get(key);
        if (many?.window === window) {
          many.count++;
          flushSoon();
          return;
        }
      }
      const { route } = record;
      const id = audit
        .recordCounted({
          event: record.event,
          userId: record.userId ?? null,
          ip,
          details: {
            ...record.details,
            ...(route && { route }),
            ...(ip === null && record.ip && { addresses: 'many' }),
          },
        })
        .catch((error: unknown) => {
          log.error({ err: error }, 'audit failed');
          return null;
        });
      entries.set(key, { id, count: 1, written: 1, window });
      flushSoon();
      await id;
    },

    /** Where failures to write are reported (the app's log). */
    useLog(logger: Log) {
      log = logger;
    },

    /** Writes the pending counts (the app is stopping, or a test reads them). */
    flush,
  };
}

export type RefusalAudit = ReturnType<typeof createRefusalAudit>;
