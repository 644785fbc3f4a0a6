import type { Kysely } from 'kysely';
import type { Config } from '../config/config.js';
import type { DB, SessionTransport } from '../db/schema.js';
import type { CurrentUser } from './current-user.js';
import { hashToken, newToken } from './tokens.js';

export type IssuedTokens = {
  sessionId: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
};

export type Authenticated = { user: CurrentUser; sessionId: string; transport: SessionTransport };

export type RefreshOutcome =
  | { ok: true; userId: number; transport: SessionTransport; tokens: IssuedTokens }
  | {
      ok: false;
      reason: 'unknown' | 'expired' | 'revoked' | 'reused' | 'just_rotated';
      userId?: number;
    };

/**
 * Two browser tabs may refresh at the same moment with the same cookie: within this many seconds
 * of its rotation, an old refresh token is refused without ending the session (the tab that lost
 * the race finds the new cookies already set). Later, a second use means the token was stolen.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 10;

/**
 * Login sessions. Tokens are opaque random strings; the database keeps their SHA-256, so a session
 * ends the moment its row says so, on every replica (no signed token outlives a logout).
 * A session is a family: each refresh token is used once and replaced; presenting a used one
 * again (outside the grace period) revokes the whole family.
 */
export function createSessions(db: Kysely<DB>, config: Config) {
  const accessMs = config.accounts.accessTokenMinutes * 60_000;
  const refreshMs = config.accounts.refreshTokenDays * 86_400_000;

  async function issueTokens(executor: Kysely<DB>, sessionId: string): Promise<IssuedTokens> {
    const now = Date.now();
    const tokens = {
      sessionId,
      accessToken: newToken(),
      refreshToken: newToken(),
      accessExpiresAt: new Date(now + accessMs),
      refreshExpiresAt: new Date(now + refreshMs),
    };
    await executor
      .insertInto('session_tokens')
      .values([
        {
          token_hash: hashToken(tokens.accessToken),
          session_id: sessionId,
          kind: 'access',
          expires_at: tokens.accessExpiresAt,
        },
        {
          token_hash: hashToken(tokens.refreshToken),
          session_id: sessionId,
          kind: 'refresh',
          expires_at: tokens.refreshExpiresAt,
        },
      ])
      .execute();
    return tokens;
  }

  return {
    /** Opens a session for a user who just proved who they are. */
    async start(
      userId: number,
      transport: SessionTransport,
      userAgent: string | null,
    ): Promise<IssuedTokens> {
      return db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('sessions')
          .values({ user_id: userId, transport, user_agent: userAgent?.slice(0, 300) ?? null })
          .returning('id')
          .executeTakeFirstOrThrow();
        return issueTokens(trx, id);
      });
    },

    /** Who an access token belongs to, if it is valid now and its session and account are live. */
    async authenticate(accessToken: string): Promise<Authenticated | null> {
      const row = await db
        .selectFrom('session_tokens as t')
        .innerJoin('sessions as s', 's.id', 't.session_id')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select(['u.id', 'u.username', 'u.role', 's.id as session_id', 's.transport'])
        .where('t.token_hash', '=', hashToken(accessToken))
        .where('t.kind', '=', 'access')
        .where('t.expires_at', '>', new Date())
        .where('s.revoked_at', 'is', null)
        .where('u.is_active', '=', true)
        .executeTakeFirst();
      if (!row) return null;
      return {
        user: { id: row.id, username: row.username, role: row.role },
        sessionId: row.session_id,
        transport: row.transport,
      };
    },

    /** Rotates a refresh token: a new access and refresh token, the old refresh token spent. */
    async refresh(refreshToken: string): Promise<RefreshOutcome> {
      return db.transaction().execute(async (trx): Promise<RefreshOutcome> => {
        const row = await trx
          .selectFrom('session_tokens as t')
          .innerJoin('sessions as s', 's.id', 't.session_id')
          .innerJoin('users as u', 'u.id', 's.user_id')
          .select([
            't.token_hash',
            't.expires_at',
            't.used_at',
            's.id as session_id',
            's.revoked_at',
            's.transport',
            'u.id as user_id',
            'u.is_active',
          ])
          .where('t.token_hash', '=', hashToken(refreshToken))
          .where('t.kind', '=', 'refresh')
          .forUpdate('t')
          .executeTakeFirst();
        if (!row) return { ok: false, reason: 'unknown' };
        if (row.revoked_at || !row.is_active) return { ok: false, reason: 'revoked' };
        const now = new Date();
        if (row.used_at) {
          const age = now.getTime() - new Date(row.used_at).getTime();
          if (age <= REFRESH_REUSE_GRACE_SECONDS * 1000)
            return { ok: false, reason: 'just_rotated' };
          await trx
            .updateTable('sessions')
            .set({ revoked_at: now, revoked_reason: 'refresh_token_reused' })
            .where('id', '=', row.session_id)
            .execute();
          await trx
            .deleteFrom('session_tokens')
            .where('session_id', '=', row.session_id)
            .where('kind', '=', 'access')
            .execute();
          return { ok: false, reason: 'reused', userId: row.user_id };
        }
        if (new Date(row.expires_at) <= now) return { ok: false, reason: 'expired' };

        await trx
          .updateTable('session_tokens')
          .set({ used_at: now })
          .where('token_hash', '=', row.token_hash)
          .execute();
        // The access tokens issued before this refresh end now: one live access token per session.
        await trx
          .deleteFrom('session_tokens')
          .where('session_id', '=', row.session_id)
          .where('kind', '=', 'access')
          .execute();
        await trx
          .updateTable('sessions')
          .set({ last_used_at: now })
          .where('id', '=', row.session_id)
          .execute();
        const tokens = await issueTokens(trx, row.session_id);
        return { ok: true, userId: row.user_id, transport: row.transport, tokens };
      });
    },

    /** The session a refresh token belongs to (for logout without a valid access token). */
    async sessionOfRefreshToken(refreshToken: string) {
      const row = await db
        .selectFrom('session_tokens as t')
        .innerJoin('sessions as s', 's.id', 't.session_id')
        .select(['s.id', 's.user_id'])
        .where('t.token_hash', '=', hashToken(refreshToken))
        .where('t.kind', '=', 'refresh')
        .where('s.revoked_at', 'is', null)
        .executeTakeFirst();
      return row ?? null;
    },

    /** Ends one session: its access token stops working at once, its refresh token too. */
    async revoke(sessionId: string, reason: string, executor: Kysely<DB> = db) {
      await executor
        .updateTable('sessions')
        .set({ revoked_at: new Date(), revoked_reason: reason })
        .where('id', '=', sessionId)
        .where('revoked_at', 'is', null)
        .execute();
      await executor
        .deleteFrom('session_tokens')
        .where('session_id', '=', sessionId)
        .where('kind', '=', 'access')
        .execute();
    },

    /** Ends every session of a user, but the one given (e.g. the one changing the password). */
    async revokeAll(
      userId: number,
      reason: string,
      executor: Kysely<DB> = db,
      exceptSessionId?: string,
    ): Promise<number> {
      let update = executor
        .updateTable('sessions')
        .set({ revoked_at: new Date(), revoked_reason: reason })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null);
      if (exceptSessionId) update = update.where('id', '!=', exceptSessionId);
      const result = await update.executeTakeFirst();
      let remove = executor
        .deleteFrom('session_tokens')
        .where('kind', '=', 'access')
        .where('session_id', 'in', (eb) =>
          eb.selectFrom('sessions').select('id').where('user_id', '=', userId),
        );
      if (exceptSessionId) remove = remove.where('session_id', '!=', exceptSessionId);
      await remove.execute();
      return Number(result.numUpdatedRows);
    },

    /** A user's sessions, for their personal-data export. */
    async listForUser(userId: number) {
      return db
        .selectFrom('sessions')
        .select(['created_at', 'last_used_at', 'transport', 'user_agent', 'revoked_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
    },

    /** Forgets spent tokens and long-ended sessions. */
    async prune() {
      const now = new Date();
      await db.deleteFrom('session_tokens').where('expires_at', '<', now).execute();
      await db
        .deleteFrom('sessions')
        .where((eb) =>
          eb.or([
            eb('revoked_at', '<', new Date(now.getTime() - refreshMs)),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('session_tokens')
                  .select('token_hash')
                  .whereRef('session_tokens.session_id', '=', 'sessions.id'),
              ),
            ),
          ]),
        )
        .execute();
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
