-- Idempotency-Key of the routes that create (issue 14): a client that lost the answer to a
-- creation sends it again with the same key, and is answered with what the first one created.
-- The row is written in the transaction that creates the resource, so a refused or failed
-- creation leaves no key. Keys are per account; anonymous requests share one scope (user_id
-- null), which random UUIDs keep apart. Pruned after 30 days (idempotency/).
CREATE TABLE idempotency_keys (
  user_id integer REFERENCES users (id) ON DELETE CASCADE,
  key uuid NOT NULL,
  -- What was created, e.g. 'observation'; the fingerprint covers it too.
  operation text NOT NULL,
  -- SHA-256 (hex) of the operation, the request's JSON in canonical form and its files.
  fingerprint text NOT NULL,
  resource_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT idempotency_keys_once UNIQUE NULLS NOT DISTINCT (user_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
