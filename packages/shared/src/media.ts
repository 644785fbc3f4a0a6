import { Type, type Static } from 'typebox';

/** Creative Commons licences an observer may choose for a photo. */
export const PHOTO_LICENCES = ['CC0-1.0', 'CC-BY-4.0', 'CC-BY-SA-4.0', 'CC-BY-NC-4.0'] as const;
export const PhotoLicence = Type.Enum(PHOTO_LICENCES);
export type PhotoLicence = Static<typeof PhotoLicence>;

export const PHOTO_VARIANTS = ['thumb', 'display', 'original'] as const;
export type PhotoVariant = (typeof PHOTO_VARIANTS)[number];

export const Photo = Type.Object({
  id: Type.String({ format: 'uuid' }),
  /** Square 320 px WebP. */
  thumbUrl: Type.String(),
  /** At most 1600 px WebP, metadata removed. */
  displayUrl: Type.String(),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  licence: Type.Union([Type.String(), Type.Null()]),
  author: Type.Union([Type.String(), Type.Null()]),
});
export type Photo = Static<typeof Photo>;

/** What a photo's EXIF says, offered to the client to pre-fill the date and the point. */
export const PhotoMetadata = Type.Object({
  takenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
});
export type PhotoMetadata = Static<typeof PhotoMetadata>;
