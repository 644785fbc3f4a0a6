import { createAccountsModule } from './auth/accounts.module.js';
import { createAwardsRepository } from './badges/awards.repository.js';
import { createBadgeRulesService } from './badges/badge-rules.service.js';
import { createBadgesRepository } from './badges/badges.repository.js';
import { createBadgesService } from './badges/badges.service.js';
import type { Config } from './config/config.js';
import type { Database } from './db/database.js';
import { createExportsRepository } from './exports/exports.repository.js';
import { createExportsService } from './exports/exports.js';
import { createTileCache } from './map/tile-cache.js';
import { createTilesService } from './map/tiles.js';
import { createTilesRepository } from './map/tiles.repository.js';
import { createListingRepository } from './observations/listing.repository.js';
import { createListingService } from './observations/listing.service.js';
import { createDataVersions } from './stats/data-versions.repository.js';
import { createStatsRepository } from './stats/stats.repository.js';
import { createStatsService } from './stats/stats.js';
import { createAreasRepository } from './areas/areas.repository.js';
import { createAreasService } from './areas/areas.service.js';
import { createReverseGeocoder } from './areas/reverse-geocoder.js';
import { openMediaStore } from './media/open-media-store.js';
import { createModerationRepository } from './moderation/moderation.repository.js';
import { createModerationService } from './moderation/moderation.service.js';
import { createNotificationsRepository } from './notifications/notifications.repository.js';
import { createNotificationsService } from './notifications/notifications.service.js';
import { notificationsPersonalData } from './notifications/personal-data.repository.js';
import { createSensitivityRepository } from './sensitivity/sensitivity.repository.js';
import { createSensitivityService } from './sensitivity/sensitivity.service.js';
import { createSettingsRepository } from './settings/settings.repository.js';
import { createSettingsService } from './settings/settings.service.js';
import {
  badgesAndCommentsPersonalData,
  sitesPersonalData,
} from './sites/personal-data.repository.js';
import { createValidationRepository } from './validation/validation.repository.js';
import { createValidationHooks } from './validation/validation.hooks.js';
import { createValidationService } from './validation/validation.service.js';
import { createPhotosService } from './media/photos.service.js';
import { createObservationWriteRepository } from './observations/write.repository.js';
import { createObservationWriter } from './observations/write.service.js';
import { createProgramsRepository } from './programs/programs.repository.js';
import { createProgramsService } from './programs/programs.service.js';
import { createSitesRepository } from './sites/sites.repository.js';
import { createSitePhotosRepository } from './sites/site-photos.repository.js';
import { createSiteRules } from './sites/site-rules.js';
import { createSiteTypesRepository } from './sites/site-types.repository.js';
import { createSiteTypesService } from './sites/site-types.service.js';
import { createSitesService } from './sites/sites.service.js';
import { createVisitsRepository } from './sites/visits.repository.js';
import { createVisitsService } from './sites/visits.service.js';
import { createSpeciesListsRepository } from './species-lists/species-lists.repository.js';
import { createSpeciesListsService } from './species-lists/species-lists.service.js';
import { createSpeciesRepository } from './species/species.repository.js';
import { createSpeciesService } from './species/species.service.js';
import { createTaxonomyService } from './taxonomy/taxonomy.service.js';
import { createBackgroundJobs, periodicJob } from './jobs/background-jobs.js';
import { createJobRunsRepository } from './jobs/job-runs.repository.js';
import { createIdempotencyRepository } from './idempotency/idempotency.repository.js';
import { createIdempotency } from './idempotency/idempotency.service.js';

/** Periodic pruning: once an hour across the replicas, each asking every few minutes. */
const HOURLY = { everySeconds: 3_600, askEveryMs: 300_000 };

