import { Type } from 'typebox';
import {
  ErrorResponse,
  ExploreStats,
  IdParams,
  LangQuery,
  ObservationStats,
  PlatformStats,
  ProgramCharts,
} from '@citizen/shared';
import type { App } from '../http/types.js';
import { cacheHeaders, etagOf, ifNoneMatchHits } from '../map/http-cache.js';
import { viewerOf } from '../observations/filters.js';
import type { Services } from '../services.js';
import { CHART_MONTHS } from './stats.js';

const MAX_AGE = 30;
const NotModified = Type.Null({ description: 'Not modified (If-None-Match)' });

export function statsRoutes(app: App, { stats, config }: Services) {
  app.get(
    '/stats',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Observations, species and observers over all active programmes',
        response: { 200: PlatformStats, 304: NotModified },
      },
    },
    async (request, reply) => {
      const value = await stats.platform();
      const etag = etagOf(['stats', value.dataVersion]);
      reply.headers({ etag, ...cacheHeaders(false, MAX_AGE) });
      if (ifNoneMatchHits(request.headers['if-none-match'], etag))
        return reply.code(304).send(undefined as never);
      return value;
    },
  );

  app.get(
    '/programs/:id/stats',
    {
      schema: {
        tags: ['statistics'],
        summary: "A programme's observations, species and observers",
        params: IdParams,
        response: { 200: ObservationStats, 304: NotModified, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const value = await stats.program(request.params.id, viewerOf(request.user));
      const etag = etagOf(['stats', request.params.id, value.dataVersion]);
      // An expert may read an inactive programme: keep what a signed-in user gets out of shared caches.
      reply.headers({ etag, ...cacheHeaders(request.user !== null, MAX_AGE) });
      if (ifNoneMatchHits(request.headers['if-none-match'], etag))
        return reply.code(304).send(undefined as never);
      return value;
    },
  );

  // No ETag on these two: who may be listed among the top observers changes without the data.
  app.get(
    '/explore',
    {
      schema: {
        tags: ['statistics'],
        summary: 'The most observed species and the top contributors over all active programmes',
        description:
          'Public observations only. Contributors are registered observers who did not hide themselves from leaderboards, by their public name. Species are accepted taxa (cd_ref), named in ?lang=.',
        querystring: LangQuery,
        response: { 200: ExploreStats, 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      reply.headers(cacheHeaders(false, MAX_AGE));
      return stats.explore(request.query.lang ?? config.defaultLocale);
    },
  );

  app.get(
    '/programs/:id/charts',
    {
      schema: {
        tags: ['statistics'],
        summary:
          "A programme's public observations per month, species accumulation and top observers",
        description: `Every month from the first public observation to the last (at most the last ${CHART_MONTHS}), with the distinct accepted taxa seen up to each month's end; top observers among those who did not hide themselves from leaderboards.`,
        params: IdParams,
        response: { 200: ProgramCharts, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const value = await stats.programCharts(request.params.id, viewerOf(request.user));
      reply.headers(cacheHeaders(request.user !== null, MAX_AGE));
      return value;
    },
  );
}
