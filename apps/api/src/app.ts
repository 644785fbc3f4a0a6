import Fastify, { LogController, type FastifyServerOptions, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { setUpAccounts } from './auth/accounts.plugin.js';
import { trustProxyOption } from './auth/client-address.js';
import './auth/current-user.js';
import type { Config } from './config/config.js';
import type { Database } from './db/database.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { requestValidatorCompiler } from './http/validate.js';
import { boundRouteIntegers, refuseNulInRequest } from './http/input-guard.js';
import { addSecurityHeaders, setWebSecurityHeaders } from './http/security-headers.js';
import type { App } from './http/types.js';
import { defaultedParametersOptional } from './openapi/defaulted-parameters.js';
import { documentMultipartBodies } from './openapi/multipart-bodies.js';
import { nameSharedSchemas, SHARED_SCHEMAS } from './openapi/shared-schemas.js';
import { ROUTES } from './routes.js';
import { createServices } from './services.js';
import { VERSION } from './version.js';
import { isApiPath, type WebHandler } from './web/web-handler.js';

export type AppOptions = {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** When set, every request outside /api goes to the SSR web app. */
  web?: WebHandler;
  /** Told of every route as it is added (the route-wide permission test lists them so). */
  onRoute?: (route: RouteOptions) => void;
  /** Run the background jobs (mail sender, media sweep, pruning) while the app is up; default true. */
  backgroundJobs?: boolean;
};

/** The HTTP API under /api, and the web app in front of it when `web` is given. */
export async function buildApp({
  config,
  database,
  logger = false,
  web,
  onRoute,
  backgroundJobs = true,
}: AppOptions): Promise<App> {
  const app = Fastify({
    logger,
    logController: new LogController({
      disableRequestLogging: !['debug', 'trace'].includes(config.logLevel),
    }),
    trustProxy: trustProxyOption(config.trustProxy),
  }).withTypeProvider<TypeBoxTypeProvider>();

  if (web) {
    // Before Fastify reads the body, so that the web app's form actions get it intact.
    app.addHook('onRequest', (request, reply, done) => {
      if (isApiPath(request.url)) return done();
      reply.hijack();
      setWebSecurityHeaders(reply.raw, config);
      web(request.raw, reply.raw, () => {
        reply.raw.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      });
    });
  }
  if (onRoute) app.addHook('onRoute', onRoute);
  addSecurityHeaders(app, config);
  // Input PostgreSQL cannot take (NUL characters, integers past its own) is a 400, never a 500.
  app.addHook('onRoute', boundRouteIntegers);
  app.addHook('preValidation', refuseNulInRequest);
  app.setValidatorCompiler(requestValidatorCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.decorateRequest('user', null);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Citizen API',
        version: VERSION,
        description: 'Citizen-science biodiversity observations',
      },
      servers: [{ url: config.publicUrl }],
      components: { schemas: SHARED_SCHEMAS },
    },
    transform: documentMultipartBodies,
    transformObject: (document) =>
      'openapiObject' in document
        ? defaultedParametersOptional(nameSharedSchemas(document.openapiObject))
        : document.swaggerObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // Its own policy, with the hashes of its inline scripts; plain HTTP must keep working.
    staticCSP: true,
    transformStaticCSP: (policy) => policy.replace(/\s*upgrade-insecure-requests;?/, ''),
  });

  // Limits are set per request by the routes that take files (see media/multipart.ts).
  await app.register(multipart);

  // Accounts: cookies for the web app's session; rate limits are applied per route (auth/rate-limits.ts).
  await app.register(cookie);

  const services = createServices(config, database);
  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<TypeBoxTypeProvider>();
      setUpAccounts(typed, services);
      for (const routes of ROUTES) routes(typed, services);
      if (backgroundJobs) services.jobs.runWith(typed);
    },
    { prefix: '/api' },
  );
  return app;
}
