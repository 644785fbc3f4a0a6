import { ERRORS, type ErrorCode } from '@citizen/shared/errors';

/** The key of an API error code's text: `error.observation.dateInFuture`. */
export type ErrorKey = `error.${ErrorCode}`;

/**
 * The API's error texts in English (spread into shell.en.ts): the registry's own, so that a new code
 * needs no English copy here. fr and de must translate every one (errors.fr.ts, errors.de.ts).
 */
export const errorsEn = Object.fromEntries(
  Object.entries(ERRORS).map(([code, { en }]) => [`error.${code}`, en]),
) as Record<ErrorKey, string>;
