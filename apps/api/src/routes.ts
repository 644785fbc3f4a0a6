import { areasRoutes } from './areas/areas.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { badgesRoutes } from './badges/badges.routes.js';
import { exportsRoutes } from './exports/exports.routes.js';
import { healthRoutes } from './health/health.routes.js';
import type { App } from './http/types.js';
import { tilesRoutes } from './map/tiles.routes.js';
import { mediaRoutes } from './media/media.routes.js';
import { moderationRoutes } from './moderation/moderation.routes.js';
import { notificationsRoutes } from './notifications/notifications.routes.js';
import { observationListingRoutes } from './observations/listing.routes.js';
import { observationsRoutes } from './observations/observations.routes.js';
import { observationWriteRoutes } from './observations/write.routes.js';
import { programsAdminRoutes } from './programs/admin.routes.js';
import { programsRoutes } from './programs/programs.routes.js';
import type { Services } from './services.js';
import { sensitivityRoutes } from './sensitivity/sensitivity.routes.js';
import { settingsRoutes } from './settings/settings.routes.js';
import { sitesRoutes } from './sites/sites.routes.js';
import { validationRoutes } from './validation/validation.routes.js';
import { speciesRoutes } from './species/species.routes.js';
import { speciesListsRoutes } from './species-lists/species-lists.routes.js';
import { taxonomyRoutes } from './taxonomy/taxonomy.routes.js';
import { statsRoutes } from './stats/stats.routes.js';
import { meRoutes } from './users/me.routes.js';
import { usersRoutes } from './users/users.routes.js';
import { webManifestRoutes } from './web-manifest/web-manifest.routes.js';

/** Every route module of the API, mounted under /api. */
export const ROUTES: ((app: App, services: Services) => void)[] = [
  healthRoutes,
  settingsRoutes,
  programsRoutes,
  observationsRoutes,
  mediaRoutes,
  observationWriteRoutes,
  programsAdminRoutes,
  areasRoutes,
  validationRoutes,
  moderationRoutes,
  authRoutes,
  meRoutes,
  usersRoutes,
  auditRoutes,
  observationListingRoutes,
  tilesRoutes,
  statsRoutes,
  exportsRoutes,
  taxonomyRoutes,
  speciesListsRoutes,
  speciesRoutes,
  sensitivityRoutes,
  sitesRoutes,
  badgesRoutes,
  webManifestRoutes,
  notificationsRoutes,
];
