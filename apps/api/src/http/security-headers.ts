import type { ServerResponse } from 'node:http';
import type { Config } from '../config/config.js';
import type { App } from './types.js';

/**
 * The headers every response carries, whoever writes it (the API, or the web app's files and
 * pages in the one-process mode). nginx, when it fronts Citizen, sends the same ones itself and
 * drops these (deploy/nginx/citizen/proxy.conf).
 */
export function commonSecurityHeaders(config: Config): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(self), geolocation=(self), microphone=()',
    // Only when users reach Citizen over TLS: HSTS on plain HTTP would lock them out.
    ...(config.publicUrl.startsWith('https://') && {
      'strict-transport-security': 'max-age=31536000',
    }),
  };
}

/**
 * API responses are data (JSON, photos, exports), never a document to run or to frame: their
 * policy forbids everything. The API documentation (/api/docs) sets its own policy.
 */
const API_POLICY = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'self'",
  'x-frame-options': 'SAMEORIGIN',
};

/** Sets the security headers of every API response; `web` responses get the common ones. */
export function addSecurityHeaders(app: App, config: Config) {
  const common = commonSecurityHeaders(config);
  const api = { ...common, ...API_POLICY };
  // onRequest: set before anything may answer (errors and 404s included); a route may override.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(api);
    done();
  });
}

/**
 * For a request the web app answers (one-process mode): the common headers, set on the raw
 * response before the web app writes its own (its pages add their policy, hooks.server.ts).
 */
export function setWebSecurityHeaders(response: ServerResponse, config: Config) {
  for (const [name, value] of Object.entries(commonSecurityHeaders(config))) {
    response.setHeader(name, value);
  }
}
