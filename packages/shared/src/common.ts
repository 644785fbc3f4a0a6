import { Type, type Static } from 'typebox';

export const LOCALES = ['fr', 'en', 'de'] as const;
export const Locale = Type.Enum(LOCALES);
export type Locale = Static<typeof Locale>;

export const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  /** A stable name of the problem when a client may act on it, e.g. `image_too_many_pixels`. */
  code: Type.Optional(Type.String()),
  /** For invalid input: each bad field and what is wrong with it. */
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
});
export type ErrorResponse = Static<typeof ErrorResponse>;

export const IdParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
});
