import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, Geometry, Json, JsonWithDefault } from './columns.js';

/** Taxa and their names, species lists, projects, forms, programmes, areas and sensitivity rules. */

export interface TaxaTable {
  cd_nom: number;
  cd_ref: number;
  rank: string;
  scientific_name: string;
  authority: string | null;
  kingdom: string | null;
  phylum: string | null;
  class: string | null;
  order: string | null;
  family: string | null;
  observer_group: string | null;
  taxref_version: string | null;
  /** taxon_name_key(scientific_name): lower case, no accents (migration 0004). */
  search_key: ColumnType<string, never, never>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VernacularNamesTable {
  id: Generated<number>;
  cd_nom: number;
  lang: string;
  name: string;
  is_preferred: Generated<boolean>;
  search_key: ColumnType<string, never, never>;
}

export interface SpeciesListsTable {
  id: Generated<number>;
  name: string;
  description: Generated<string>;
  taxhub_list_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Every word of the names' search keys, for typo correction (migration 0010). */
export interface TaxonWordsTable {
  word: string;
}

export interface SpeciesListTaxaTable {
  list_id: number;
  cd_nom: number;
  picture_media_id: string | null;
  picture_url: string | null;
  position: Generated<number>;
}

export interface ProjectsTable {
  id: Generated<number>;
  uuid: Generated<string>;
  title: string;
  short_description: Generated<string>;
  long_description: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomFormsTable {
  id: Generated<number>;
  name: string;
  json_schema: Json;
  ui_schema: JsonWithDefault;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProgramsTable {
  id: Generated<number>;
  uuid: Generated<string>;
  slug: string;
  project_id: number | null;
  kind: Generated<'observations' | 'sites'>;
  title: string;
  short_description: Generated<string>;
  long_description: Generated<string>;
  image_media_id: string | null;
  area: Geometry;
  species_list_id: number | null;
  form_id: number | null;
  registration_required: Generated<boolean>;
  starts_on: string | null;
  ends_on: string | null;
  is_active: Generated<boolean>;
  licence: Generated<string>;
  /** Migration 0007: site programmes and badges. */
  visits_by: Generated<'anyone' | 'creator'>;
  badges_enabled: Generated<boolean>;
  leaderboard_enabled: Generated<boolean>;
  public_validated_only: Generated<boolean>;
  /** Migration 0014: every observation is blurred at least at this level. */
  min_sensitivity: Generated<number>;
  /** Migration 0022: observers may record taxa that are not on the species list. */
  allow_off_list: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Migration 0014: a taxon's sensitivity level, everywhere or in one area. */
export interface SensitivityRulesTable {
  id: Generated<number>;
  source: string;
  cd_nom: number;
  level: number;
  area_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AreasTable {
  id: Generated<number>;
  kind: string;
  code: string;
  name: string;
  geom: Geometry;
  created_at: Timestamp;
  updated_at: Timestamp;
}
