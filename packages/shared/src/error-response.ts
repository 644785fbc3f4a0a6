import { Type, type Static } from 'typebox';
import type { ErrorCode } from './errors.js';

// Apart from the registry (errors.ts), which the web app imports without TypeBox.
const Code = Type.Unsafe<ErrorCode>(
  Type.String({ description: 'A stable name of the problem, e.g. `observation.dateInFuture`' }),
);
const Params = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
  description: 'The values named in the text, e.g. `{ "date": "2031-05-01" }`',
});

/** One bad field of a request: what the form shows beside it. */
export const FieldError = Type.Object({
  /** The field's path: `cdNom`, `customData.nest.height`. */
  field: Type.String(),
  code: Code,
  params: Params,
  /** The English text of `code`. */
  message: Type.String(),
});
export type FieldError = Static<typeof FieldError>;

/** Every error answer: a code and its parameters to translate, the English text as a fallback. */
export const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  code: Code,
  params: Params,
  /** The English text of `code`. */
  message: Type.String(),
  /** For invalid input: each bad field and what is wrong with it. */
  errors: Type.Optional(Type.Array(FieldError)),
});
export type ErrorResponse = Static<typeof ErrorResponse>;
