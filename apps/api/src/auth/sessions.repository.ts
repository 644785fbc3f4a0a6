import type { Kysely, Transaction } from 'kysely';
import type { DB, SessionTransport } from '../db/schema.js';

export type TokenRow = {
  token_hash: string;
  session_id: string;
  kind: 'access' | 'refresh';
  expires_at: Date;
};

/** Login sessions and the hashes of their tokens. */
export function createSessionsRepository(db: Kysely<DB>) {
  /** Ends the session's access tokens (its refresh token stays, spent or not). */
  const dropAccessTokens = (executor: Kysely<DB>, sessionId: string) =>
    executor
      .deleteFrom('session_tokens')
      .where('session_id', '=', sessionId)
      .where('kind', '=', 'access')
      .execute();

  return {
    transaction: () => db.transaction(),
    dropAccessTokens,

    async insertSession(
      trx: Transaction<DB>,
      userId: number,
      transport: SessionTransport,
      userAgent: string | null,
    ): Promise<string> {
      const { id } = await trx
        .insertInto('sessions')
        .values({ user_id: userId, transport, user_agent: userAgent })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async insertTokens(executor: Kysely<DB>, tokens: TokenRow[]) {
      await executor.insertInto('session_tokens').values(tokens).execute();
    },

    /** The live session and active account an unexpired access token belongs to. */
    async findByAccessToken(tokenHash: string) {
      return db
        .selectFrom('session_tokens as t')
        .innerJoin('sessions as s', 's.id', 't.session_id')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select(['u.id', 'u.username', 'u.role', 's.id as session_id', 's.transport'])
        .where('t.token_hash', '=', tokenHash)
        .where('t.kind', '=', 'access')
        .where('t.expires_at', '>', new Date())
        .where('s.revoked_at', 'is', null)
        .where('u.is_active', '=', true)
        .executeTakeFirst();
    },

    /** A refresh token with its session and account, locked until `trx` ends. */
    async lockRefreshToken(trx: Transaction<DB>, tokenHash: string) {
      return trx
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
        .where('t.token_hash', '=', tokenHash)
        .where('t.kind', '=', 'refresh')
        .forUpdate('t')
        .executeTakeFirst();
    },

    async markTokenUsed(trx: Transaction<DB>, tokenHash: string, at: Date) {
      await trx
        .updateTable('session_tokens')
        .set({ used_at: at })
        .where('token_hash', '=', tokenHash)
        .execute();
    },

    async touchSession(trx: Transaction<DB>, sessionId: string, at: Date) {
      await trx
        .updateTable('sessions')
        .set({ last_used_at: at })
        .where('id', '=', sessionId)
        .execute();
    },

    /** Marks a live session ended; its access tokens go too. */
    async revokeSession(sessionId: string, reason: string, executor: Kysely<DB> = db) {
      await executor
        .updateTable('sessions')
        .set({ revoked_at: new Date(), revoked_reason: reason })
        .where('id', '=', sessionId)
        .where('revoked_at', 'is', null)
        .execute();
      await dropAccessTokens(executor, sessionId);
    },

    /** Ends every live session of a user but `exceptSessionId`; returns how many ended. */
    async revokeUserSessions(
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

    /** The live session a refresh token belongs to. */
    async findByRefreshToken(tokenHash: string) {
      const row = await db
        .selectFrom('session_tokens as t')
        .innerJoin('sessions as s', 's.id', 't.session_id')
        .select(['s.id', 's.user_id'])
        .where('t.token_hash', '=', tokenHash)
        .where('t.kind', '=', 'refresh')
        .where('s.revoked_at', 'is', null)
        .executeTakeFirst();
      return row ?? null;
    },

    async listForUser(userId: number) {
      return db
        .selectFrom('sessions')
        .select(['created_at', 'last_used_at', 'transport', 'user_agent', 'revoked_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
    },

    /** Deletes expired tokens, sessions revoked before `revokedBefore` and sessions left tokenless. */
    async prune(revokedBefore: Date) {
      await db.deleteFrom('session_tokens').where('expires_at', '<', new Date()).execute();
      await db
        .deleteFrom('sessions')
        .where((eb) =>
          eb.or([
            eb('revoked_at', '<', revokedBefore),
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

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
