import {
  errorMessage,
  type ErrorCode,
  type ErrorParams,
  type ErrorParamsOf,
  type ErrorPlaceholders,
  type FieldError,
} from '@citizen/shared';

/** A code's parameters: required when its text names some, optional otherwise. */
export type ParamsArg<C extends ErrorCode> = [ErrorPlaceholders<C>] extends [never]
  ? [params?: ErrorParamsOf<C>]
  : [params: ErrorParamsOf<C>];

export interface ErrorDetails {
  /** The field the problem is about: the answer lists it with the same code. */
  field?: string;
  /** Every bad field, when there are several or each has its own problem. */
  errors?: FieldError[];
  /** More fields of the answer's body, e.g. an import's report. */
  body?: object;
}

type Args<C extends ErrorCode> = [...ParamsArg<C>, details?: ErrorDetails];

/**
 * A problem a service refuses a request for: a code of the registry (packages/shared errors.ts)
 * and its parameters. The HTTP layer answers with the code's status; the message is the English
 * text, which clients translate by code.
 */
export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  readonly params: ErrorParams;
  readonly errors: FieldError[];
  readonly body: object;

  constructor(
    readonly code: C,
    ...args: Args<C>
  ) {
    const [params, details] = args as unknown as [ErrorParams?, ErrorDetails?];
    const values = params ?? {};
    super(errorMessage(code, values));
    this.name = 'DomainError';
    this.params = values;
    this.errors =
      details?.errors ?? (details?.field ? [toFieldError(details.field, code, values)] : []);
    this.body = details?.body ?? {};
  }
}

const toFieldError = (field: string, code: ErrorCode, params: ErrorParams): FieldError => ({
  field,
  code,
  params,
  message: errorMessage(code, params),
});

/** One bad field, in the answer's `errors`. */
export function fieldError<C extends ErrorCode>(
  field: string,
  code: C,
  ...params: ParamsArg<C>
): FieldError {
  return toFieldError(field, code, (params[0] as ErrorParams | undefined) ?? {});
}

/** A 400 for one field with a problem of its own (`field.*`), e.g. a NUL character. */
export function invalidField<C extends ErrorCode>(
  field: string,
  code: C,
  ...params: ParamsArg<C>
): DomainError<'request.invalid'> {
  const values = (params[0] as ErrorParams | undefined) ?? {};
  return new DomainError(
    'request.invalid',
    { field },
    { errors: [toFieldError(field, code, values)] },
  );
}
