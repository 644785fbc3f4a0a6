import { Type } from 'typebox';
import { ErrorResponse, IdParams, Locale, ProgramDetail, ProgramList } from '@citizen/shared';
import type { App } from '../http/types.js';
import type { Services } from '../services.js';

export const LangQuery = Type.Object({ lang: Type.Optional(Locale) });

export function programsRoutes(app: App, { programs }: Services) {
  app.get(
    '/programs',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Active programmes',
        querystring: LangQuery,
        response: { 200: ProgramList },
      },
    },
    async () => ({ items: await programs.list() }),
  );

  app.get(
    '/programs/:id',
    {
      schema: {
        tags: ['programmes'],
        summary: 'One active programme, with its area',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: ProgramDetail, 404: ErrorResponse },
      },
    },
    async (request) => programs.get(request.params.id),
  );
}
