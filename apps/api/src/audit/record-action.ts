import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
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

/**
 * Writes an action to the audit log in the transaction given: a service that changes things in
 * a transaction records there, so that a failed change leaves no entry and a failed entry no
 * change.
 */
export type ActionRecorder = (
  executor: Kysely<DB>,
  event: AuditEvent,
  details: Record<string, unknown>,
) => Promise<void>;

/** The request's actor and address, for a service to record its action in its transaction. */
export function actionRecorder({ accounts }: Services, request: FastifyRequest): ActionRecorder {
  return (executor, event, details) =>
    accounts.audit.record(
      { event, actorId: request.user?.id ?? null, ip: request.ip, details },
      executor,
    );
}
