-- Observation counts per map cell, taxon, validation status and year, so that the low-zoom
-- tiles of a broad filter (a common taxon, a status, whole years) add up a few stored counts
-- instead of placing every matching observation. Like observation_cells (0005, 0009): a public
-- variant (exact = false: the public observations at their public point) and an exact one (all
-- observations at their exact point), su and sv summing mercator_u/v for the centroid, rows whose
-- count falls to 0 kept (readers skip them). cd_nom 0 holds every taxon together, for filters
-- without a taxon. Two levels only (the tiles of zooms 0-4 read level 8, those of zooms 5-8 level
-- 12 and add its cells up): more levels would multiply the rows for little gain.
CREATE TABLE observation_cell_facets (
  program_id bigint NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  exact boolean NOT NULL,
  level smallint NOT NULL CHECK (level IN (8, 12)),
  cd_nom integer NOT NULL,
  validation_status text NOT NULL,
  year smallint NOT NULL,
  cx integer NOT NULL,
  cy integer NOT NULL,
  n integer NOT NULL,
  su double precision NOT NULL,
  sv double precision NOT NULL,
  PRIMARY KEY (program_id, exact, level, cd_nom, cx, cy, validation_status, year)
);

-- The statement that adds `source` (program_id, public_geom, geom, d: +1 to add, -1 to remove,
-- is_public, cd_nom, validation_status, observed_on) to the facet counts, upserting in key order
-- as observation_cells_apply_sql does, so that concurrent writers cannot deadlock.
CREATE FUNCTION observation_cell_facets_apply_sql(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
    WITH changed AS (%s),
    finest AS (
      SELECT c.program_id, p.exact, c.d, p.u, p.v, c.cd_nom, c.validation_status,
        extract(year FROM c.observed_on)::smallint AS year,
        least(floor(p.u * 4096), 4095)::int AS cx, least(floor(p.v * 4096), 4095)::int AS cy
      FROM changed c
      CROSS JOIN LATERAL (VALUES
        (false, mercator_u(c.public_geom), mercator_v(c.public_geom)),
        (true, mercator_u(c.geom), mercator_v(c.geom))) AS p (exact, u, v)
      WHERE p.exact OR c.is_public
    ),
    level12 AS (
      SELECT program_id, exact, cd_nom, validation_status, year, cx, cy,
        sum(d) AS n, sum(d * u) AS su, sum(d * v) AS sv
      FROM finest GROUP BY program_id, exact, cd_nom, validation_status, year, cx, cy
    )
    INSERT INTO observation_cell_facets AS f
      (program_id, exact, level, cd_nom, cx, cy, validation_status, year, n, su, sv)
    SELECT program_id, exact, l.level, t.cd_nom, cx >> (12 - l.level), cy >> (12 - l.level),
      validation_status, year, sum(n), sum(su), sum(sv)
    FROM level12
    CROSS JOIN (VALUES (8), (12)) AS l (level)
    CROSS JOIN LATERAL (VALUES (level12.cd_nom), (0)) AS t (cd_nom)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (program_id, exact, level, cd_nom, cx, cy, validation_status, year)
    DO UPDATE SET n = f.n + excluded.n, su = f.su + excluded.su, sv = f.sv + excluded.sv
  $f$, source)
$$;

-- Replaces 0009's function: the facets too, which also follow the taxon, the status and the
-- year of an observation.
CREATE OR REPLACE FUNCTION observations_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  moved text := 'n.program_id <> o.program_id OR n.geom IS DISTINCT FROM o.geom
    OR n.public_geom IS DISTINCT FROM o.public_geom OR n.is_public <> o.is_public';
  regrouped text := moved || ' OR n.cd_nom <> o.cd_nom OR n.validation_status <> o.validation_status
    OR extract(year FROM n.observed_on) <> extract(year FROM o.observed_on)';
  columns text := 'program_id, public_geom, geom, %s AS d, is_public, cd_nom, validation_status, observed_on';
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE observation_cells_apply_sql(
      'SELECT program_id, public_geom, geom, 1 AS d, is_public FROM new_rows');
    EXECUTE observation_cell_facets_apply_sql(
      format('SELECT ' || columns || ' FROM new_rows', 1));
    EXECUTE program_data_versions_bump_sql('SELECT program_id FROM new_rows');
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE observation_cells_apply_sql(
      'SELECT program_id, public_geom, geom, -1 AS d, is_public FROM old_rows');
    EXECUTE observation_cell_facets_apply_sql(
      format('SELECT ' || columns || ' FROM old_rows', -1));
    EXECUTE program_data_versions_bump_sql('SELECT program_id FROM old_rows');
  ELSE
    EXECUTE observation_cells_apply_sql(format(
      'SELECT n.program_id, n.public_geom, n.geom, 1 AS d, n.is_public
       FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %1$s
       UNION ALL
       SELECT o.program_id, o.public_geom, o.geom, -1, o.is_public
       FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %1$s',
      moved));
    EXECUTE observation_cell_facets_apply_sql(format(
      'SELECT n.program_id, n.public_geom, n.geom, 1 AS d, n.is_public, n.cd_nom,
         n.validation_status, n.observed_on
       FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %1$s
       UNION ALL
       SELECT o.program_id, o.public_geom, o.geom, -1, o.is_public, o.cd_nom,
         o.validation_status, o.observed_on
       FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %1$s',
      regrouped));
    EXECUTE program_data_versions_bump_sql(
      'SELECT program_id FROM new_rows UNION ALL SELECT program_id FROM old_rows');
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION observation_cell_facets_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM observation_cell_facets;
  EXECUTE observation_cell_facets_apply_sql(
    'SELECT program_id, public_geom, geom, 1 AS d, is_public, cd_nom, validation_status,
       observed_on FROM observations');
END
$$;

-- Replaces 0009's function: after a bulk load with the triggers disabled, both tables.
CREATE OR REPLACE FUNCTION observation_cells_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM observation_cells;
  EXECUTE observation_cells_apply_sql(
    'SELECT program_id, public_geom, geom, 1 AS d, is_public FROM observations');
  PERFORM observation_cell_facets_rebuild();
END
$$;

SELECT observation_cell_facets_rebuild();
