import type { Kysely } from 'kysely';
import type { Config } from '../config/config.js';
import type { DB, SessionTransport } from '../db/schema.js';
import type { CurrentUser } from './current-user.js';
import type { SessionsRepository } from './sessions.repository.js';
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
export function createSessions(repository: SessionsRepository, config: Config) {
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
    await repository.insertTokens(executor, [
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
    ]);
    return tokens;
  }

  return {
    /** Opens a session for a user who just proved who they are. */
    async start(
      userId: number,
      transport: SessionTransport,
      userAgent: string | null,
    ): Promise<IssuedTokens> {
      return repository.transaction().execute(async (trx) => {
        const id = await repository.insertSession(
          trx,
          userId,
          transport,
          userAgent?.slice(0, 300) ?? null,
        );
        return issueTokens(trx, id);
      });
    },

    /** Who an access token belongs to, if it is valid now and its session and account are live. */
    async authenticate(accessToken: string): Promise<Authenticated | null> {
      const row = await repository.findByAccessToken(hashToken(accessToken));
      if (!row) return null;
      return {
        user: { id: row.id, username: row.username, role: row.role },
        sessionId: row.session_id,
        transport: row.transport,
      };
    },

    /** Rotates a refresh token: a new access and refresh token, the old refresh token spent. */
    async refresh(refreshToken: string): Promise<RefreshOutcome> {
      return repository.transaction().execute(async (trx): Promise<RefreshOutcome> => {
        const row = await repository.lockRefreshToken(trx, hashToken(refreshToken));
        if (!row) return { ok: false, reason: 'unknown' };
        if (row.revoked_at || !row.is_active) return { ok: false, reason: 'revoked' };
        const now = new Date();
        if (row.used_at) {
          const age = now.getTime() - new Date(row.used_at).getTime();
          if (age <= REFRESH_REUSE_GRACE_SECONDS * 1000)
            return { ok: false, reason: 'just_rotated' };
          await repository.revokeSession(row.session_id, 'refresh_token_reused', trx);
          return { ok: false, reason: 'reused', userId: row.user_id };
        }
        if (new Date(row.expires_at) <= now) return { ok: false, reason: 'expired' };

        await repository.markTokenUsed(trx, row.token_hash, now);
        // The access tokens issued before this refresh end now: one live access token per session.
        await repository.dropAccessTokens(trx, row.session_id);
        await repository.touchSession(trx, row.session_id, now);
        const tokens = await issueTokens(trx, row.session_id);
        return { ok: true, userId: row.user_id, transport: row.transport, tokens };
      });
    },

    /** The session a refresh token belongs to (for logout without a valid access token). */
    sessionOfRefreshToken: (refreshToken: string) =>
      repository.findByRefreshToken(hashToken(refreshToken)),

    /** Ends one session: its access token stops working at once, its refresh token too. */
    revoke: repository.revokeSession,

    /** Ends every session of a user, but the one given (e.g. the one changing the password). */
    revokeAll: repository.revokeUserSessions,

    /** A user's sessions, for their personal-data export. */
    listForUser: repository.listForUser,

    /** Forgets spent tokens and long-ended sessions. */
    prune: () => repository.prune(new Date(Date.now() - refreshMs)),
  };
}

export type Sessions = ReturnType<typeof createSessions>;
