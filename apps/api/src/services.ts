import { createAccountsModule } from './auth/accounts.module.js';
import { createBadgesService } from './badges/badges.service.js';
import type { Config } from './config/config.js';
import type { Database } from './db/database.js';
import { createExportsService } from './exports/exports.js';
import { createTilesService } from './map/tiles.js';
import { createListingRepository, createListingService } from './observations/listing.js';
import { createDataVersions } from './stats/data-versions.js';
import { createStatsService } from './stats/stats.js';
import { createAreasService } from './areas/areas.service.js';
import { createReverseGeocoder } from './areas/reverse-geocoder.js';
import { createMediaStore } from './media/media-store.js';
import { createModerationService } from './moderation/moderation.service.js';
import { createSensitivityRepository } from './sensitivity/sensitivity.repository.js';
import { createSensitivityService } from './sensitivity/sensitivity.service.js';
import { createSettingsService } from './settings/settings.service.js';
import { badgesAndCommentsPersonalData, sitesPersonalData } from './sites/personal-data.js';
import { createValidationRepository } from './validation/validation.repository.js';
import { createValidationHooks } from './validation/validation.hooks.js';
import { createValidationService } from './validation/validation.service.js';
import { createPhotosService } from './media/photos.service.js';
import { createObservationWriteRepository } from './observations/write.repository.js';
import { createObservationWriter } from './observations/write.service.js';
import { createProgramsRepository } from './programs/programs.repository.js';
import { createProgramsService } from './programs/programs.service.js';
import { createSitesRepository } from './sites/sites.repository.js';
import { createSitesService } from './sites/sites.service.js';
import { createSpeciesListsService } from './species-lists/species-lists.service.js';
import { createTaxonomyService } from './taxonomy/taxonomy.service.js';

/** Wires repositories into services: the one place that knows how the domains depend on each other. */
export function createServices(config: Config, database: Database) {
  const { db } = database;
  const mediaStore = createMediaStore(config.mediaDir);
  const photos = createPhotosService(db, mediaStore);
  const programs = createProgramsService(createProgramsRepository(db));
  // Site protocols and badges: the observation writer checks visit links and updates badges.
  const badges = createBadgesService({ db, config });
  const sites = createSitesService({
    repository: createSitesRepository(db),
    photos,
    config,
    badges,
  });
  const areas = createAreasService(db);
  const taxonomy = createTaxonomyService(db, config);
  const speciesLists = createSpeciesListsService(db);
  const sensitivity = createSensitivityService(createSensitivityRepository(db));
  const settings = createSettingsService(db, config);
  const accounts = createAccountsModule(config, db, { mediaStore, photos });
  accounts.personalData.addSource(sitesPersonalData(db));
  accounts.personalData.addSource(badgesAndCommentsPersonalData(db));
  const validationRepository = createValidationRepository(db);
  const validation = createValidationService(
    validationRepository,
    createValidationHooks(validationRepository, accounts.mailer, accounts.audit, badges, config),
  );
  const observationWriter = createObservationWriter({
    repository: createObservationWriteRepository(db),
    photos,
    config,
    reverseGeocoder: config.reverseGeocoderUrl
      ? createReverseGeocoder(config.reverseGeocoderUrl)
      : null,
    visits: sites,
    badges,
    // A judged observation whose taxon, date, place, count or photos change is judged again.
    review: validation,
  });
  const moderation = createModerationService({ db, photos, audit: accounts.audit, badges });
  // Reading back: listing, map tiles, statistics, exports.
  const serialPlans = database.engine === 'postgres';
  const listing = createListingService(createListingRepository(db, { serialPlans }));
  const dataVersions = createDataVersions(db);
  const tiles = createTilesService(db, dataVersions, listing, { serialPlans });
  const stats = createStatsService(db, dataVersions);
  const exports = createExportsService(db, listing, config);
  return {
    config,
    database,
    mediaStore,
    photos,
    programs,
    observationWriter,
    badges,
    sites,
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
  };
}

export type Services = ReturnType<typeof createServices>;
