import type { FastifyRequest } from 'fastify';
import type { Services } from '../services.js';
import type { AuditEvent } from './audit.js';

/** Writes an admin's or validator's action to the audit log, with who did it and from where. */
export function recordAction(
  { accounts }: Services,
  request: FastifyRequest,
  event: AuditEvent,
  details: Record<string, unknown>,
): Promise<void> {
  return accounts.audit.record({
    event,
    actorId: request.user?.id ?? null,
    ip: request.ip,
    details,
  });
}
