import { Type, type Static } from 'typebox';
import { NewBadges } from './badges.js';
import { PointGeometry } from './geojson.js';
import { Photo, PhotoLicence } from './media.js';

const Fields = {
  cdNom: Type.Integer({ minimum: 1, description: 'The taxon (TAXREF-style cd_nom)' }),
  observedOn: Type.String({ format: 'date', description: 'YYYY-MM-DD, not in the future' }),
  observedTime: Type.Union([
    Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$' }),
    Type.Null(),
  ]),
  count: Type.Integer({ minimum: 1, maximum: 100_000 }),
  comment: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]),
  location: PointGeometry,
  coordinateUncertaintyM: Type.Union([Type.Integer({ minimum: 0, maximum: 100_000 }), Type.Null()]),
  customData: Type.Record(Type.String(), Type.Unknown(), {
    description: "Answers to the programme's custom form, checked against its JSON Schema",
  }),
  obscured: Type.Boolean({
    description:
      "Blur the point for the public (a 10 km grid cell), whatever the taxon's rules; never less than they ask",
  }),
};

/** What an observer sends to record an observation (as JSON, or as the `observation` field of a multipart request). */
export const ObservationInput = Type.Object({
  programId: Type.Integer({ minimum: 1 }),
  cdNom: Fields.cdNom,
  observedOn: Fields.observedOn,
  observedTime: Type.Optional(Fields.observedTime),
  count: Type.Optional(Fields.count),
  comment: Type.Optional(Fields.comment),
  location: Fields.location,
  coordinateUncertaintyM: Type.Optional(Fields.coordinateUncertaintyM),
  customData: Type.Optional(Fields.customData),
  obscured: Type.Optional(Fields.obscured),
  /** Anonymous contributions only: a name to show and an e-mail to be contacted at (never shown). */
  observerName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  contactEmail: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  /** Recorded during this site visit (same programme and date; the visit's observer only). */
  visitId: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Licence and author of each photo sent, in the order of the files. */
  photos: Type.Optional(
    Type.Array(
      Type.Object({
        licence: Type.Optional(PhotoLicence),
        author: Type.Optional(Type.String({ maxLength: 200 })),
      }),
      { maxItems: 5 },
    ),
  ),
});
export type ObservationInput = Static<typeof ObservationInput>;

export const ObservationPatch = Type.Object({
  cdNom: Type.Optional(Fields.cdNom),
  observedOn: Type.Optional(Fields.observedOn),
  observedTime: Type.Optional(Fields.observedTime),
  count: Type.Optional(Fields.count),
  comment: Type.Optional(Fields.comment),
  location: Type.Optional(Fields.location),
  coordinateUncertaintyM: Type.Optional(Fields.coordinateUncertaintyM),
  customData: Type.Optional(Fields.customData),
  obscured: Type.Optional(Fields.obscured),
  /** Photos to remove from the observation. */
  deletePhotos: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 5 })),
});
export type ObservationPatch = Static<typeof ObservationPatch>;

/** An observation as its author and experts see it: exact point, all fields. */
export const SavedObservation = Type.Object({
  id: Type.String({ format: 'uuid' }),
  programId: Type.Integer(),
  cdNom: Type.Integer(),
  observedOn: Type.String({ format: 'date' }),
  observedTime: Type.Union([Type.String(), Type.Null()]),
  count: Type.Integer(),
  comment: Type.Union([Type.String(), Type.Null()]),
  location: PointGeometry,
  coordinateUncertaintyM: Type.Union([Type.Integer(), Type.Null()]),
  municipality: Type.Union([Type.String(), Type.Null()]),
  customData: Type.Record(Type.String(), Type.Unknown()),
  /** The observer asked to blur it. */
  obscured: Type.Boolean(),
  /** The level the public sees it at: the strictest of the taxon's rules, the programme's and `obscured`. */
  sensitivity: Type.Integer({ minimum: 0, maximum: 3 }),
  validationStatus: Type.String(),
  photos: Type.Array(Photo),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  /** The site visit it was recorded during, if any. */
  visitId: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  /** Badges this change earned its observer (create and update responses), to announce once. */
  newBadges: Type.Optional(NewBadges),
});
export type SavedObservation = Static<typeof SavedObservation>;
