import type { Role, SessionTransport } from '../db/schema.js';

/** Who sends a request: set by the authentication hook, null for an anonymous visitor. */
export type CurrentUser = { id: number; username: string; role: Role };

/**
 * How the request authenticated: with a valid session (and which), or with a credential that
 * was refused (expired, revoked, unknown); null when it sent none.
 */
export type RequestAuth =
  | { status: 'valid'; sessionId: string; transport: SessionTransport }
  | { status: 'rejected'; transport: SessionTransport };

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    auth: RequestAuth | null;
  }
}
