import { Type } from 'typebox';
import { ErrorResponse, IdParams, ObservationStats, PlatformStats } from '@citizen/shared';
import type { App } from '../http/types.js';
import { cacheHeaders, etagOf, ifNoneMatchHits } from '../map/http-cache.js';
import { viewerOf } from '../observations/filters.js';
import type { Services } from '../services.js';

const MAX_AGE = 30;
const NotModified = Type.Null({ description: 'Not modified (If-None-Match)' });

export function statsRoutes(app: App, { stats }: Services) {
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
}
