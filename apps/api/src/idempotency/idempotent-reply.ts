import type { FastifyReply } from 'fastify';

/** Says that the answer is the one of an earlier request with the same Idempotency-Key. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/** 201 Created with the resource's Location; a replay says so in its header. */
export function replyCreated<T>(
  reply: FastifyReply,
  outcome: { result: T; replayed: boolean },
  location: string,
) {
  if (outcome.replayed) void reply.header(REPLAYED_HEADER, 'true');
  return reply.code(201).header('location', location).send(outcome.result);
}
