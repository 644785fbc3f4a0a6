-- A new confirmation link is asked for as a password reset is: queued whatever the address, so
-- that the answer takes as long for an unknown address as for an account waiting for its
-- confirmation. One queue for both, each request saying which mail it asks for.
ALTER TABLE password_reset_requests RENAME TO account_mail_requests;
ALTER TABLE account_mail_requests
  ADD COLUMN kind text NOT NULL DEFAULT 'reset_password'
    CHECK (kind IN ('reset_password', 'confirm_email'));
ALTER TABLE account_mail_requests ALTER COLUMN kind DROP DEFAULT;
