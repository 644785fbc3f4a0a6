-- Map keys of the public point, for the dense tiles of the high zooms (13 and beyond), where
-- observation_cells (0005, levels 4-16) is too coarse: the point's cell at quadtree level 24
-- (public_mx, public_my: mercator_u/v * 2^24) and its Morton (Z-order) key. The observations of
-- a tile form one range of keys, so a tile's cells are counted from an index-only range scan.

-- Spreads the 24 low bits of v over the even bits of a bigint.
CREATE FUNCTION morton_spread(v integer) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  s bigint := v::bigint & 16777215;
BEGIN
  s := (s | (s << 16)) & 281470681808895;       -- 0x0000FFFF0000FFFF
  s := (s | (s << 8)) & 71777214294589695;      -- 0x00FF00FF00FF00FF
  s := (s | (s << 4)) & 1085102592571150095;    -- 0x0F0F0F0F0F0F0F0F
  s := (s | (s << 2)) & 3689348814741910323;    -- 0x3333333333333333
  s := (s | (s << 1)) & 6148914691236517205;    -- 0x5555555555555555
  RETURN s;
END
$$;

-- The Morton key of cell (x, y): x on the even bits, y on the odd ones.
CREATE FUNCTION morton_key(x integer, y integer) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT morton_spread(x) | (morton_spread(y) << 1)
$$;

ALTER TABLE observations
  ADD COLUMN public_mx integer,
  ADD COLUMN public_my integer,
  ADD COLUMN public_key bigint;

-- Replaces 0005's function: the public point and its map keys.
CREATE OR REPLACE FUNCTION observations_set_public_geom() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.public_geom := public_point(NEW.geom,
    coalesce((SELECT t.sensitivity FROM taxa t WHERE t.cd_nom = NEW.cd_nom), 0::smallint));
  NEW.public_mx := least(floor(mercator_u(NEW.public_geom) * 16777216), 16777215)::int;
  NEW.public_my := least(floor(mercator_v(NEW.public_geom) * 16777216), 16777215)::int;
  NEW.public_key := morton_key(NEW.public_mx, NEW.public_my);
  RETURN NEW;
END
$$;
DROP TRIGGER observations_public_geom ON observations;
CREATE TRIGGER observations_public_geom
BEFORE INSERT OR UPDATE OF geom, cd_nom, public_geom, public_mx, public_my, public_key ON observations
FOR EACH ROW EXECUTE FUNCTION observations_set_public_geom();

-- The keys of the existing observations (nothing that other outputs show changes: no data
-- version to bump, no cell to recount).
ALTER TABLE observations DISABLE TRIGGER observations_public_geom;
ALTER TABLE observations DISABLE TRIGGER observations_changes_update;
UPDATE observations SET
  public_mx = least(floor(mercator_u(public_geom) * 16777216), 16777215)::int,
  public_my = least(floor(mercator_v(public_geom) * 16777216), 16777215)::int,
  public_key = morton_key(
    least(floor(mercator_u(public_geom) * 16777216), 16777215)::int,
    least(floor(mercator_v(public_geom) * 16777216), 16777215)::int);
ALTER TABLE observations ENABLE TRIGGER observations_changes_update;
ALTER TABLE observations ENABLE TRIGGER observations_public_geom;
ALTER TABLE observations
  ALTER COLUMN public_mx SET NOT NULL,
  ALTER COLUMN public_my SET NOT NULL,
  ALTER COLUMN public_key SET NOT NULL;

CREATE INDEX observations_public_key_idx ON observations (program_id, public_key)
  INCLUDE (public_mx, public_my) WHERE is_public;
