import { Type } from 'typebox';
import { ErrorResponse, ObservationFilterQuery, TileParams } from '@citizen/shared';
import type { App } from '../http/types.js';
import { fileResponse } from '../openapi/file-response.js';
import { parseFilter, viewerOf } from '../observations/filters.js';
import type { Services } from '../services.js';
import { TILE_POINT_LIMIT } from './tile-grid.js';
import { CELL_LAYER, POINT_LAYER, TILE_MAX_AGE } from './tiles.js';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';

const TileQuery = Type.Object({
  ...ObservationFilterQuery.properties,
  v: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'Ignored: the dataVersion of the programme stats, to bypass caches',
    }),
  ),
});

export function tilesRoutes(app: App, { tiles, config }: Services) {
  app.get(
    '/programs/:id/tiles/:z/:x/:y.mvt',
    {
      schema: {
        tags: ['map'],
        summary: "A programme's observations as a Mapbox Vector Tile",
        description:
          `Takes the filters of GET /api/observations. A tile holding at most ${TILE_POINT_LIMIT} observations has a layer ` +
          `\`${POINT_LAYER}\` of points (properties id, cd_nom, name in ?lang=, date, count, blurred); a fuller one a layer ` +
          `\`${CELL_LAYER}\` with one point per grid cell (16 × 16 cells per tile, at the centroid) and its \`count\`. ` +
          "Sensitive observations (a sensitive taxon, the programme's floor or the observer's choice) are placed at the centre of their blurring cell, except for their observer, validators and admins. " +
          `An empty tile is a 204 without body. Responses carry a strong ETag (304 on If-None-Match) and may be cached ${TILE_MAX_AGE} s. ` +
          'Any other query parameter is ignored too.',
        params: TileParams,
        querystring: TileQuery,
        response: {
          200: fileResponse('The tile (protobuf)', [MVT_CONTENT_TYPE]),
          204: Type.Null({ description: 'An empty tile' }),
          304: Type.Null({ description: 'Not modified' }),
          400: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const { id, z, x, y } = request.params;
      const result = await tiles.tile({
        programId: id,
        z,
        x,
        y,
        filter: parseFilter(request.query),
        viewer: viewerOf(request.user),
        lang: request.query.lang ?? config.defaultLocale,
        ifNoneMatch: request.headers['if-none-match'],
      });
      reply.headers(result.headers).code(result.status);
      if (result.status !== 200) return reply.send(undefined as never);
      return reply.type(MVT_CONTENT_TYPE).send(result.body);
    },
  );
}
