import { Type, type Static } from 'typebox';

export const LOCALES = ['fr', 'en', 'de'] as const;
export const Locale = Type.Enum(LOCALES);
export type Locale = Static<typeof Locale>;

export const IdParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
});

/**
 * The header of the routes that create something (observations, sites, visits): a UUID the
 * client makes once per thing it creates, and sends again with every retry of it.
 */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      format: 'uuid',
      description:
        'A UUID made by the client for this creation, sent again unchanged with each retry. ' +
        'The same key with the same body answers what the first request created (same status, ' +
        'the resource as it is now, header `Idempotent-Replayed: true`) and creates nothing; ' +
        'with another body: 422 `idempotency.keyReused`. Keys are per account (anonymous ' +
        'requests share one scope) and kept at least 30 days. A retry sent while the first is ' +
        'still running waits for it and answers the same.',
    }),
  ),
});
