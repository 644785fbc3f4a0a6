import { Type } from 'typebox';
import {
  ErrorResponse,
  IdParams,
  ObservationFeatureCollection,
  ObservationFilterQuery,
} from '@citizen/shared';
import type { App } from '../http/types.js';
import type { Services } from '../services.js';
import { parseFilter, viewerOf } from './filters.js';

/** The most features the GeoJSON route returns: beyond, maps use the vector tiles. */
export const MAX_FEATURES = 5000;

export function observationsRoutes(app: App, { listing, config }: Services) {
  app.get(
    '/programs/:id/observations',
    {
      schema: {
        tags: ['observations'],
        summary: "A programme's newest observations as GeoJSON (sensitive taxa blurred)",
        description:
          `For small selections: at most ${MAX_FEATURES} features, \`truncated\` when more match; ` +
          'bigger maps use the vector tiles. Takes the filters of GET /api/observations.',
        params: IdParams,
        querystring: Type.Object({
          ...ObservationFilterQuery.properties,
          limit: Type.Integer({ minimum: 1, maximum: MAX_FEATURES, default: 1000 }),
        }),
        response: { 200: ObservationFeatureCollection, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) =>
      listing.features(
        { ...parseFilter(request.query), programId: request.params.id },
        viewerOf(request.user),
        request.query.lang ?? config.defaultLocale,
        request.query.limit,
      ),
  );
}
