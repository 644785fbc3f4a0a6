-- Accounts: profile and lock-out columns, login sessions and their tokens, single-use e-mail
-- tokens, the outgoing mail queue and the audit log of security events.
-- Every secret token is stored as the hex SHA-256 of its value, never the value itself.

-- `is_active` is the administrators' switch (false: the account may not log in); it is no longer
-- how an unconfirmed account is told apart: `email_confirmed_at` says that.
ALTER TABLE users
  ADD COLUMN avatar_key text,
  ADD COLUMN notify_by_email boolean NOT NULL DEFAULT false,
  ADD COLUMN terms_accepted_at timestamptz,
  ADD COLUMN failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
  ADD COLUMN locked_until timestamptz,
  ADD COLUMN last_login_at timestamptz;

-- One login: a chain of refresh tokens, each used once. Revoking the session ends every token.
CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  transport text NOT NULL CHECK (transport IN ('cookie', 'bearer')),
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_reason text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- A refresh token has `used_at` set when it is rotated; presenting it again revokes its session.
CREATE TABLE session_tokens (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('access', 'refresh')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX session_tokens_session_idx ON session_tokens (session_id);
CREATE INDEX session_tokens_expires_idx ON session_tokens (expires_at);

-- Links sent by e-mail: confirm an address, reset a password, confirm a new address.
CREATE TABLE account_tokens (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('confirm_email', 'reset_password', 'change_email')),
  -- change_email: the new address, which replaces the old one only once confirmed.
  new_email text,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose);

-- Mails waiting to be sent: a request only inserts here; a background sender in every API
-- process claims rows (FOR UPDATE SKIP LOCKED), sends them and deletes them.
CREATE TABLE mail_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recipient text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- A sender's claim; it lapses if that sender dies while sending.
  locked_until timestamptz,
  last_error text,
  -- Given up after too many attempts: the bodies are cleared, the row stays for the operator.
  failed_at timestamptz
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE failed_at IS NULL;

-- Security events: logins, lock-outs, token reuse, password and e-mail changes, role changes...
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  event text NOT NULL,
  -- Whom the event is about, and who did it when that is someone else (an administrator).
  user_id bigint REFERENCES users (id) ON DELETE SET NULL,
  actor_id bigint REFERENCES users (id) ON DELETE SET NULL,
  ip text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, at DESC);
