import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { hashToken, newToken } from './tokens.js';

/** Wrong passwords a login may have from one source before it waits; each further one doubles the wait. */
export const THROTTLE_THRESHOLD = 5;
const MAX_WAIT_MINUTES = 60;
/** A source's failures are forgotten after a day without any. */
const FORGET_AFTER_HOURS = 24;
/** A device cookie is honoured for a year after its last login. */
export const DEVICE_DAYS = 365;

export function waitMinutes(failures: number): number {
  if (failures < THROTTLE_THRESHOLD) return 0;
  return Math.min(2 ** (failures - THROTTLE_THRESHOLD), MAX_WAIT_MINUTES);
}

/** The key a login attempt is counted under: what was typed, so unknown logins count the same. */
export const loginKey = (login: string) => `login:${login.trim().toLowerCase()}`;
/** The key of a signed-in user's password checks (password or e-mail change). */
export const userKey = (userId: number) => `user:${userId}`;

/**
 * Failed passwords per (login, source), in PostgreSQL so that every API process shares them.
 * The source is the client address, or a device that logged in to the account before: a flood
 * of wrong passwords from elsewhere never blocks the account's owner, and nobody can lock an
 * account. A success forgets its pair.
 */
export function createLoginThrottle(db: Kysely<DB>) {
  return {
    /** Seconds this pair must still wait, or 0. */
    async waitSeconds(login: string, source: string): Promise<number> {
      const row = await db
        .selectFrom('login_failures')
        .select(sql<number>`ceil(extract(epoch from blocked_until - now()))::integer`.as('seconds'))
        .where('login', '=', login)
        .where('source', '=', source)
        .where('blocked_until', '>', sql<Date>`now()`)
        .executeTakeFirst();
      return row ? Math.max(1, Number(row.seconds)) : 0;
    },

    /** Counts a failure; returns the count and, once past the threshold, until when it waits. */
    async failed(login: string, source: string) {
      const { failures } = await db
        .insertInto('login_failures')
        .values({ login, source, failures: 1 })
        .onConflict((oc) =>
          oc.columns(['login', 'source']).doUpdateSet({
            failures: sql<number>`case when login_failures.last_failed_at < now() - make_interval(hours => ${FORGET_AFTER_HOURS}) then 1 else login_failures.failures + 1 end`,
            last_failed_at: sql<Date>`now()`,
          }),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      const minutes = waitMinutes(failures);
      if (minutes === 0) return { failures, blockedUntil: null };
      const { blocked_until } = await db
        .updateTable('login_failures')
        .set({ blocked_until: sql<Date>`now() + make_interval(mins => ${minutes})` })
        .where('login', '=', login)
        .where('source', '=', source)
        .returning('blocked_until')
        .executeTakeFirstOrThrow();
      return { failures, blockedUntil: new Date(blocked_until!) };
    },

    async succeeded(login: string, source: string) {
      await db
        .deleteFrom('login_failures')
        .where('login', '=', login)
        .where('source', '=', source)
        .execute();
    },

    /** A password reset: the account's logins start afresh from everywhere. */
    async forget(logins: string[], executor: Kysely<DB> = db) {
      await executor.deleteFrom('login_failures').where('login', 'in', logins).execute();
    },

    /** A device that logged in to an account before, from the token of its cookie. */
    async knownDevice(token: string) {
      return db
        .selectFrom('login_devices')
        .select(['id', 'user_id'])
        .where('token_hash', '=', hashToken(token))
        .where('last_used_at', '>', sql<Date>`now() - make_interval(days => ${DEVICE_DAYS})`)
        .executeTakeFirst();
    },

    /** After a successful login: the device is remembered (new token) or its use noted. */
    async rememberDevice(userId: number, deviceId: number | null): Promise<string | null> {
      if (deviceId !== null) {
        await db
          .updateTable('login_devices')
          .set({ last_used_at: new Date() })
          .where('id', '=', deviceId)
          .execute();
        return null;
      }
      const token = newToken();
      await db
        .insertInto('login_devices')
        .values({ user_id: userId, token_hash: hashToken(token) })
        .execute();
      return token;
    },

    /** Forgets failures a day old and devices unused for a year. */
    async prune() {
      await db
        .deleteFrom('login_failures')
        .where(
          'last_failed_at',
          '<',
          sql<Date>`now() - make_interval(hours => ${FORGET_AFTER_HOURS})`,
        )
        .where((eb) =>
          eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', sql<Date>`now()`)]),
        )
        .execute();
      await db
        .deleteFrom('login_devices')
        .where('last_used_at', '<', sql<Date>`now() - make_interval(days => ${DEVICE_DAYS})`)
        .execute();
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
