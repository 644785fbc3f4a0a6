import { Type } from 'typebox';
import {
  ErrorResponse,
  IdParams,
  Locale,
  ObservationFeatureCollection,
  type Locale as LocaleType,
} from '@citizen/shared';
import type { App } from '../http/types.js';
import { MAX_FEATURES, type ObservationsService } from './observations.service.js';

export function observationsRoutes(
  app: App,
  observations: ObservationsService,
  defaultLocale: LocaleType,
) {
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
        request.query.lang ?? defaultLocale,
        request.query.limit,
      ),
  );
}
