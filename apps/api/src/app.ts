import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config/config.js';
import type { Database } from './db/database.js';
import { healthRoutes } from './health/health.routes.js';
import { HttpError } from './http/errors.js';
import type { App } from './http/types.js';
import { createObservationsRepository } from './observations/observations.repository.js';
import { observationsRoutes } from './observations/observations.routes.js';
import { createObservationsService } from './observations/observations.service.js';
import { createProgramsRepository } from './programs/programs.repository.js';
import { programsRoutes } from './programs/programs.routes.js';
import { createProgramsService } from './programs/programs.service.js';
import { settingsRoutes } from './settings/settings.routes.js';
import { VERSION } from './version.js';
import { isApiPath, type WebHandler } from './web/web-handler.js';

export type AppOptions = {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** When set, every request outside /api goes to the SSR web app. */
  web?: WebHandler;
};

/** The HTTP API under /api. The web app, when served by the same process, is mounted by main. */
export async function buildApp({
  config,
  database,
  logger = false,
  web,
}: AppOptions): Promise<App> {
  const app = Fastify({
    logger,
    logController: new LogController({
      disableRequestLogging: !['debug', 'trace'].includes(config.logLevel),
    }),
    trustProxy: true,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  if (web) {
    // Before Fastify reads the body, so that the web app's form actions get it intact.
    app.addHook('onRequest', (request, reply, done) => {
      if (isApiPath(request.url)) return done();
      reply.hijack();
      web(request.raw, reply.raw, () => {
        reply.raw.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      });
    });
  }

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send({
        statusCode: error.statusCode,
        error: reasonOf(error.statusCode),
        message: error.message,
      });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) {
      request.log.error(error);
      return reply.code(500).send({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Something went wrong on our side',
      });
    }
    return reply
      .code(status)
      .send({ statusCode: status, error: reasonOf(status), message: (error as Error).message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `No route ${request.method} ${request.url.split('?')[0]}`,
    }),
  );

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Citizen API',
        version: VERSION,
        description: 'Citizen-science biodiversity observations',
      },
      servers: [{ url: config.publicUrl }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const programs = createProgramsService(createProgramsRepository(database.db));
  const observations = createObservationsService(
    createObservationsRepository(database.db),
    programs,
  );

  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<TypeBoxTypeProvider>();
      healthRoutes(typed, database, VERSION);
      settingsRoutes(typed, config);
      programsRoutes(typed, programs);
      observationsRoutes(typed, observations, config.defaultLocale);
    },
    { prefix: '/api' },
  );
  return app;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
};

function reasonOf(status: number): string {
  return REASONS[status] ?? 'Error';
}
