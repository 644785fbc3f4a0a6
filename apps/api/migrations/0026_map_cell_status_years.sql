-- Observation counts per map cell, validation status and year over every taxon, down to level 16,
-- so that the tiles of zooms 0-12 filtered by statuses and whole years add up a few stored counts
-- instead of counting the observations (zooms 9-12 did: 110-270 ms at 1,000,000 observations) or
-- adding up the facets of 0024 (kept per taxon, many rows per cell). A tile reads the cells of
-- level z + 4 from level 8 (zooms 0-4), 10 (5-6), 12 (7-8) or its own level (9-12). Like the
-- facets: a public variant (exact = false: the public observations at their public point, so a
-- sensitive observation counts in its blurred cell) and an exact one (all observations at their
-- exact point, for validators), su and sv summing mercator_u/v for the centroid, rows whose count
-- falls to 0 kept (readers skip them). `key` is the cell's Morton key at its level (as the map
-- keys of 0011: cx on the even bits), so that a tile's cells are one range of the primary key.
CREATE TABLE observation_cell_status_years (
  program_id bigint NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  exact boolean NOT NULL,
  level smallint NOT NULL CHECK (level IN (8, 10, 12, 13, 14, 15, 16)),
  key bigint NOT NULL,
  validation_status text NOT NULL,
  year smallint NOT NULL,
  cx integer NOT NULL,
  cy integer NOT NULL,
  n integer NOT NULL,
  su double precision NOT NULL,
  sv double precision NOT NULL,
  PRIMARY KEY (program_id, exact, level, key, validation_status, year)
);

-- observation_cell_facets keeps the taxa only: its every-taxon rows (cd_nom 0) are the rows above.
DELETE FROM observation_cell_facets WHERE cd_nom = 0;
ALTER TABLE observation_cell_facets ADD CONSTRAINT observation_cell_facets_taxon_check
  CHECK (cd_nom <> 0);

-- Replaces 0024's function: one statement (planned once per change) adds `source` to both
-- tables, each upsert in key order so that concurrent writers cannot deadlock. The triggers of
-- 0024 (observations_changed) call it unchanged.
CREATE OR REPLACE FUNCTION observation_cell_facets_apply_sql(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
    WITH changed AS (%s),
    finest AS (
      SELECT c.program_id, p.exact, c.d, p.u, p.v, c.cd_nom, c.validation_status,
        extract(year FROM c.observed_on)::smallint AS year,
        least(floor(p.u * 65536), 65535)::int AS cx, least(floor(p.v * 65536), 65535)::int AS cy
      FROM changed c
      CROSS JOIN LATERAL (VALUES
        (false, mercator_u(c.public_geom), mercator_v(c.public_geom)),
        (true, mercator_u(c.geom), mercator_v(c.geom))) AS p (exact, u, v)
      WHERE p.exact OR c.is_public
    ),
    level16 AS (
      SELECT program_id, exact, cd_nom, validation_status, year, cx, cy,
        sum(d) AS n, sum(d * u) AS su, sum(d * v) AS sv
      FROM finest GROUP BY program_id, exact, cd_nom, validation_status, year, cx, cy
    ),
    taxa AS (
      INSERT INTO observation_cell_facets AS f
        (program_id, exact, level, cd_nom, cx, cy, validation_status, year, n, su, sv)
      SELECT program_id, exact, l.level, cd_nom, cx >> (16 - l.level), cy >> (16 - l.level),
        validation_status, year, sum(n), sum(su), sum(sv)
      FROM level16
      CROSS JOIN (VALUES (8), (12)) AS l (level)
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
      ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
      ON CONFLICT (program_id, exact, level, cd_nom, cx, cy, validation_status, year)
      DO UPDATE SET n = f.n + excluded.n, su = f.su + excluded.su, sv = f.sv + excluded.sv
    ),
    cells AS (
      SELECT program_id, exact, validation_status, year, cx, cy, morton_key(cx, cy) AS key,
        sum(n) AS n, sum(su) AS su, sum(sv) AS sv
      FROM level16 GROUP BY program_id, exact, validation_status, year, cx, cy
    )
    INSERT INTO observation_cell_status_years AS g
      (program_id, exact, level, key, validation_status, year, cx, cy, n, su, sv)
    SELECT program_id, exact, l.level, key >> (2 * (16 - l.level)), validation_status, year,
      cx >> (16 - l.level), cy >> (16 - l.level), sum(n), sum(su), sum(sv)
    FROM cells
    CROSS JOIN (VALUES (8), (10), (12), (13), (14), (15), (16)) AS l (level)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (program_id, exact, level, key, validation_status, year)
    DO UPDATE SET n = g.n + excluded.n, su = g.su + excluded.su, sv = g.sv + excluded.sv
  $f$, source)
