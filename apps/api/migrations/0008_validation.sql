-- Expert validation: who validated an observation, why, and everything that happened to it;
-- moderation; and the programmes that show only validated observations to the public.
ALTER TABLE observations
  ADD COLUMN validated_by bigint REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN validated_at timestamptz,
  ADD COLUMN validation_reason text CHECK (validation_reason IN
    ('misidentified', 'insufficient_evidence', 'implausible_place_or_date', 'duplicate', 'not_wild', 'other')),
  ADD COLUMN validation_comment text,
  -- Hidden by a moderator: out of every public output, kept for the observer and experts.
  ADD COLUMN hidden_at timestamptz,
  ADD COLUMN hidden_reason text;
CREATE INDEX observations_queue_idx ON observations (validation_status, created_at, id);

-- Each event of an observation's life, in order: validations, re-identifications, questions
-- and answers, moderation. The original identification stays in the first re-identification.
CREATE TABLE observation_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  observation_id uuid NOT NULL REFERENCES observations (id) ON DELETE CASCADE,
  actor_id bigint REFERENCES users (id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('validated', 'reidentified', 'question', 'answer', 'hidden', 'unhidden', 'photo_removed')),
  from_status text,
  to_status text,
  from_cd_nom integer,
  to_cd_nom integer,
  reason text,
  comment text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX observation_events_observation_idx ON observation_events (observation_id, id);

ALTER TABLE programs ADD COLUMN public_validated_only boolean NOT NULL DEFAULT false;
