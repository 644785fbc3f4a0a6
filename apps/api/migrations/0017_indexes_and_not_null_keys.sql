-- Indexes under the foreign keys of tables that grow with use and point at rows that get deleted.
-- Without them, deleting an account (ON DELETE SET NULL on each) or checking who validated or
-- uploaded what reads the whole of observations, observation_events and media.
CREATE INDEX observations_validated_by_idx ON observations (validated_by);
CREATE INDEX observation_events_actor_idx ON observation_events (actor_id);
CREATE INDEX media_uploaded_by_idx ON media (uploaded_by);
-- Few photos are ever hidden: the index holds only those.
CREATE INDEX media_hidden_by_idx ON media (hidden_by) WHERE hidden_by IS NOT NULL;
-- Every photo deleted checks the species lists' pictures, which are few among many taxa.
CREATE INDEX species_list_taxa_picture_idx ON species_list_taxa (picture_media_id)
  WHERE picture_media_id IS NOT NULL;

-- The search keys are never NULL (taxon_name_key is STRICT over NOT NULL names): say so, as the
-- Kysely types do.
ALTER TABLE taxa ALTER COLUMN search_key SET NOT NULL;
ALTER TABLE vernacular_names ALTER COLUMN search_key SET NOT NULL;
