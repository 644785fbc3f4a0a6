-- mercator_u/v (0005) were declared STRICT around least/greatest, which are not: PostgreSQL then
-- calls them as functions instead of inlining their expression, about 8 times slower per row
-- (map tiles compute them for every point they place). Same bodies, not STRICT: inlined.
CREATE OR REPLACE FUNCTION mercator_u(g geometry) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT least(greatest((ST_X(g) + 180.0) / 360.0, 0.0), 1.0)
$$;
CREATE OR REPLACE FUNCTION mercator_v(g geometry) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT least(greatest(
    (1.0 - asinh(tan(radians(least(greatest(ST_Y(g), -85.0511287798), 85.0511287798)))) / pi()) / 2.0,
    0.0), 1.0)
$$;
