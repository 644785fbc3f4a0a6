import type {
  AreasTable,
  CustomFormsTable,
  ProgramsTable,
  ProjectsTable,
  SensitivityRulesTable,
  SpeciesListTaxaTable,
  SpeciesListsTable,
  TaxaTable,
  TaxonWordsTable,
  VernacularNamesTable,
} from './schema/catalogue.js';
import type {
  BadgeRulesTable,
  ObservationCellFacetsTable,
  ObservationCellStatusYearsTable,
  ObservationCellsTable,
  ObservationEventsTable,
  ObservationMediaTable,
  ObservationsTable,
  ProgramDataVersionsTable,
  SiteMediaTable,
  SiteTypesTable,
  SitesTable,
  UserBadgesTable,
  VisitMediaTable,
  VisitsTable,
} from './schema/observations.js';
import type {
  AccountMailRequestsTable,
  AccountTokensTable,
  AuditLogTable,
  CustomPagesTable,
  GncImportMapTable,
  IdempotencyKeysTable,
  JobRunsTable,
  LoginDevicesTable,
  LoginFailuresTable,
  MailOutboxTable,
  MediaTable,
  NotificationsTable,
  RateLimitCountersTable,
  SchemaMigrationsTable,
  SessionTokensTable,
  SessionsTable,
  SiteSettingsTable,
  UsersTable,
} from './schema/platform.js';

export type * from './schema/catalogue.js';
export type * from './schema/observations.js';
export type * from './schema/platform.js';

/**
 * Table types for Kysely; they follow migrations/*.sql (a test checks them against the migrated
 * database). The tables are written in schema/, by domain.
 */
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
