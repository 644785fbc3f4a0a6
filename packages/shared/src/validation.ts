import { Type, type Static } from 'typebox';
import { Locale } from './common.js';
import { ValidationStatus } from './observations.js';

/** Why an expert judged an observation doubtful or invalid. */
export const VALIDATION_REASONS = [
  'misidentified',
  'insufficient_evidence',
  'implausible_place_or_date',
  'duplicate',
  'not_wild',
  'other',
] as const;
export const ValidationReason = Type.Enum(VALIDATION_REASONS);
export type ValidationReason = Static<typeof ValidationReason>;

/** An expert's judgement of one observation; `cdNom` re-identifies it to another taxon. */
export const ValidationInput = Type.Object({
  status: ValidationStatus,
  reason: Type.Optional(ValidationReason),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
  cdNom: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type ValidationInput = Static<typeof ValidationInput>;

export const BulkValidationInput = Type.Object({
  ids: Type.Array(Type.String({ format: 'uuid' }), {
    minItems: 1,
    maxItems: 500,
    uniqueItems: true,
  }),
  status: ValidationStatus,
  reason: Type.Optional(ValidationReason),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type BulkValidationInput = Static<typeof BulkValidationInput>;

export const BulkValidationResult = Type.Object({
  updated: Type.Array(Type.String()),
  skipped: Type.Array(
    Type.Object({
      id: Type.String(),
      /** not_found: no such observation; own: the validator's own observation. */
      code: Type.Union([Type.Literal('not_found'), Type.Literal('own')]),
      why: Type.String(),
    }),
  ),
});
export type BulkValidationResult = Static<typeof BulkValidationResult>;

/** What an observer may not change without sending a judged observation back to the validators. */
export const EDITED_FIELDS = ['taxon', 'date', 'place', 'count', 'photos'] as const;
export type EditedField = (typeof EDITED_FIELDS)[number];

export const ObservationEvent = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([
    Type.Literal('validated'),
    Type.Literal('reidentified'),
    Type.Literal('question'),
    Type.Literal('answer'),
    Type.Literal('hidden'),
    Type.Literal('unhidden'),
    Type.Literal('photo_removed'),
    /** The observer changed what a judgement was about (`reason`: the EDITED_FIELDS, comma-separated). */
    Type.Literal('edited'),
  ]),
  /** Display name of who did it; null once their account is gone. */
  actor: Type.Union([Type.String(), Type.Null()]),
  fromStatus: Type.Union([Type.String(), Type.Null()]),
  toStatus: Type.Union([Type.String(), Type.Null()]),
  fromCdNom: Type.Union([Type.Integer(), Type.Null()]),
  toCdNom: Type.Union([Type.Integer(), Type.Null()]),
  /** The taxa's names in the asked language (else scientific), for a re-identification. */
  fromName: Type.Union([Type.String(), Type.Null()]),
  toName: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  comment: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: 'date-time' }),
});
export type ObservationEvent = Static<typeof ObservationEvent>;

export const ValidationState = Type.Object({
  id: Type.String(),
  cdNom: Type.Integer(),
  validationStatus: ValidationStatus,
  validationReason: Type.Union([Type.String(), Type.Null()]),
  validationComment: Type.Union([Type.String(), Type.Null()]),
  validatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** Whether the caller recorded it: they answer questions, and may not validate it. */
  isObserver: Type.Boolean(),
  /** Hidden by a moderator (out of every public output), and why. */
  hiddenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  hiddenReason: Type.Union([Type.String(), Type.Null()]),
  history: Type.Array(ObservationEvent),
});
export type ValidationState = Static<typeof ValidationState>;

/** The language of the taxon names in a ValidationState. */
export const ValidationStateQuery = Type.Object({ lang: Type.Optional(Locale) });
export type ValidationStateQuery = Static<typeof ValidationStateQuery>;

export const CommentInput = Type.Object({
  comment: Type.String({ minLength: 1, maxLength: 2000 }),
});
export type CommentInput = Static<typeof CommentInput>;

export const ModerationInput = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});
export type ModerationInput = Static<typeof ModerationInput>;
