-- Point tiles of a programme's sliver: a tile holding few of the programme's observations of a
-- year (so drawn as points) while its buffer reaches a dense area of the programme next door. The
-- spatial index cannot tell the programmes apart (the tile may hold another programme's hundreds
-- of thousands of points) and the (programme, date) index returns the programme's whole year:
-- zooms 6-8 of one year read 50,000 rows at 1,000,000 observations to keep 2,000-8,500 of them
-- (55-88 ms at p95). The first index below keeps, within the index, the public rows of the year in
-- the tile grown by its buffer (its level-24 cells: 0011's public_mx, public_my), so that the heap
-- is read for those rows only. (The same index at the exact point did not speed up validators'
-- tiles, whose buffer held as many rows, and slowed writes: left out.) The second does the same
-- for validators' tiles of a taxon.

-- The level-24 cell of the exact point (as public_mx, public_my of 0011; exact_map_key of 0026
-- interleaves them). search_path is fixed for the indexes to be rebuilt the same (on a restore).
CREATE FUNCTION exact_map_x(g geometry) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
  SELECT least(floor(mercator_u(g) * 16777216), 16777215)::int
$$;
CREATE FUNCTION exact_map_y(g geometry) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
  SELECT least(floor(mercator_v(g) * 16777216), 16777215)::int
$$;

-- A programme's public observations of a date range in a box (about 40 MB per million).
CREATE INDEX observations_public_date_cell_idx
  ON observations (program_id, observed_on, public_mx, public_my) WHERE is_public;

-- A taxon's observations by the map key of the exact point (0026) with its cell, so that the
-- cells of the key ranges outside the tile are left out within the index, as 0026's public index
-- does with public_mx, public_my (it replaces 0026's).
CREATE INDEX observations_taxon_exact_key_cell_idx
  ON observations (program_id, cd_nom, exact_map_key(geom), exact_map_x(geom), exact_map_y(geom))
  INCLUDE (geom, validation_status, observed_on);
DROP INDEX observations_taxon_exact_key_idx;
