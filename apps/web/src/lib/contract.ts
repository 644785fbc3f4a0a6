/**
 * The few values of the API contract the browser needs at run time. @citizen/shared defines
 * them next to its TypeBox schemas, and importing a value from it would bring TypeBox into the
 * page's JavaScript: the web app imports only types from it, and these copies are checked
 * against those types (a missing or extra value is a type error).
 */
import type {
  DeletionChoice,
  EditedField,
  Locale,
  PhotoLicence,
  ValidationStatus,
} from '@citizen/shared';

/** Compiles only when `Listed` holds every member of `All` (and nothing else). */
type Exactly<All, Listed extends All> = [All] extends [Listed] ? true : never;

export const LOCALES = ['fr', 'en', 'de'] as const satisfies readonly Locale[];
export const VALIDATION_STATUSES = [
  'pending',
  'certain',
  'probable',
  'doubtful',
  'invalid',
  'not_assessable',
] as const satisfies readonly ValidationStatus[];
export const PHOTO_LICENCES = [
  'CC0-1.0',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC-BY-NC-4.0',
] as const satisfies readonly PhotoLicence[];
export const DELETION_CHOICES = [
  'anonymise',
  'delete',
] as const satisfies readonly DeletionChoice[];
export const EDITED_FIELDS = [
  'taxon',
  'date',
  'place',
  'count',
  'photos',
] as const satisfies readonly EditedField[];

const _contractChecks: [
  Exactly<Locale, (typeof LOCALES)[number]>,
  Exactly<ValidationStatus, (typeof VALIDATION_STATUSES)[number]>,
  Exactly<PhotoLicence, (typeof PHOTO_LICENCES)[number]>,
  Exactly<DeletionChoice, (typeof DELETION_CHOICES)[number]>,
  Exactly<EditedField, (typeof EDITED_FIELDS)[number]>,
] = [true, true, true, true, true];
