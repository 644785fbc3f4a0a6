-- Which observations the public sees (needs 0008's moderation and programme setting): those not
-- hidden by a moderator and, in a programme that shows only validated observations, those
-- validated (certain or probable). The observer and experts still see the others.
-- Stored in observations.is_public by a trigger, so that public lists, maps, statistics and exports
-- filter on one column, and the public map cells (0005) count only these.
ALTER TABLE observations ADD COLUMN is_public boolean NOT NULL DEFAULT true;

CREATE FUNCTION observations_set_is_public() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.is_public := NEW.hidden_at IS NULL AND (NEW.validation_status IN ('certain', 'probable')
    OR NOT coalesce((SELECT p.public_validated_only FROM programs p WHERE p.id = NEW.program_id), false));
  RETURN NEW;
END
$$;
CREATE TRIGGER observations_is_public
BEFORE INSERT OR UPDATE OF hidden_at, validation_status, program_id, is_public ON observations
FOR EACH ROW EXECUTE FUNCTION observations_set_is_public();

CREATE FUNCTION programs_public_validated_only_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- The trigger above recomputes is_public.
  UPDATE observations SET is_public = is_public WHERE program_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER programs_public_validated_only AFTER UPDATE OF public_validated_only ON programs
FOR EACH ROW WHEN (OLD.public_validated_only IS DISTINCT FROM NEW.public_validated_only)
EXECUTE FUNCTION programs_public_validated_only_changed();

-- Map cells: the public variant counts the public observations only. `source` now selects
-- program_id, public_geom, geom, d (+1 / -1) and is_public.
CREATE OR REPLACE FUNCTION observation_cells_apply_sql(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
    WITH changed AS (%s),
    finest AS (
      SELECT c.program_id, p.exact, c.d, p.u, p.v,
        least(floor(p.u * 65536), 65535)::int AS cx, least(floor(p.v * 65536), 65535)::int AS cy
      FROM changed c
      CROSS JOIN LATERAL (VALUES
        (false, mercator_u(c.public_geom), mercator_v(c.public_geom)),
        (true, mercator_u(c.geom), mercator_v(c.geom))) AS p (exact, u, v)
      WHERE p.exact OR c.is_public
    ),
    level16 AS (
      SELECT program_id, exact, cx, cy, sum(d) AS n, sum(d * u) AS su, sum(d * v) AS sv
      FROM finest GROUP BY program_id, exact, cx, cy
    )
    INSERT INTO observation_cells AS oc (program_id, exact, level, cx, cy, n, su, sv)
    SELECT program_id, exact, level, cx >> (16 - level), cy >> (16 - level), sum(n), sum(su), sum(sv)
    FROM level16 CROSS JOIN generate_series(4, 16) AS l (level)
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (program_id, exact, level, cx, cy)
    DO UPDATE SET n = oc.n + excluded.n, su = oc.su + excluded.su, sv = oc.sv + excluded.sv
  $f$, source)
$$;

CREATE OR REPLACE FUNCTION observations_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  moved text := 'n.program_id <> o.program_id OR n.geom IS DISTINCT FROM o.geom
    OR n.public_geom IS DISTINCT FROM o.public_geom OR n.is_public <> o.is_public';
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE observation_cells_apply_sql(
      'SELECT program_id, public_geom, geom, 1 AS d, is_public FROM new_rows');
    EXECUTE program_data_versions_bump_sql('SELECT program_id FROM new_rows');
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE observation_cells_apply_sql(
      'SELECT program_id, public_geom, geom, -1 AS d, is_public FROM old_rows');
    EXECUTE program_data_versions_bump_sql('SELECT program_id FROM old_rows');
  ELSE
    EXECUTE observation_cells_apply_sql(format(
      'SELECT n.program_id, n.public_geom, n.geom, 1 AS d, n.is_public
       FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %1$s
       UNION ALL
       SELECT o.program_id, o.public_geom, o.geom, -1, o.is_public
       FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %1$s',
      moved));
    EXECUTE program_data_versions_bump_sql(
      'SELECT program_id FROM new_rows UNION ALL SELECT program_id FROM old_rows');
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION observation_cells_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM observation_cells;
  EXECUTE observation_cells_apply_sql(
    'SELECT program_id, public_geom, geom, 1 AS d, is_public FROM observations');
END
$$;

UPDATE observations o SET is_public = is_public;
SELECT observation_cells_rebuild();
