-- Reading observations back: the stored public point, observation counts per map cell, data
-- versions for ETags and caches, and the indexes of the listing's sort orders.

-- Web Mercator world coordinates in [0, 1] (u eastwards, v southwards), as map tiles number them:
-- tile (z, x, y) covers u in [x, x + 1] / 2^z and v in [y, y + 1] / 2^z.
CREATE FUNCTION mercator_u(g geometry) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT least(greatest((ST_X(g) + 180.0) / 360.0, 0.0), 1.0)
$$;
CREATE FUNCTION mercator_v(g geometry) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT least(greatest(
    (1.0 - asinh(tan(radians(least(greatest(ST_Y(g), -85.0511287798), 85.0511287798)))) / pi()) / 2.0,
    0.0), 1.0)
$$;

-- 1. The point the public sees (public_point() of 0001), stored so that public maps, lists and
-- exports filter on it with an index, never on the exact point. A trigger keeps it in step with
-- the point and the taxon; another recomputes it when a taxon's sensitivity changes.
ALTER TABLE observations ADD COLUMN public_geom geometry(Point, 4326);
UPDATE observations o SET public_geom = public_point(o.geom, t.sensitivity)
FROM taxa t WHERE t.cd_nom = o.cd_nom;
ALTER TABLE observations ALTER COLUMN public_geom SET NOT NULL;
CREATE INDEX observations_public_geom_idx ON observations USING gist (public_geom);

CREATE FUNCTION observations_set_public_geom() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.public_geom := public_point(NEW.geom,
    coalesce((SELECT t.sensitivity FROM taxa t WHERE t.cd_nom = NEW.cd_nom), 0::smallint));
  RETURN NEW;
END
$$;
CREATE TRIGGER observations_public_geom
BEFORE INSERT OR UPDATE OF geom, cd_nom, public_geom ON observations
FOR EACH ROW EXECUTE FUNCTION observations_set_public_geom();

CREATE FUNCTION taxa_sensitivity_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE observations o SET public_geom = public_point(o.geom, n.sensitivity)
  FROM new_taxa n JOIN old_taxa prev ON prev.cd_nom = n.cd_nom
  WHERE o.cd_nom = n.cd_nom AND n.sensitivity IS DISTINCT FROM prev.sensitivity;
  RETURN NULL;
END
$$;
CREATE TRIGGER taxa_sensitivity AFTER UPDATE ON taxa
REFERENCING OLD TABLE AS old_taxa NEW TABLE AS new_taxa
FOR EACH STATEMENT EXECUTE FUNCTION taxa_sensitivity_changed();

