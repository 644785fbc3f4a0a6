-- Moving from GeoNature-citizen (`citizen import-gnc`): which Citizen row each imported row of
-- the old database became. A second run skips what is listed here, so an operator can import,
-- check, and import again at the switch-over. `gnc_table` names the GeoNature-citizen table
-- (t_users, t_programs, t_obstax...), `gnc_id` its key there, `citizen_id` the Citizen key (an
-- integer or a uuid, as text).
CREATE TABLE gnc_import_map (
  gnc_table text NOT NULL CHECK (gnc_table ~ '^[a-z_]+$'),
  gnc_id text NOT NULL,
  citizen_id text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (gnc_table, gnc_id)
);

-- The name the observer picked when recording (Darwin Core verbatimIdentification), kept for
-- imported observations whose taxon was chosen from another list.
ALTER TABLE observations ADD COLUMN verbatim_identification text;
