-- Core schema: users, media, taxonomy and species lists, projects and programmes, observations.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL CHECK (length(username) BETWEEN 2 AND 60),
  email text NOT NULL CHECK (position('@' in email) > 1),
  display_name text,
  password_hash text,
  role text NOT NULL DEFAULT 'observer' CHECK (role IN ('observer', 'validator', 'admin')),
  is_active boolean NOT NULL DEFAULT false,
  email_confirmed_at timestamptz,
  locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en', 'de')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- A stored file: `storage_key` is its path inside the media store.
CREATE TABLE media (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  storage_key text NOT NULL UNIQUE,
  mime_type text NOT NULL,
  byte_size integer NOT NULL CHECK (byte_size >= 0),
  width integer,
  height integer,
  author text,
  licence text,
  uploaded_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per scientific name, as in TAXREF: cd_nom names it, cd_ref is the accepted name's cd_nom.
CREATE TABLE taxa (
  cd_nom integer PRIMARY KEY,
  cd_ref integer NOT NULL,
  rank text NOT NULL,
  scientific_name text NOT NULL,
  authority text,
  kingdom text,
  phylum text,
  class text,
  "order" text,
  family text,
  observer_group text,
  -- 0: public; 1, 2, 3: public outputs blur the point to a 1, 5 or 10 km grid cell.
  sensitivity smallint NOT NULL DEFAULT 0 CHECK (sensitivity BETWEEN 0 AND 3),
  taxref_version text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX taxa_cd_ref_idx ON taxa (cd_ref);

CREATE TABLE vernacular_names (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cd_nom integer NOT NULL REFERENCES taxa (cd_nom) ON DELETE CASCADE,
  lang text NOT NULL CHECK (lang ~ '^[a-z]{2}$'),
  name text NOT NULL,
  is_preferred boolean NOT NULL DEFAULT false,
  UNIQUE (cd_nom, lang, name)
);
CREATE UNIQUE INDEX vernacular_names_one_preferred ON vernacular_names (cd_nom, lang) WHERE is_preferred;

CREATE TABLE species_lists (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE species_list_taxa (
  list_id bigint NOT NULL REFERENCES species_lists (id) ON DELETE CASCADE,
  cd_nom integer NOT NULL REFERENCES taxa (cd_nom) ON DELETE CASCADE,
  picture_media_id uuid REFERENCES media (id) ON DELETE SET NULL,
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (list_id, cd_nom)
);

CREATE TABLE projects (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  title text NOT NULL,
  short_description text NOT NULL DEFAULT '',
  long_description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A custom form: the JSON Schema that validates an observation's custom data, and how to lay it out.
CREATE TABLE custom_forms (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  json_schema jsonb NOT NULL,
  ui_schema jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE programs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  project_id bigint REFERENCES projects (id) ON DELETE SET NULL,
  kind text NOT NULL DEFAULT 'observations' CHECK (kind IN ('observations', 'sites')),
  title text NOT NULL,
  short_description text NOT NULL DEFAULT '',
  long_description text NOT NULL DEFAULT '',
  image_media_id uuid REFERENCES media (id) ON DELETE SET NULL,
  area geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(area)),
  -- NULL: the whole taxonomy.
  species_list_id bigint REFERENCES species_lists (id) ON DELETE RESTRICT,
  form_id bigint REFERENCES custom_forms (id) ON DELETE SET NULL,
  registration_required boolean NOT NULL DEFAULT false,
  starts_on date,
  ends_on date CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programs_area_idx ON programs USING gist (area);

CREATE TABLE observations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  program_id bigint NOT NULL REFERENCES programs (id) ON DELETE RESTRICT,
  cd_nom integer NOT NULL REFERENCES taxa (cd_nom),
  observed_on date NOT NULL,
  observed_time time,
  count integer NOT NULL DEFAULT 1 CHECK (count >= 1),
  comment text,
  geom geometry(Point, 4326) NOT NULL,
  coordinate_uncertainty_m integer CHECK (coordinate_uncertainty_m >= 0),
  municipality text,
  custom_data jsonb NOT NULL DEFAULT '{}',
  observer_id bigint REFERENCES users (id) ON DELETE SET NULL,
  observer_name text,
  contact_email text,
  -- The SINP validation scale: pending (0), certain (1), probable (2), doubtful (3),
  -- invalid (4), not_assessable (5).
  validation_status text NOT NULL DEFAULT 'pending'
    CHECK (validation_status IN ('pending', 'certain', 'probable', 'doubtful', 'invalid', 'not_assessable')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX observations_program_date_idx ON observations (program_id, observed_on DESC, id);
CREATE INDEX observations_geom_idx ON observations USING gist (geom);
CREATE INDEX observations_cd_nom_idx ON observations (cd_nom);
CREATE INDEX observations_observer_idx ON observations (observer_id);

CREATE TABLE observation_media (
  observation_id uuid NOT NULL REFERENCES observations (id) ON DELETE CASCADE,
  media_id uuid NOT NULL REFERENCES media (id) ON DELETE CASCADE,
  position smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (observation_id, media_id)
);
CREATE INDEX observation_media_media_idx ON observation_media (media_id);

-- The point the public sees: the exact point for a taxon that is not sensitive, else the centre
-- of its 1, 5 or 10 km cell in the European grid (EPSG:3035, as the EEA reference grid).
CREATE FUNCTION public_point(geom geometry, sensitivity smallint) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN sensitivity <= 0 THEN geom ELSE (
    SELECT ST_Transform(ST_SetSRID(ST_MakePoint(
      (floor(ST_X(p) / size) + 0.5) * size,
      (floor(ST_Y(p) / size) + 0.5) * size), 3035), 4326)
    FROM (SELECT ST_Transform(geom, 3035) AS p, (ARRAY[1000, 5000, 10000])[sensitivity] AS size) AS g
  ) END
$$;