-- 2. Data versions, for the ETags of map tiles and the caches of statistics. Every change to a
-- programme's observations (or to their photos) gives the programme a new version from one
-- sequence, so the highest version changes with any change anywhere. Changes to the reference
-- data that outputs show (taxa, vernacular names, areas) advance reference_data_version.
CREATE SEQUENCE data_version_seq;
CREATE TABLE program_data_versions (
  program_id bigint PRIMARY KEY REFERENCES programs (id) ON DELETE CASCADE,
  version bigint NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO program_data_versions (program_id, version)
SELECT id, nextval('data_version_seq') FROM programs ORDER BY id;

-- `source` selects program_id of the changed observations.
CREATE FUNCTION program_data_versions_bump_sql(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
    INSERT INTO program_data_versions AS v (program_id, version)
    SELECT program_id, nextval('data_version_seq')
    FROM (SELECT DISTINCT program_id FROM (%s) AS changed ORDER BY program_id) AS p
    ON CONFLICT (program_id) DO UPDATE SET version = excluded.version, changed_at = now()
  $f$, source)
$$;

CREATE SEQUENCE reference_data_version;
CREATE FUNCTION bump_reference_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('reference_data_version');
  RETURN NULL;
END
$$;
CREATE TRIGGER taxa_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON taxa
FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_data_version();
CREATE TRIGGER vernacular_names_reference_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON vernacular_names
FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_data_version();
CREATE TRIGGER areas_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON areas
FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_data_version();

-- 3. Observation counts per map cell, for the low zooms of the map. Level L cuts the world into
-- 2^L × 2^L cells; a tile at zoom z shows 16 × 16 cells of level z + 4. Kept for the public
-- points (exact = false) and for the exact ones (validators' maps), at levels 4 to 16. su and sv
-- sum the points' mercator_u/v, for the centroid. Rows whose count falls to 0 stay; readers skip them.
CREATE TABLE observation_cells (
  program_id bigint NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  exact boolean NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 4 AND 16),
  cx integer NOT NULL,
  cy integer NOT NULL,
  n integer NOT NULL,
  su double precision NOT NULL,
  sv double precision NOT NULL,
  PRIMARY KEY (program_id, exact, level, cx, cy)
);

-- The statement that adds `source` (program_id, public_geom, geom, d: +1 to add, -1 to remove)
-- to the cell counts. Rows are upserted in key order so that concurrent writers lock cells in the
-- same order and cannot deadlock.
CREATE FUNCTION observation_cells_apply_sql(source text) RETURNS text
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

CREATE FUNCTION observations_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  moved text := 'n.program_id <> o.program_id OR n.geom IS DISTINCT FROM o.geom
    OR n.public_geom IS DISTINCT FROM o.public_geom';
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE observation_cells_apply_sql('SELECT program_id, public_geom, geom, 1 AS d FROM new_rows');
    EXECUTE program_data_versions_bump_sql('SELECT program_id FROM new_rows');
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE observation_cells_apply_sql('SELECT program_id, public_geom, geom, -1 AS d FROM old_rows');
    EXECUTE program_data_versions_bump_sql('SELECT program_id FROM old_rows');
  ELSE
    EXECUTE observation_cells_apply_sql(format(
      'SELECT n.program_id, n.public_geom, n.geom, 1 AS d FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %1$s
       UNION ALL
       SELECT o.program_id, o.public_geom, o.geom, -1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %1$s',
      moved));
    EXECUTE program_data_versions_bump_sql(
      'SELECT program_id FROM new_rows UNION ALL SELECT program_id FROM old_rows');
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER observations_changes_insert AFTER INSERT ON observations
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION observations_changed();
CREATE TRIGGER observations_changes_update AFTER UPDATE ON observations
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION observations_changed();
CREATE TRIGGER observations_changes_delete AFTER DELETE ON observations
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION observations_changed();

CREATE FUNCTION observation_media_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE program_data_versions_bump_sql(
      'SELECT o.program_id FROM new_links l JOIN observations o ON o.id = l.observation_id');
  ELSE
    EXECUTE program_data_versions_bump_sql(
      'SELECT o.program_id FROM old_links l JOIN observations o ON o.id = l.observation_id');
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER observation_media_changes_insert AFTER INSERT ON observation_media
REFERENCING NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION observation_media_changed();
CREATE TRIGGER observation_media_changes_delete AFTER DELETE ON observation_media
REFERENCING OLD TABLE AS old_links
FOR EACH STATEMENT EXECUTE FUNCTION observation_media_changed();

-- Recounts every cell from the observations (after a bulk load with the triggers disabled, or to repair).
CREATE FUNCTION observation_cells_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM observation_cells;
  EXECUTE observation_cells_apply_sql(
    'SELECT program_id, public_geom, geom, 1 AS d FROM observations');
END
$$;
SELECT observation_cells_rebuild();

-- 4. Indexes for the listing's sort orders (date desc: (observed_on desc, id); created desc:
-- (created_at desc, id)), over all programmes and within one (0001 has program_id, observed_on).
CREATE INDEX observations_date_idx ON observations (observed_on DESC, id);
CREATE INDEX observations_created_idx ON observations (created_at DESC, id);
CREATE INDEX observations_program_created_idx ON observations (program_id, created_at DESC, id);
-- Taxon and observer filters, newest first; they replace 0001's single-column indexes.
CREATE INDEX observations_cd_nom_date_idx ON observations (cd_nom, observed_on DESC, id);
CREATE INDEX observations_observer_date_idx ON observations (observer_id, observed_on DESC, id);
DROP INDEX observations_cd_nom_idx;
DROP INDEX observations_observer_idx;
