-- Site protocols (programmes of kind 'sites': named places followed over time through dated
-- visits, each with its own forms) and badges (rules stored here, awards kept per user).

-- 1. Programme settings. Who may add a visit to someone else's site; whether the programme
-- takes part in badges (its observations and visits count) and shows a leaderboard.
ALTER TABLE programs
  ADD COLUMN visits_by text NOT NULL DEFAULT 'anyone' CHECK (visits_by IN ('anyone', 'creator')),
  ADD COLUMN badges_enabled boolean NOT NULL DEFAULT true,
  ADD COLUMN leaderboard_enabled boolean NOT NULL DEFAULT false;

-- A user's choice not to appear on any leaderboard (their badge page stays public).
ALTER TABLE users ADD COLUMN hide_from_leaderboards boolean NOT NULL DEFAULT false;

-- 2. Site types of a programme (pond, tree, nest...): each has its own form for the site and
-- one for its visits (custom_forms rows; a uiSchema may split a long form into steps).
CREATE TABLE site_types (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  program_id bigint NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  pictogram_url text CHECK (pictogram_url ~ '^(https?://|/)' AND length(pictogram_url) <= 2000),
  site_form_id bigint REFERENCES custom_forms (id) ON DELETE SET NULL,
  visit_form_id bigint REFERENCES custom_forms (id) ON DELETE SET NULL,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX site_types_program_idx ON site_types (program_id, position, id);

CREATE TABLE sites (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  program_id bigint NOT NULL REFERENCES programs (id) ON DELETE RESTRICT,
  site_type_id bigint NOT NULL REFERENCES site_types (id) ON DELETE RESTRICT,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  geom geometry(Point, 4326) NOT NULL,
  custom_data jsonb NOT NULL DEFAULT '{}',
  creator_id bigint REFERENCES users (id) ON DELETE SET NULL,
  creator_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sites_program_idx ON sites (program_id, site_type_id, id);
CREATE INDEX sites_geom_idx ON sites USING gist (geom);
CREATE INDEX sites_creator_idx ON sites (creator_id);

CREATE TABLE site_media (
  site_id bigint NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  media_id uuid NOT NULL REFERENCES media (id) ON DELETE CASCADE,
  position smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, media_id)
);
CREATE INDEX site_media_media_idx ON site_media (media_id);

-- A dated (optionally timed) visit of a site, with the answers to its type's visit form.
CREATE TABLE visits (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The Darwin Core eventID.
  uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  site_id bigint NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  visited_on date NOT NULL,
  visited_time time,
  comment text,
  custom_data jsonb NOT NULL DEFAULT '{}',
  observer_id bigint REFERENCES users (id) ON DELETE SET NULL,
  observer_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visits_site_idx ON visits (site_id, visited_on, id);
CREATE INDEX visits_observer_idx ON visits (observer_id, visited_on);

CREATE TABLE visit_media (
  visit_id bigint NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
  media_id uuid NOT NULL REFERENCES media (id) ON DELETE CASCADE,
  position smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (visit_id, media_id)
);
CREATE INDEX visit_media_media_idx ON visit_media (media_id);

-- The species recorded during a visit are ordinary observations linked to it (same programme,
-- same date). The application deletes their photos before the visit goes.
ALTER TABLE observations ADD COLUMN visit_id bigint REFERENCES visits (id) ON DELETE CASCADE;
CREATE INDEX observations_visit_idx ON observations (visit_id) WHERE visit_id IS NOT NULL;

-- 3. Badge rules, edited by administrators. `threshold` is a number of observations, of distinct
-- species (accepted taxa at species rank or below), of visits, or of days of account age.
CREATE TABLE badge_rules (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN
    ('total_observations', 'program_observations', 'seniority', 'taxon_species', 'site_visits')),
  -- program_observations: required; taxon_species and site_visits: optional (null: everywhere).
  program_id bigint REFERENCES programs (id) ON DELETE CASCADE,
  taxon_rank text CHECK (taxon_rank IN ('class', 'order', 'family')),
  taxon_name text CHECK (length(taxon_name) BETWEEN 1 AND 200),
  threshold integer NOT NULL CHECK (threshold >= 0),
  level smallint NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 100),
  -- {"fr": ..., "en": ..., "de": ...}
  name jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object'),
  description jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(description) = 'object'),
  picture_media_id uuid REFERENCES media (id) ON DELETE SET NULL,
  picture_url text CHECK (picture_url ~ '^(https?://|/)' AND length(picture_url) <= 2000),
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (picture_media_id IS NULL OR picture_url IS NULL),
  CHECK (CASE WHEN kind = 'taxon_species' THEN taxon_rank IS NOT NULL AND taxon_name IS NOT NULL
    ELSE taxon_rank IS NULL AND taxon_name IS NULL END),
  CHECK (kind <> 'program_observations' OR program_id IS NOT NULL),
  CHECK (kind NOT IN ('total_observations', 'seniority') OR program_id IS NULL),
  CHECK (kind = 'seniority' OR threshold >= 1)
);
CREATE INDEX badge_rules_kind_idx ON badge_rules (kind, program_id);

-- Badges earned. awarded_at of a seniority badge is the moment the account reached that age;
-- announced_at is set once the badge was returned to its holder in a response.
CREATE TABLE user_badges (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  rule_id bigint NOT NULL REFERENCES badge_rules (id) ON DELETE CASCADE,
  awarded_at timestamptz NOT NULL DEFAULT now(),
  announced_at timestamptz,
  PRIMARY KEY (user_id, rule_id)
);
CREATE INDEX user_badges_rule_idx ON user_badges (rule_id);
