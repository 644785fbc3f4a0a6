-- Administrative areas (municipalities, departments, parks...) imported from GeoJSON; an
-- observation's municipality is looked up here by the database, not by an external geocoder.
CREATE TABLE areas (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]*$'),
  code text NOT NULL,
  name text NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, code)
);
CREATE INDEX areas_geom_idx ON areas USING gist (geom);

ALTER TABLE observations ADD COLUMN municipality_code text;

-- Sets municipality (name) and municipality_code from `areas` when the point is set or moves.
-- Where no area covers the point, the values the writer gave (e.g. from a reverse geocoder) stay.
CREATE FUNCTION observations_set_municipality() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  area record;
BEGIN
  IF TG_OP = 'INSERT' OR NOT ST_Equals(NEW.geom, OLD.geom) THEN
    SELECT a.name, a.code INTO area
    FROM areas a
    WHERE a.kind = 'municipality' AND ST_Intersects(a.geom, NEW.geom)
    ORDER BY ST_Area(a.geom)
    LIMIT 1;
    IF FOUND THEN
      NEW.municipality := area.name;
      NEW.municipality_code := area.code;
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER observations_municipality BEFORE INSERT OR UPDATE OF geom ON observations
FOR EACH ROW EXECUTE FUNCTION observations_set_municipality();

-- Photos: the original stays private (it may carry GPS metadata); resized copies are public.
ALTER TABLE media
  ADD COLUMN original_name text,
  ADD COLUMN taken_at timestamptz,
  ADD COLUMN variants text[] NOT NULL DEFAULT '{}';

-- The licence of a programme's data, for exports.
ALTER TABLE programs ADD COLUMN licence text NOT NULL DEFAULT 'CC-BY-4.0';
