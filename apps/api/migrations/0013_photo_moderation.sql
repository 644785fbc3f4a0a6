-- Photo moderation: an administrator hides one photo of an observation, with a reason. A hidden
-- photo is left out of every list and served only to its observer and experts; unhiding shows it
-- again. (Deleting a photo removes its row and files.)
ALTER TABLE media
  ADD COLUMN hidden_at timestamptz,
  ADD COLUMN hidden_reason text,
  ADD COLUMN hidden_by bigint REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX media_hidden_idx ON media (hidden_at DESC) WHERE hidden_at IS NOT NULL;

-- The audit log read by actor (what did this administrator do?).
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id DESC) WHERE actor_id IS NOT NULL;