/** Wires repositories into services: the one place that knows how the domains depend on each other. */
export function createServices(config: Config, database: Database) {
  const { db } = database;
  const mediaStore = openMediaStore(config.media);
  const photos = createPhotosService(db, mediaStore);
  const dataVersions = createDataVersions(db);
  const stats = createStatsService(createStatsRepository(db), dataVersions);
  const programs = createProgramsService(createProgramsRepository(db), stats);
  // Site protocols and badges: the observation writer checks visit links and updates badges.
  const badgesRepository = createBadgesRepository(db);
  const badges = createBadgesService({
    repository: badgesRepository,
    awards: createAwardsRepository(db),
    config,
    // New badges are mailed to those who asked (their notification is written by the award).
    onAwarded: (userId, ruleIds) => notifications.mailBadges(userId, ruleIds),
  });
  const badgeRules = createBadgeRulesService({ repository: badgesRepository, badges });
  const siteTypesRepository = createSiteTypesRepository(db);
  const sitesRepository = createSitesRepository(db);
  const sitePhotos = createSitePhotosRepository(db);
  const visitsRepository = createVisitsRepository(db);
  const siteRules = createSiteRules({
    siteTypes: siteTypesRepository,
    sites: sitesRepository,
    sitePhotos,
    config,
    badges,
  });
  const siteTypes = createSiteTypesService({ repository: siteTypesRepository, rules: siteRules });
  const visits = createVisitsService({
    repository: visitsRepository,
    sitePhotos,
    photos,
    rules: siteRules,
  });
  const sites = createSitesService({
    repository: sitesRepository,
    sitePhotos,
    visitRows: visitsRepository,
    visits,
    photos,
    rules: siteRules,
  });
  const areas = createAreasService(createAreasRepository(db));
  const taxonomy = createTaxonomyService(db, config);
  const speciesLists = createSpeciesListsService(createSpeciesListsRepository(db));
  const sensitivity = createSensitivityService(createSensitivityRepository(db));
  const settings = createSettingsService(createSettingsRepository(db), photos, config);
  const accounts = createAccountsModule(config, db, { mediaStore, photos });
  accounts.personalData.addSource(sitesPersonalData(db));
  accounts.personalData.addSource(badgesAndCommentsPersonalData(db));
  accounts.personalData.addSource(notificationsPersonalData(db));
  const notifications = createNotificationsService(
    createNotificationsRepository(db),
    accounts.mailer,
    config,
  );
  const validationRepository = createValidationRepository(db);
  const validation = createValidationService(
    validationRepository,
    createValidationHooks(
      validationRepository,
      accounts.mailer,
      accounts.audit,
      badges,
      config,
      notifications,
    ),
  );
  const observationWrites = createObservationWriteRepository(db);
  const observationWriter = createObservationWriter({
    repository: observationWrites,
    photos,
    config,
    reverseGeocoder: config.reverseGeocoderUrl
      ? createReverseGeocoder(config.reverseGeocoderUrl)
      : null,
    visits,
    badges,
    // A judged observation whose taxon, date, place, count or photos change is judged again.
    review: validation,
  });
  const moderation = createModerationService({
    repository: createModerationRepository(db),
    observations: observationWrites,
    photos,
    audit: accounts.audit,
    badges,
  });
  // Reading back: listing, map tiles, statistics, exports.
  const serialPlans = database.engine === 'postgres';
  const listing = createListingService(createListingRepository(db, { serialPlans }));
  const tiles = createTilesService(
    createTilesRepository(db, { serialPlans }),
    dataVersions,
    listing,
    createTileCache(),
  );
  const exports = createExportsService(createExportsRepository(db), listing, config);
  const species = createSpeciesService(createSpeciesRepository(db));
  const idempotency = createIdempotency(createIdempotencyRepository(db));
  const jobs = createBackgroundJobs();
  jobs.add(
    periodicJob(createJobRunsRepository(db), 'idempotency-prune', HOURLY, () =>
      idempotency.prune(),
    ),
  );
  jobs.add(
    periodicJob(createJobRunsRepository(db), 'notifications-prune', HOURLY, () =>
      notifications.prune(),
    ),
  );
  return {
    config,
    database,
    mediaStore,
    photos,
    programs,
    observationWriter,
    badges,
    notifications,
    badgeRules,
    sites,
    siteTypes,
    visits,
    areas,
    settings,
    validation,
    moderation,
    taxonomy,
    speciesLists,
    sensitivity,
    accounts,
    listing,
    tiles,
    stats,
    exports,
    species,
    idempotency,
    /** Filled by the domains as the app is built (see jobs/background-jobs.ts). */
    jobs,
  };
}

export type Services = ReturnType<typeof createServices>;
