import { Type } from 'typebox';
import {
  ErrorResponse,
  Locale,
  ObservationFeatureCollection,
  SpeciesStats,
  TaxonParams,
} from '@citizen/shared';
import type { App } from '../http/types.js';
import { viewerOf } from '../observations/filters.js';
import { MAX_FEATURES } from '../observations/observations.routes.js';
import type { Services } from '../services.js';

/** A species page's data beside its names (GET /api/taxa/{cdNom}) and photos (GET /api/observations). */
export function speciesRoutes(app: App, { species, listing, config }: Services) {
  app.get(
    '/taxa/:cdNom/stats',
    {
      schema: {
        tags: ['taxonomy', 'statistics'],
        summary: "A species' public observations counted: per month, per programme, first and last",
        description:
          'Over the public observations of the active programmes (hidden ones and, where a programme shows only validated ones, unvalidated ones left out), whoever asks. A synonym counts as its accepted taxon.',
        params: TaxonParams,
        response: { 200: SpeciesStats, 404: ErrorResponse },
      },
    },
    async (request) => species.stats(request.params.cdNom),
  );

  app.get(
    '/taxa/:cdNom/observations',
    {
      schema: {
        tags: ['taxonomy', 'observations'],
        summary: "A species' newest observations in every active programme, as GeoJSON",
        description: `The points the viewer may see (sensitive taxa blurred for the public), at most ${MAX_FEATURES}; \`truncated\` when more match. A synonym gives the observations of all the names of its taxon.`,
        params: TaxonParams,
        querystring: Type.Object({
          lang: Type.Optional(Locale),
          limit: Type.Integer({ minimum: 1, maximum: MAX_FEATURES, default: 1000 }),
        }),
        response: { 200: ObservationFeatureCollection, 400: ErrorResponse },
      },
    },
    async (request) =>
      listing.features(
        { taxon: request.params.cdNom },
        viewerOf(request.user),
        request.query.lang ?? config.defaultLocale,
        request.query.limit,
      ),
  );
}
