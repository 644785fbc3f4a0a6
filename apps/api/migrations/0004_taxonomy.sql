-- Taxonomy: search keys and a word dictionary for accent- and case-insensitive autocomplete with
-- typo correction, species list pictures, and the link from a species list to a TaxHub list.

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
-- (key >= 'mer' AND key < 'mer~'). The GIN indexes on the words of a key find the names that
-- contain given words, in any order ("europe" -> "Épervier d'Europe"). Their pending list is off:
-- after an import it would have to be read by every search until a vacuum merged it.
ALTER TABLE taxa
  ADD COLUMN search_key text COLLATE "C" GENERATED ALWAYS AS (taxon_name_key(scientific_name)) STORED;
CREATE INDEX taxa_search_key_idx ON taxa (search_key);
CREATE INDEX taxa_search_words_idx ON taxa USING gin (string_to_array(search_key, ' '))
  WITH (fastupdate = off);

ALTER TABLE vernacular_names
  ADD COLUMN search_key text COLLATE "C" GENERATED ALWAYS AS (taxon_name_key(name)) STORED;
CREATE INDEX vernacular_names_search_key_idx ON vernacular_names (lang, search_key);
CREATE INDEX vernacular_names_search_words_idx ON vernacular_names
  USING gin (string_to_array(search_key, ' ')) WITH (fastupdate = off);

-- Every word of every name. Typos are corrected word by word against this dictionary, which is
-- far smaller than the names: a trigram index on it answers in a few milliseconds, where one on
-- whole names must weigh thousands of names sharing common words ("de", "commun", "d'Europe").
-- Words are only added (a word left by a renamed taxon is harmless).
CREATE TABLE taxon_words (word text COLLATE "C" PRIMARY KEY);
CREATE INDEX taxon_words_trgm_idx ON taxon_words USING gin (word gin_trgm_ops)
  WITH (fastupdate = off);

CREATE FUNCTION taxon_words_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO taxon_words (word)
  SELECT DISTINCT w FROM new_rows, unnest(string_to_array(new_rows.search_key, ' ')) AS w
  WHERE length(w) >= 2
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
-- (A trigger with a transition table may fire on one event only.)
CREATE TRIGGER taxa_words_insert AFTER INSERT ON taxa
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION taxon_words_add();
CREATE TRIGGER taxa_words_update AFTER UPDATE ON taxa
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION taxon_words_add();
CREATE TRIGGER vernacular_names_words_insert AFTER INSERT ON vernacular_names
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION taxon_words_add();
CREATE TRIGGER vernacular_names_words_update AFTER UPDATE ON vernacular_names
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION taxon_words_add();

INSERT INTO taxon_words (word)
SELECT DISTINCT w
FROM (SELECT search_key FROM taxa UNION ALL SELECT search_key FROM vernacular_names) AS names,
  unnest(string_to_array(names.search_key, ' ')) AS w
WHERE length(w) >= 2
ON CONFLICT DO NOTHING;

-- A list's picture of a taxon is either an uploaded media or an external URL.
ALTER TABLE species_list_taxa
  ADD COLUMN picture_url text CHECK (picture_url ~ '^(https?://|/)' AND length(picture_url) <= 2000),
  ADD CONSTRAINT species_list_taxa_one_picture CHECK (picture_media_id IS NULL OR picture_url IS NULL);
CREATE INDEX species_list_taxa_cd_nom_idx ON species_list_taxa (cd_nom);

-- When the taxonomy is served by a TaxHub server (TAXHUB_URL), the TaxHub list (id_liste) that
-- this list stands for.
ALTER TABLE species_lists ADD COLUMN taxhub_list_id integer CHECK (taxhub_list_id > 0);
