-- In-app notifications: what happened to a user's observations (a judgement, a re-identification,
-- a validator's question) and the badges they earned. Each is written in the transaction of its
-- event; the reader marks them read; old ones are pruned by a background job.
CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('validated', 'reidentified', 'question', 'badge')),
  observation_id uuid REFERENCES observations (id) ON DELETE CASCADE,
  badge_rule_id bigint REFERENCES badge_rules (id) ON DELETE CASCADE,
  -- The status given by a judgement; the validator's comment or question.
  status text,
  comment text CHECK (length(comment) <= 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  CHECK (CASE WHEN kind = 'badge' THEN badge_rule_id IS NOT NULL
    ELSE observation_id IS NOT NULL END)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_created_idx ON notifications (created_at);
CREATE INDEX notifications_observation_idx ON notifications (observation_id);
CREATE INDEX notifications_badge_rule_idx ON notifications (badge_rule_id);

-- A badge is news when it is awarded to be announced (announced_at null): both ways of awarding
-- (one user after a change, the full rebuild) insert into user_badges, so one trigger covers them
-- and the notification is written in the award's transaction. A repair (announced_at set) is not.
CREATE FUNCTION user_badges_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notifications (user_id, kind, badge_rule_id) VALUES (NEW.user_id, 'badge', NEW.rule_id);
  RETURN NULL;
END
$$;
CREATE TRIGGER user_badges_notify AFTER INSERT ON user_badges
FOR EACH ROW WHEN (NEW.announced_at IS NULL) EXECUTE FUNCTION user_badges_notify();

-- Mails about notifications, per kind: questions are mailed unless refused; judgements keep
-- notify_by_email (0002, off by default); badges are off by default.
ALTER TABLE users
  ADD COLUMN mail_on_question boolean NOT NULL DEFAULT true,
  ADD COLUMN mail_on_badge boolean NOT NULL DEFAULT false;
