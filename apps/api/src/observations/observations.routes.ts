import { Type } from 'typebox';
import { ErrorResponse, IdParams, Locale, ObservationFeatureCollection } from '@citizen/shared';
import type { App } from '../http/types.js';
import type { Services } from '../services.js';
import { MAX_FEATURES } from './observations.service.js';

export function observationsRoutes(app: App, { observations, config }: Services) {
  app.get(
    '/programs/:id/observations',
    {
      schema: {
        tags: ['observations'],
        summary: "A programme's newest observations as GeoJSON (sensitive taxa blurred)",
        params: IdParams,
        querystring: Type.Object({
          lang: Type.Optional(Locale),
          limit: Type.Integer({ minimum: 1, maximum: MAX_FEATURES, default: 1000 }),
        }),
        response: { 200: ObservationFeatureCollection, 404: ErrorResponse },
      },
    },
    async (request) =>
      observations.programFeatures(
        request.params.id,
        request.query.lang ?? config.defaultLocale,
        request.query.limit,
      ),
  );
}
