import type { Generated } from 'kysely';
import type { Timestamp, Geometry, Json, JsonWithDefault } from './columns.js';

/** Observations and what is kept of them for the map (cells, facets, versions), their events, sites and visits, badges. */

export type ValidationStatus =
  'pending' | 'certain' | 'probable' | 'doubtful' | 'invalid' | 'not_assessable';

export interface ObservationsTable {
  id: Generated<string>;
  program_id: number;
  cd_nom: number;
  observed_on: string;
  observed_time: string | null;
  count: Generated<number>;
  comment: string | null;
  geom: Geometry;
  coordinate_uncertainty_m: number | null;
  municipality: string | null;
  municipality_code: string | null;
  custom_data: JsonWithDefault;
  observer_id: number | null;
  observer_name: string | null;
  contact_email: string | null;
  /** Migration 0007: the site visit it was recorded during. */
  visit_id: number | null;
  validation_status: Generated<ValidationStatus>;
  validated_by: number | null;
  validated_at: Date | null;
  validation_reason: ValidationReason | null;
  validation_comment: string | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Migration 0005: the point the public sees (public_point()), kept by a trigger. */
  public_geom: Generated<Geometry>;
  /** Migration 0009: whether the public sees it (not hidden, validated if required), kept by a trigger. */
  is_public: Generated<boolean>;
  /** Migration 0011: the public point's cell at quadtree level 24 and its Morton key, kept by a trigger. */
  public_mx: Generated<number>;
  public_my: Generated<number>;
  public_key: Generated<number>;
  /** Migration 0014: the observer asked to blur it. */
  obscured: Generated<boolean>;
  /** Migration 0014: the effective level (rules, programme, observer), kept by a trigger. */
  sensitivity: Generated<number>;
  /** Migration 0018: the name the observer picked (imported from GeoNature-citizen). */
  verbatim_identification: string | null;
  /** Migration 0022: its taxon is not on the programme's species list. */
  off_list: Generated<boolean>;
}

/** Migration 0005: a programme's data version, changed by triggers on any change to its observations. */
export interface ProgramDataVersionsTable {
  program_id: number;
  version: number;
  changed_at: Timestamp;
}

/** Migration 0005: observation counts per map cell (quadtree level 4 to 16), kept by triggers. */
export interface ObservationCellsTable {
  program_id: number;
  exact: boolean;
  level: number;
  cx: number;
  cy: number;
  n: number;
  su: number;
  sv: number;
}

/**
 * Migration 0024: observation counts per map cell (levels 8 and 12), taxon (0: every taxon),
 * validation status and year, kept by triggers.
 */
export interface ObservationCellFacetsTable {
  program_id: number;
  exact: boolean;
  level: number;
  cd_nom: number;
  validation_status: string;
  year: number;
  cx: number;
  cy: number;
  n: number;
  su: number;
  sv: number;
}

export interface ObservationCellStatusYearsTable {
  program_id: number;
  exact: boolean;
  level: number;
  key: number;
  validation_status: string;
  year: number;
  cx: number;
  cy: number;
  n: number;
  su: number;
  sv: number;
}

export interface ObservationMediaTable {
  observation_id: string;
  media_id: string;
  position: Generated<number>;
}

export type ValidationReason =
  | 'misidentified'
  | 'insufficient_evidence'
  | 'implausible_place_or_date'
  | 'duplicate'
  | 'not_wild'
  | 'other';

export interface ObservationEventsTable {
  id: Generated<number>;
  observation_id: string;
  actor_id: number | null;
  kind:
    | 'validated'
    | 'reidentified'
    | 'question'
    | 'answer'
    | 'hidden'
    | 'unhidden'
    | 'photo_removed'
    | 'edited';
  from_status: string | null;
  to_status: string | null;
  from_cd_nom: number | null;
  to_cd_nom: number | null;
  reason: string | null;
  comment: string | null;
  created_at: Timestamp;
}

export interface SiteTypesTable {
  id: Generated<number>;
  program_id: number;
  name: string;
  description: Generated<string>;
  pictogram_url: string | null;
  site_form_id: number | null;
  visit_form_id: number | null;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SitesTable {
  id: Generated<number>;
  uuid: Generated<string>;
  program_id: number;
  site_type_id: number;
  name: string;
  geom: Geometry;
  custom_data: JsonWithDefault;
  creator_id: number | null;
  creator_name: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SiteMediaTable {
  site_id: number;
  media_id: string;
  position: Generated<number>;
}

export interface VisitsTable {
  id: Generated<number>;
  uuid: Generated<string>;
  site_id: number;
  visited_on: string;
  visited_time: string | null;
  comment: string | null;
  custom_data: JsonWithDefault;
  observer_id: number | null;
  observer_name: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VisitMediaTable {
  visit_id: number;
  media_id: string;
  position: Generated<number>;
}

export type BadgeKind =
  'total_observations' | 'program_observations' | 'seniority' | 'taxon_species' | 'site_visits';

export interface BadgeRulesTable {
  id: Generated<number>;
  kind: BadgeKind;
  program_id: number | null;
  taxon_rank: 'class' | 'order' | 'family' | null;
  taxon_name: string | null;
  threshold: number;
  level: Generated<number>;
  name: Json;
  description: JsonWithDefault;
  picture_media_id: string | null;
  picture_url: string | null;
  is_active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserBadgesTable {
  user_id: number;
  rule_id: number;
  awarded_at: Timestamp;
  announced_at: Timestamp | null;
}
