-- Taxonomy: search keys for accent- and case-insensitive autocomplete, species list pictures,
-- and the link from a species list to a TaxHub list.

-- unaccent() is only STABLE (its dictionary could change), so it cannot be used in an index or a
-- generated column. Naming the dictionary explicitly makes the result fixed: IMMUTABLE is safe.
CREATE FUNCTION immutable_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT public.unaccent('public.unaccent'::regdictionary, $1)
$$;

-- The form every name is compared in: no accents, lower case, words of letters and digits
-- separated by one space ("Épervier d'Europe" -> "epervier d europe"). Accents go before lower()
-- so that it works in the C locale too.
CREATE FUNCTION taxon_name_key(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT trim(regexp_replace(lower(public.immutable_unaccent($1)), '[^a-z0-9]+', ' ', 'g'))
$$;

-- The C collation orders keys byte by byte, so a prefix is one range scan of a B-tree
-- (key >= 'mer' AND key < 'mer~'); the trigram indexes serve word prefixes and typos.
ALTER TABLE taxa
  ADD COLUMN search_key text COLLATE "C" GENERATED ALWAYS AS (taxon_name_key(scientific_name)) STORED;
CREATE INDEX taxa_search_key_idx ON taxa (search_key);
CREATE INDEX taxa_search_key_trgm_idx ON taxa USING gin (search_key gin_trgm_ops);

ALTER TABLE vernacular_names
  ADD COLUMN search_key text COLLATE "C" GENERATED ALWAYS AS (taxon_name_key(name)) STORED;
CREATE INDEX vernacular_names_search_key_idx ON vernacular_names (lang, search_key);
CREATE INDEX vernacular_names_search_key_trgm_idx ON vernacular_names USING gin (search_key gin_trgm_ops);

-- A list's picture of a taxon is either an uploaded media or an external URL.
ALTER TABLE species_list_taxa
  ADD COLUMN picture_url text CHECK (picture_url ~ '^(https?://|/)' AND length(picture_url) <= 2000),
  ADD CONSTRAINT species_list_taxa_one_picture CHECK (picture_media_id IS NULL OR picture_url IS NULL);
CREATE INDEX species_list_taxa_cd_nom_idx ON species_list_taxa (cd_nom);

-- When the taxonomy is served by a TaxHub server (TAXHUB_URL), the TaxHub list (id_liste) that
-- this list stands for.
ALTER TABLE species_lists ADD COLUMN taxhub_list_id integer CHECK (taxhub_list_id > 0);
