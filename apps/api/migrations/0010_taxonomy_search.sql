-- Taxon autocomplete under 20 ms on a taxonomy of realistic size (bench/autocomplete.bench.mjs).
-- Trigram indexes on whole names (0004) are slow when thousands of names share common words
-- ("de", "commun", "d'Europe"): typos are now corrected word by word against a dictionary of the
-- words of all names, and names are found by their words.
DROP INDEX taxa_search_key_trgm_idx;
DROP INDEX vernacular_names_search_key_trgm_idx;

-- The names that contain given words, in any order ("europe" -> "Épervier d'Europe"). No pending
-- list: after an import it would have to be read by every search until a vacuum merged it.
CREATE INDEX taxa_search_words_idx ON taxa USING gin (string_to_array(search_key, ' '))
  WITH (fastupdate = off);
CREATE INDEX vernacular_names_search_words_idx ON vernacular_names
  USING gin (string_to_array(search_key, ' ')) WITH (fastupdate = off);

-- Every word of every name: far fewer rows than names, so a trigram index on it answers in a few
-- milliseconds. Words are only added (a word left by a renamed taxon is harmless).
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
