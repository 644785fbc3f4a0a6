import type { Role } from '../db/schema.js';

/** Who sends a request: set by the authentication hook, null for an anonymous visitor. */
export type CurrentUser = { id: number; username: string; role: Role };

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
  }
}
