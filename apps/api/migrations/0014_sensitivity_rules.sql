-- Sensitive species set by operators. Rules (a taxon, a level, optionally an area) live in their
-- own table, so taxonomy imports and TaxHub never touch them; a programme may blur all its
-- observations at least at some level, and an observer may obscure one observation. Each
-- observation stores its effective level (the strictest of these) in observations.sensitivity,
-- and its public point (0005, 0011) follows that level. Levels as in public_point() (0001):
-- 0 exact, 1, 2, 3 the centre of a 1, 5 or 10 km grid cell.

CREATE TABLE sensitivity_rules (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Who set the rule: 'manual' (the back office) or the name of an imported file ('national'…).
  -- An import replaces the rules of its source only.
  source text NOT NULL CHECK (source ~ '^[a-z0-9][a-z0-9_.-]{0,59}$'),
  -- Any TAXREF cd_nom, in the taxonomy or not: the rule applies to every name of its accepted taxon.
  cd_nom integer NOT NULL CHECK (cd_nom > 0),
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
  -- NULL: everywhere; else only to points inside this area (deleting the area is refused).
  area_id bigint REFERENCES areas (id) ON DELETE RESTRICT,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sensitivity_rules_key ON sensitivity_rules (source, cd_nom, coalesce(area_id, 0));
CREATE INDEX sensitivity_rules_cd_nom_idx ON sensitivity_rules (cd_nom);
CREATE INDEX sensitivity_rules_area_idx ON sensitivity_rules (area_id) WHERE area_id IS NOT NULL;

ALTER TABLE programs
  ADD COLUMN min_sensitivity smallint NOT NULL DEFAULT 0 CHECK (min_sensitivity BETWEEN 0 AND 3);
ALTER TABLE observations
  ADD COLUMN obscured boolean NOT NULL DEFAULT false,
  ADD COLUMN sensitivity smallint NOT NULL DEFAULT 0 CHECK (sensitivity BETWEEN 0 AND 3);

-- The levels set so far (by the demo) become back-office rules; the observations keep their
-- public point, so nothing that outputs show moves.
INSERT INTO sensitivity_rules (source, cd_nom, level)
SELECT 'manual', cd_nom, sensitivity FROM taxa WHERE sensitivity > 0;
ALTER TABLE observations DISABLE TRIGGER observations_public_geom;
ALTER TABLE observations DISABLE TRIGGER observations_changes_update;
UPDATE observations o SET sensitivity = t.sensitivity
FROM taxa t WHERE t.cd_nom = o.cd_nom AND t.sensitivity > 0;
ALTER TABLE observations ENABLE TRIGGER observations_changes_update;
ALTER TABLE observations ENABLE TRIGGER observations_public_geom;
DROP TRIGGER taxa_sensitivity ON taxa;
DROP FUNCTION taxa_sensitivity_changed();
ALTER TABLE taxa DROP COLUMN sensitivity;

-- The strictest rule of a taxon at a point: rules on any name sharing its accepted name
-- (cd_ref), everywhere or for an area containing the point (none when the point is NULL).
-- PL/pgSQL, as the next function, so that their plans are kept between the rows of a statement.
CREATE FUNCTION taxon_sensitivity(p_cd_nom integer, p_geom geometry) RETURNS smallint
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  accepted integer := coalesce((SELECT t.cd_ref FROM taxa t WHERE t.cd_nom = p_cd_nom), p_cd_nom);
BEGIN
  RETURN coalesce((
    SELECT max(r.level)
    FROM (SELECT accepted AS cd_nom UNION SELECT s.cd_nom FROM taxa s WHERE s.cd_ref = accepted)
      AS names
    JOIN sensitivity_rules r ON r.cd_nom = names.cd_nom
    LEFT JOIN areas a ON a.id = r.area_id
    WHERE r.area_id IS NULL OR ST_Intersects(a.geom, p_geom)), 0);
END
$$;

-- The level of an observation: its taxon's rules, its programme's floor, the observer's choice
-- (obscured: the strongest level, as iNaturalist's obscuring is about as coarse).
CREATE FUNCTION observation_sensitivity(
  p_cd_nom integer, p_geom geometry, p_program_id bigint, p_obscured boolean
) RETURNS smallint
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  RETURN greatest(
    taxon_sensitivity(p_cd_nom, p_geom),
    coalesce((SELECT p.min_sensitivity FROM programs p WHERE p.id = p_program_id), 0),
    CASE WHEN p_obscured THEN 3 ELSE 0 END);
END
$$;

-- Replaces 0011's function: the level, then the public point and its map keys.
CREATE OR REPLACE FUNCTION observations_set_public_geom() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.sensitivity := observation_sensitivity(NEW.cd_nom, NEW.geom, NEW.program_id, NEW.obscured);
  NEW.public_geom := public_point(NEW.geom, NEW.sensitivity);
  NEW.public_mx := least(floor(mercator_u(NEW.public_geom) * 16777216), 16777215)::int;
  NEW.public_my := least(floor(mercator_v(NEW.public_geom) * 16777216), 16777215)::int;
  NEW.public_key := morton_key(NEW.public_mx, NEW.public_my);
  RETURN NEW;
END
$$;
DROP TRIGGER observations_public_geom ON observations;
CREATE TRIGGER observations_public_geom
BEFORE INSERT OR UPDATE OF geom, cd_nom, program_id, obscured, sensitivity, public_geom, public_mx,
  public_my, public_key ON observations
FOR EACH ROW EXECUTE FUNCTION observations_set_public_geom();

-- Re-applies the rules to the observations of these names' accepted taxa, writing only those
-- whose level changes (their public point moves and their programme's data version advances:
-- 0005's triggers).
CREATE FUNCTION observations_reapply_sensitivity(p_cd_noms integer[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE observations o SET sensitivity = c.level
  FROM (
    SELECT x.id, x.sensitivity,
      observation_sensitivity(x.cd_nom, x.geom, x.program_id, x.obscured) AS level
    FROM observations x
    WHERE x.cd_nom IN (
      SELECT t.cd_nom FROM taxa t WHERE t.cd_ref IN (
        SELECT coalesce((SELECT n.cd_ref FROM taxa n WHERE n.cd_nom = c.cd_nom), c.cd_nom)
        FROM unnest(p_cd_noms) AS c (cd_nom)))
  ) AS c
  WHERE o.id = c.id AND c.level <> c.sensitivity
$$;

CREATE FUNCTION sensitivity_rules_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM observations_reapply_sensitivity(ARRAY(SELECT DISTINCT cd_nom FROM new_rules));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM observations_reapply_sensitivity(ARRAY(SELECT DISTINCT cd_nom FROM old_rules));
  ELSE
    PERFORM observations_reapply_sensitivity(ARRAY(
      SELECT cd_nom FROM new_rules UNION SELECT cd_nom FROM old_rules));
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER sensitivity_rules_insert AFTER INSERT ON sensitivity_rules
REFERENCING NEW TABLE AS new_rules
FOR EACH STATEMENT EXECUTE FUNCTION sensitivity_rules_changed();
CREATE TRIGGER sensitivity_rules_update AFTER UPDATE ON sensitivity_rules
REFERENCING OLD TABLE AS old_rules NEW TABLE AS new_rules
FOR EACH STATEMENT EXECUTE FUNCTION sensitivity_rules_changed();
CREATE TRIGGER sensitivity_rules_delete AFTER DELETE ON sensitivity_rules
REFERENCING OLD TABLE AS old_rules
FOR EACH STATEMENT EXECUTE FUNCTION sensitivity_rules_changed();

CREATE FUNCTION programs_min_sensitivity_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE observations o SET sensitivity = c.level
  FROM (
    SELECT x.id, x.sensitivity,
      observation_sensitivity(x.cd_nom, x.geom, x.program_id, x.obscured) AS level
    FROM observations x WHERE x.program_id = NEW.id
  ) AS c
  WHERE o.id = c.id AND c.level <> c.sensitivity;
  RETURN NULL;
END
$$;
CREATE TRIGGER programs_min_sensitivity AFTER UPDATE OF min_sensitivity ON programs
FOR EACH ROW WHEN (OLD.min_sensitivity IS DISTINCT FROM NEW.min_sensitivity)
EXECUTE FUNCTION programs_min_sensitivity_changed();

-- A taxonomy import that moves a name to another accepted taxon, or brings the accepted name of
-- a rule's cd_nom, changes which observations the rule covers.
CREATE FUNCTION taxa_sensitivity_groups_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM observations_reapply_sensitivity(ARRAY(
      SELECT n.cd_nom FROM new_taxa n WHERE n.cd_nom IN (SELECT cd_nom FROM sensitivity_rules)));
  ELSE
    PERFORM observations_reapply_sensitivity(ARRAY(
      SELECT unnest(ARRAY[n.cd_ref, o.cd_ref])
      FROM new_taxa n JOIN old_taxa o ON o.cd_nom = n.cd_nom
      WHERE n.cd_ref <> o.cd_ref));
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER taxa_sensitivity_insert AFTER INSERT ON taxa
REFERENCING NEW TABLE AS new_taxa
FOR EACH STATEMENT EXECUTE FUNCTION taxa_sensitivity_groups_changed();
CREATE TRIGGER taxa_sensitivity_update AFTER UPDATE ON taxa
REFERENCING OLD TABLE AS old_taxa NEW TABLE AS new_taxa
FOR EACH STATEMENT EXECUTE FUNCTION taxa_sensitivity_groups_changed();

-- A re-imported area with another shape changes which observations its rules cover.
CREATE FUNCTION areas_sensitivity_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM observations_reapply_sensitivity(ARRAY(
    SELECT r.cd_nom FROM sensitivity_rules r
    JOIN new_areas n ON n.id = r.area_id JOIN old_areas o ON o.id = n.id
    WHERE n.geom IS DISTINCT FROM o.geom));
  RETURN NULL;
END
$$;
CREATE TRIGGER areas_sensitivity AFTER UPDATE ON areas
REFERENCING OLD TABLE AS old_areas NEW TABLE AS new_areas
FOR EACH STATEMENT EXECUTE FUNCTION areas_sensitivity_changed();