$$;

-- Replaces 0024's function: both tables (observation_cells_rebuild calls it after a bulk load).
CREATE OR REPLACE FUNCTION observation_cell_facets_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM observation_cell_facets;
  DELETE FROM observation_cell_status_years;
  EXECUTE observation_cell_facets_apply_sql(
    'SELECT program_id, public_geom, geom, 1 AS d, is_public, cd_nom, validation_status,
       observed_on FROM observations');
END
$$;

-- The new table from the observations (the facets of the taxa are as 0024 left them).
INSERT INTO observation_cell_status_years
  (program_id, exact, level, key, validation_status, year, cx, cy, n, su, sv)
SELECT program_id, exact, l.level, key >> (2 * (16 - l.level)), validation_status, year,
  cx >> (16 - l.level), cy >> (16 - l.level), sum(n), sum(su), sum(sv)
FROM (
  SELECT program_id, exact, validation_status, year, cx, cy, morton_key(cx, cy) AS key,
    count(*) AS n, sum(u) AS su, sum(v) AS sv
  FROM (
    SELECT o.program_id, p.exact, o.validation_status,
      extract(year FROM o.observed_on)::smallint AS year, p.u, p.v,
      least(floor(p.u * 65536), 65535)::int AS cx, least(floor(p.v * 65536), 65535)::int AS cy
    FROM observations o
    CROSS JOIN LATERAL (VALUES
      (false, mercator_u(o.public_geom), mercator_v(o.public_geom)),
      (true, mercator_u(o.geom), mercator_v(o.geom))) AS p (exact, u, v)
    WHERE p.exact OR o.is_public
  ) finest
  GROUP BY program_id, exact, validation_status, year, cx, cy
) cells
CROSS JOIN (VALUES (8), (10), (12), (13), (14), (15), (16)) AS l (level)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- A taxon's public observations by map key (0025) with their status and date, so that the zoom
-- 9-12 tiles of a taxon with statuses or years count them from the index alone (the same index
-- with two columns more; it replaces 0025's).
CREATE INDEX observations_public_taxon_key_status_idx
  ON observations (program_id, cd_nom, public_key, public_mx, public_my)
  INCLUDE (validation_status, observed_on) WHERE is_public;
DROP INDEX observations_public_taxon_key_idx;

-- The map key (0011) of the exact point, and a taxon's observations by it, so that validators'
-- tiles of a taxon read the tile's rows of that taxon alone, as the public's do (0025): the cd_nom
-- index and the spatial one each matched ~75,000 and ~170,000 rows of a zoom-9 tile at 1,000,000
-- observations. With the point, the status and the date, the zoom 9-12 tiles count their cells
-- from the index alone (about 90 MB per million observations). search_path is fixed for the index
-- to be rebuilt the same (e.g. on a restore).
CREATE FUNCTION exact_map_key(g geometry) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
  SELECT morton_key(least(floor(mercator_u(g) * 16777216), 16777215)::int,
    least(floor(mercator_v(g) * 16777216), 16777215)::int)
$$;
CREATE INDEX observations_taxon_exact_key_idx
  ON observations (program_id, cd_nom, exact_map_key(geom))
  INCLUDE (geom, validation_status, observed_on);
