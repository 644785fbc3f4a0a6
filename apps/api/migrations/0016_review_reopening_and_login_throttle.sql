-- An observer's change to the taxon, date, place, count or photos of a judged observation sends
-- it back to the validators: the history keeps who changed what ('edited', fields in reason).
ALTER TABLE observation_events DROP CONSTRAINT observation_events_kind_check;
ALTER TABLE observation_events ADD CONSTRAINT observation_events_kind_check CHECK (kind IN
  ('validated', 'reidentified', 'question', 'answer', 'hidden', 'unhidden', 'photo_removed', 'edited'));

-- Login throttling replaces the account lock-out (which let anyone lock anyone out): wrong
-- passwords are counted per login (what was typed, or the signed-in account) and source (the
-- client address, or a device that logged in before), so a flood from elsewhere blocks only
-- itself. A success forgets its pair.
CREATE TABLE login_failures (
  login text NOT NULL,
  source text NOT NULL,
  failures integer NOT NULL,
  blocked_until timestamptz,
  last_failed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (login, source)
);
CREATE INDEX login_failures_age_idx ON login_failures (last_failed_at);

-- Devices that logged in to an account (OWASP "device cookies"): the cookie holds a token whose
-- hash is here; its wrong passwords are counted apart from the address it comes from.
CREATE TABLE login_devices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_devices_user_idx ON login_devices (user_id);

-- Password reset requests wait here: the request does the same work whether the address has an
-- account or not, and a background worker looks the account up and mails the link.
CREATE TABLE password_reset_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  ip text,
  requested_at timestamptz NOT NULL DEFAULT now()
);
