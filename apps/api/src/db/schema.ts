import type { ColumnType, Generated } from 'kysely';

/** Table types for Kysely; they follow migrations/*.sql. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A timestamp with no default: every insert gives it. */
type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
/** A PostGIS geometry: written with sql<string>`ST_...`, read with ST_AsGeoJSON. */
type Geometry = string;
type Json = ColumnType<unknown, string, string>;
type JsonWithDefault = ColumnType<unknown, string | undefined, string>;

export type ValidationStatus =
  'pending' | 'certain' | 'probable' | 'doubtful' | 'invalid' | 'not_assessable';

export type Role = 'observer' | 'validator' | 'admin';

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  email: string;
  display_name: string | null;
  password_hash: string | null;
  role: Generated<Role>;
  is_active: Generated<boolean>;
  email_confirmed_at: Date | null;
  locale: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  avatar_key: string | null;
  notify_by_email: Generated<boolean>;
  terms_accepted_at: Timestamp | null;
  last_login_at: Timestamp | null;
  /** Migration 0007: left out of every leaderboard. */
  hide_from_leaderboards: Generated<boolean>;
  /** Migration 0021: mail a validator's question (on by default) and a new badge (off). */
  mail_on_question: Generated<boolean>;
  mail_on_badge: Generated<boolean>;
}

export type SessionTransport = 'cookie' | 'bearer';

export interface SessionsTable {
  id: Generated<string>;
  user_id: number;
  transport: SessionTransport;
  user_agent: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
}

export interface SessionTokensTable {
  token_hash: string;
  session_id: string;
  kind: 'access' | 'refresh';
  expires_at: RequiredTimestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export type AccountTokenPurpose = 'confirm_email' | 'reset_password' | 'change_email';

export interface AccountTokensTable {
  token_hash: string;
  user_id: number;
  purpose: AccountTokenPurpose;
  new_email: string | null;
  expires_at: RequiredTimestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface MailOutboxTable {
  id: Generated<number>;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  created_at: Timestamp;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  failed_at: Timestamp | null;
}

/** Migration 0019: rate-limit windows shared by every API process. */
export interface RateLimitCountersTable {
  key: string;
  hits: number;
  resets_at: RequiredTimestamp;
}

/** Migration 0019: when each background job last ran, across the replicas. */
export interface JobRunsTable {
  name: string;
  last_started_at: RequiredTimestamp;
  last_finished_at: Timestamp | null;
}

/** Migration 0020: an Idempotency-Key and what its first request created. */
export interface IdempotencyKeysTable {
  /** Null for an anonymous request. */
  user_id: number | null;
  key: string;
  operation: string;
  fingerprint: string;
  resource_id: string;
  created_at: Timestamp;
}

/** Migration 0016: wrong passwords per login and source (client address or known device). */
export interface LoginFailuresTable {
  login: string;
  source: string;
  failures: number;
  blocked_until: Timestamp | null;
  last_failed_at: Timestamp;
}

/** Migration 0016: devices that logged in to an account (their cookie token's hash). */
export interface LoginDevicesTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp;
}

export type AccountMailKind = 'reset_password' | 'confirm_email';

/** Migrations 0016, 0027: account mails asked for by address, waiting for the background worker. */
export interface AccountMailRequestsTable {
  id: Generated<number>;
  kind: AccountMailKind;
  email: string;
  ip: string | null;
  requested_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  event: string;
  user_id: number | null;
  actor_id: number | null;
  ip: string | null;
  details: JsonWithDefault;
}

export interface MediaTable {
  id: Generated<string>;
  storage_key: string;
  mime_type: string;
  byte_size: number;
  width: number | null;
  height: number | null;
  author: string | null;
  licence: string | null;
  uploaded_by: number | null;
  original_name: string | null;
  taken_at: Date | null;
  variants: Generated<string[]>;
  created_at: Timestamp;
  /** Moderation (0013): hidden from every list, served only to the observer and experts. */
  hidden_at: Date | null;
  hidden_reason: string | null;
  hidden_by: number | null;
}

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

export interface AreasTable {
  id: Generated<number>;
  kind: string;
  code: string;
  name: string;
  geom: Geometry;
  created_at: Timestamp;
  updated_at: Timestamp;
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

export interface SiteSettingsTable {
  id: Generated<boolean>;
  value: JsonWithDefault;
  updated_at: Timestamp;
}

export interface CustomPagesTable {
  slug: string;
  title: Json;
  body: Json;
  in_menu: Generated<boolean>;
  position: Generated<number>;
  updated_at: Timestamp;
}

// Migration 0007: site protocols and badges.

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

export type NotificationKind = 'validated' | 'reidentified' | 'question' | 'badge';

/** Migration 0021: what a user is told in the app (observations judged or asked about, badges). */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: NotificationKind;
  observation_id: string | null;
  badge_rule_id: number | null;
  status: string | null;
  comment: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

/** Migration 0018: which Citizen row each row imported from GeoNature-citizen became. */
export interface GncImportMapTable {
  gnc_table: string;
  gnc_id: string;
  citizen_id: string;
  imported_at: Timestamp;
}

export interface DB {
  site_types: SiteTypesTable;
  sites: SitesTable;
  site_media: SiteMediaTable;
  visits: VisitsTable;
  visit_media: VisitMediaTable;
  badge_rules: BadgeRulesTable;
  user_badges: UserBadgesTable;
  notifications: NotificationsTable;
  observation_events: ObservationEventsTable;
  site_settings: SiteSettingsTable;
  custom_pages: CustomPagesTable;
  areas: AreasTable;
  schema_migrations: SchemaMigrationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  session_tokens: SessionTokensTable;
  account_tokens: AccountTokensTable;
  mail_outbox: MailOutboxTable;
  login_failures: LoginFailuresTable;
  rate_limit_counters: RateLimitCountersTable;
  job_runs: JobRunsTable;
  idempotency_keys: IdempotencyKeysTable;
  login_devices: LoginDevicesTable;
  account_mail_requests: AccountMailRequestsTable;
  audit_log: AuditLogTable;
  media: MediaTable;
  taxa: TaxaTable;
  sensitivity_rules: SensitivityRulesTable;
  vernacular_names: VernacularNamesTable;
  species_lists: SpeciesListsTable;
  species_list_taxa: SpeciesListTaxaTable;
  taxon_words: TaxonWordsTable;
  projects: ProjectsTable;
  custom_forms: CustomFormsTable;
  programs: ProgramsTable;
  observations: ObservationsTable;
  observation_media: ObservationMediaTable;
  program_data_versions: ProgramDataVersionsTable;
  observation_cells: ObservationCellsTable;
  observation_cell_facets: ObservationCellFacetsTable;
  observation_cell_status_years: ObservationCellStatusYearsTable;
  gnc_import_map: GncImportMapTable;
}
