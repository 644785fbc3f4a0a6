-- A taxon's public observations by map key (0011), so that the tiles of a taxon that show points
-- (1000 or fewer), and the zoom 9-12 tiles that count its cells from the observations, read the
-- tile's rows of that taxon alone: a few ranges of keys bound the scan and the cell columns
-- (public_mx, public_my) leave out, within the index, the rows of those ranges outside the tile.
-- Without it a common taxon was read in full (its cd_nom index: ~80,000 rows at 1,000,000
-- observations for a tile of 346). A btree rather than a GiST index on (cd_nom, public_geom),
-- which needs btree_gist, an extension the embedded engine does not load.
CREATE INDEX observations_public_taxon_key_idx
  ON observations (program_id, cd_nom, public_key, public_mx, public_my) WHERE is_public;
