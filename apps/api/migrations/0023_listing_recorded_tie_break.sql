-- The listing sorts observations of the same day by recording time, newest first, so that a new
-- observation heads its programme's list (keyset order: observed_on desc, created_at desc, id).
-- The date indexes of 0001 and 0005 gain created_at to serve that order and its reverse.
CREATE INDEX observations_date_created_idx ON observations (observed_on DESC, created_at DESC, id);
CREATE INDEX observations_program_date_created_idx
  ON observations (program_id, observed_on DESC, created_at DESC, id);
CREATE INDEX observations_cd_nom_date_created_idx
  ON observations (cd_nom, observed_on DESC, created_at DESC, id);
CREATE INDEX observations_observer_date_created_idx
  ON observations (observer_id, observed_on DESC, created_at DESC, id);
DROP INDEX observations_date_idx;
DROP INDEX observations_program_date_idx;
DROP INDEX observations_cd_nom_date_idx;
DROP INDEX observations_observer_date_idx;
