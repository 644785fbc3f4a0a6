import { Type } from 'typebox';
import {
  ErrorResponse,
  Locale,
  ObservationDetail,
  ObservationList,
  ObservationListQuery,
} from '@citizen/shared';
import type { App } from '../http/types.js';
import type { Services } from '../services.js';
import { parseFilter, viewerOf } from './filters.js';

export function observationListingRoutes(app: App, { listing, config }: Services) {
  app.get(
    '/observations',
    {
      schema: {
        tags: ['observations'],
        summary: 'Observations, filtered and sorted, one page at a time',
        description:
          'Keyset pagination: pass the `nextCursor` of a page as `cursor` to get the next one (with the same sort). ' +
          'Sensitive taxa are located at the centre of a grid cell, except for their observer, validators and admins.',
        querystring: ObservationListQuery,
        response: { 200: ObservationList, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { query } = request;
      return listing.list(
        query,
        parseFilter(query),
        viewerOf(request.user),
        query.lang ?? config.defaultLocale,
      );
    },
  );

  app.get(
    '/observations/:id',
    {
      schema: {
        tags: ['observations'],
        summary: 'One observation, with its comment and custom form answers',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({ lang: Type.Optional(Locale) }),
        response: { 200: ObservationDetail, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) =>
      listing.detail(
        request.params.id,
        viewerOf(request.user),
        request.query.lang ?? config.defaultLocale,
      ),
  );
}
