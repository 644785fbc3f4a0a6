import type { ValidationReason } from '@citizen/shared';

/** Compiles only when `Listed` holds every member of `All` (and nothing else). */
type Exactly<All, Listed extends All> = [All] extends [Listed] ? true : never;

/**
 * Why an observation is doubtful or invalid: a copy of the API's list (importing the value from
 * @citizen/shared would bring TypeBox into the page, see $lib/contract), checked against its type.
 */
export const VALIDATION_REASONS = [
  'misidentified',
  'insufficient_evidence',
  'implausible_place_or_date',
  'duplicate',
  'not_wild',
  'other',
] as const satisfies readonly ValidationReason[];

const _reasonsCheck: Exactly<ValidationReason, (typeof VALIDATION_REASONS)[number]> = true;

export const isReason = (value: string | null): value is ValidationReason =>
  (VALIDATION_REASONS as readonly (string | null)[]).includes(value);
