import { Type, type Static } from 'typebox';
import { Photo } from './media.js';
import { ValidationStatus } from './observations.js';

/**
 * Moderation by administrators: hiding or deleting an observation or one of its photos, each
 * with a reason kept in the audit log (and, for the observer, in the observation's history).
 */

/** A photo as moderators see it: hidden ones too, with why. */
export const ModerationPhoto = Type.Intersect([
  Photo,
  Type.Object({
    hidden: Type.Boolean(),
    hiddenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    hiddenReason: Type.Union([Type.String(), Type.Null()]),
  }),
]);
export type ModerationPhoto = Static<typeof ModerationPhoto>;

export const ModerationObservation = Type.Object({
  id: Type.String({ format: 'uuid' }),
  programId: Type.Integer(),
  programTitle: Type.String(),
  cdNom: Type.Integer(),
  scientificName: Type.String(),
  observedOn: Type.String({ format: 'date' }),
  createdAt: Type.String({ format: 'date-time' }),
  /** The observer's account, or null for an anonymous observation (see `observerName`). */
  observer: Type.Union([
    Type.Object({
      id: Type.Integer(),
      username: Type.String(),
      displayName: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  observerName: Type.Union([Type.String(), Type.Null()]),
  comment: Type.Union([Type.String(), Type.Null()]),
  validationStatus: ValidationStatus,
  hidden: Type.Boolean(),
  hiddenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  hiddenReason: Type.Union([Type.String(), Type.Null()]),
  photos: Type.Array(ModerationPhoto),
});
export type ModerationObservation = Static<typeof ModerationObservation>;

export const MODERATION_STATES = ['recent', 'hidden'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

export const ModerationQuery = Type.Object({
  /** recent: newest first; hidden: observations hidden, or with a hidden photo. */
  state: Type.Enum(MODERATION_STATES, { default: 'recent' }),
  hasPhoto: Type.Optional(Type.Boolean()),
  /** One account's observations. */
  observer: Type.Optional(Type.Integer({ minimum: 1 })),
  program: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
export type ModerationQuery = Static<typeof ModerationQuery>;

export const ModerationList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(ModerationObservation),
});
export type ModerationList = Static<typeof ModerationList>;

/** Why a moderator acts: kept in the audit log. */
export const ModerationReason = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }) },
  { additionalProperties: false },
);
export type ModerationReason = Static<typeof ModerationReason>;

export const PhotoModerationParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  mediaId: Type.String({ format: 'uuid' }),
});
