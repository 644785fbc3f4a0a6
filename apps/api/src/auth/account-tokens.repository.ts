import type { Kysely } from 'kysely';
import type { AccountTokenPurpose, DB } from '../db/schema.js';
import { hashToken, newToken } from './tokens.js';

/** How long each kind of mailed link stays valid. */
export const TOKEN_LIFETIME_MINUTES: Record<AccountTokenPurpose, number> = {
  confirm_email: 48 * 60,
  reset_password: 60,
  change_email: 24 * 60,
};

export type ConsumedToken = { userId: number; newEmail: string | null };

/**
 * Single-use, expiring tokens sent by e-mail. Issuing one cancels the user's earlier tokens of
 * the same purpose, so only the latest link works.
 */
export function createAccountTokens(db: Kysely<DB>) {
  return {
    async issue(
      executor: Kysely<DB>,
      userId: number,
      purpose: AccountTokenPurpose,
      newEmail: string | null = null,
    ): Promise<string> {
      await executor
        .deleteFrom('account_tokens')
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .execute();
      const token = newToken();
      await executor
        .insertInto('account_tokens')
        .values({
          token_hash: hashToken(token),
          user_id: userId,
          purpose,
          new_email: newEmail,
          expires_at: new Date(Date.now() + TOKEN_LIFETIME_MINUTES[purpose] * 60_000),
        })
        .execute();
      return token;
    },

    /** Whose a token is, if it could be spent now (without spending it). */
    async peek(token: string, purpose: AccountTokenPurpose): Promise<ConsumedToken | null> {
      const row = await db
        .selectFrom('account_tokens')
        .select(['user_id', 'new_email'])
        .where('token_hash', '=', hashToken(token))
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date())
        .executeTakeFirst();
      return row ? { userId: row.user_id, newEmail: row.new_email } : null;
    },

    /**
     * Spends a token: it must exist for this purpose, be unused and unexpired. The update is
     * conditional, so of two concurrent uses only one succeeds.
     */
    async consume(
      executor: Kysely<DB>,
      token: string,
      purpose: AccountTokenPurpose,
    ): Promise<ConsumedToken | null> {
      const now = new Date();
      const row = await executor
        .updateTable('account_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', hashToken(token))
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['user_id', 'new_email'])
        .executeTakeFirst();
      return row ? { userId: row.user_id, newEmail: row.new_email } : null;
    },

    /** Forgets tokens that can no longer be used. */
    async prune() {
      const dayAgo = new Date(Date.now() - 86_400_000);
      await db
        .deleteFrom('account_tokens')
        .where((eb) => eb.or([eb('expires_at', '<', dayAgo), eb('used_at', '<', dayAgo)]))
        .execute();
    },
  };
}

export type AccountTokens = ReturnType<typeof createAccountTokens>;
