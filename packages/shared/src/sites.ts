import { Type, type Static } from 'typebox';
import { NewBadges } from './badges.js';
import { PointGeometry } from './geojson.js';
import { Photo, PhotoLicence } from './media.js';
import { CustomForm } from './programs.js';

/**
 * Site protocols: a programme of kind "sites" offers site types (pond, tree, nest...); observers
 * create sites (a named point) and record dated visits of them, with the answers to the type's
 * visit form, photos and the species seen (observations linked to the visit).
 */

/** Who may add a visit to a site: anyone logged in, or only the site's creator (and admins). */
export const VisitsBy = Type.Union([Type.Literal('anyone'), Type.Literal('creator')]);
export type VisitsBy = Static<typeof VisitsBy>;

/**
 * A step of a long form: `uiSchema.steps` is an array of these. The client shows one step at a
 * time; the server validates the whole answers at the end.
 */
export const FormStep = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  /** Top-level properties of the form's JSON Schema shown in this step, in order. */
  fields: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
});
export type FormStep = Static<typeof FormStep>;

export const SiteTypeInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  /** An image URL (absolute, or a path on this server) shown for sites without a photo. */
  pictogramUrl: Type.Optional(
    Type.Union([Type.String({ pattern: '^(https?://|/)', maxLength: 2000 }), Type.Null()]),
  ),
  /** The form of a site of this type; `uiSchema.steps` (FormStep[]) splits it into steps. */
  siteForm: Type.Optional(Type.Union([CustomForm, Type.Null()])),
  /** The form of a visit of such a site. */
  visitForm: Type.Optional(Type.Union([CustomForm, Type.Null()])),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
});
export type SiteTypeInput = Static<typeof SiteTypeInput>;

export const SiteTypePatch = Type.Partial(SiteTypeInput);
export type SiteTypePatch = Static<typeof SiteTypePatch>;

export const SiteType = Type.Object({
  id: Type.Integer(),
  programId: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  pictogramUrl: Type.Union([Type.String(), Type.Null()]),
  siteForm: Type.Union([CustomForm, Type.Null()]),
  visitForm: Type.Union([CustomForm, Type.Null()]),
  position: Type.Integer(),
});
export type SiteType = Static<typeof SiteType>;

/** What a site programme offers: its site types with their forms, and who may add visits. */
export const SiteProtocol = Type.Object({
  programId: Type.Integer(),
  kind: Type.Union([Type.Literal('observations'), Type.Literal('sites')]),
  visitsBy: VisitsBy,
  siteTypes: Type.Array(SiteType),
});
export type SiteProtocol = Static<typeof SiteProtocol>;

/** A site programme's settings (admins). */
export const SiteProtocolSettings = Type.Object({ visitsBy: VisitsBy });
export type SiteProtocolSettings = Static<typeof SiteProtocolSettings>;

const PhotoMeta = Type.Array(
  Type.Object({
    licence: Type.Optional(PhotoLicence),
    author: Type.Optional(Type.String({ maxLength: 200 })),
  }),
  { maxItems: 5, description: 'Licence and author of each photo sent, in the order of the files' },
);

const CustomData = Type.Record(Type.String(), Type.Unknown(), {
  description: "Answers to the site type's form, checked against its JSON Schema",
});

/** A new site (JSON, or the `site` field of a multipart request with up to 5 `photo` files). */
export const SiteInput = Type.Object({
  programId: Type.Integer({ minimum: 1 }),
  siteTypeId: Type.Integer({ minimum: 1 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  /** Inside the programme's area. */
  location: PointGeometry,
  customData: Type.Optional(CustomData),
  photos: Type.Optional(PhotoMeta),
});
export type SiteInput = Static<typeof SiteInput>;

export const SitePatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /** Only while the site has no visit (the visits answered the old type's form). */
  siteTypeId: Type.Optional(Type.Integer({ minimum: 1 })),
  location: Type.Optional(PointGeometry),
  customData: Type.Optional(CustomData),
  deletePhotos: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 5 })),
});
export type SitePatch = Static<typeof SitePatch>;

const Time = Type.Union([
  Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$' }),
  Type.Null(),
]);

/** A new visit (JSON, or the `visit` field of a multipart request with up to 5 `photo` files). */
export const VisitInput = Type.Object({
  visitedOn: Type.String({ format: 'date', description: 'YYYY-MM-DD, not in the future' }),
  visitedTime: Type.Optional(Time),
  comment: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  customData: Type.Optional(CustomData),
  photos: Type.Optional(PhotoMeta),
});
export type VisitInput = Static<typeof VisitInput>;

export const VisitPatch = Type.Object({
  /** The visit's observations take the new date too. */
  visitedOn: Type.Optional(Type.String({ format: 'date' })),
  visitedTime: Type.Optional(Time),
  comment: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  customData: Type.Optional(CustomData),
  deletePhotos: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 5 })),
});
export type VisitPatch = Static<typeof VisitPatch>;

/** A species recorded during a visit (its point is the observation's; see /api/observations/:id). */
export const VisitObservation = Type.Object({
  id: Type.String({ format: 'uuid' }),
  cdNom: Type.Integer(),
  scientificName: Type.String(),
  /** The vernacular name in the asked language, else the scientific name. */
  name: Type.String(),
  count: Type.Integer(),
  comment: Type.Union([Type.String(), Type.Null()]),
  observedTime: Type.Union([Type.String(), Type.Null()]),
  validationStatus: Type.String(),
  photos: Type.Array(Photo),
});
export type VisitObservation = Static<typeof VisitObservation>;

const Observer = Type.Union([
  Type.Object({ username: Type.String(), displayName: Type.Union([Type.String(), Type.Null()]) }),
  Type.Null(),
]);

export const Visit = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  programId: Type.Integer(),
  visitedOn: Type.String({ format: 'date' }),
  visitedTime: Type.Union([Type.String(), Type.Null()]),
  comment: Type.Union([Type.String(), Type.Null()]),
  customData: Type.Record(Type.String(), Type.Unknown()),
  /** Null once the account is gone. */
  observer: Observer,
  photos: Type.Array(Photo),
  observations: Type.Array(VisitObservation),
  /** Whether the user asking may change or delete it, and add species to it. */
  canEdit: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Visit = Static<typeof Visit>;

/** A visit just recorded or changed, with the badges this earned its observer. */
export const SavedVisit = Type.Object({ ...Visit.properties, newBadges: Type.Optional(NewBadges) });
export type SavedVisit = Static<typeof SavedVisit>;

const SiteTypeRef = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  pictogramUrl: Type.Union([Type.String(), Type.Null()]),
});

export const SiteListItem = Type.Object({
  id: Type.Integer(),
  programId: Type.Integer(),
  name: Type.String(),
  type: SiteTypeRef,
  location: PointGeometry,
  creator: Observer,
  /** The site's first photo, else the latest visit's. */
  photo: Type.Union([Photo, Type.Null()]),
  visitCount: Type.Integer(),
  lastVisitOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type SiteListItem = Static<typeof SiteListItem>;

export const SiteDetail = Type.Object({
  id: Type.Integer(),
  uuid: Type.String({ format: 'uuid' }),
  programId: Type.Integer(),
  name: Type.String(),
  type: SiteTypeRef,
  location: PointGeometry,
  customData: Type.Record(Type.String(), Type.Unknown()),
  creator: Observer,
  photos: Type.Array(Photo),
  visitCount: Type.Integer(),
  lastVisitOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  /** Oldest first. */
  visits: Type.Array(Visit),
  /** What the user asking may do. */
  permissions: Type.Object({
    edit: Type.Boolean(),
    /** The creator may delete a site only while nobody else visited it; admins always. */
    delete: Type.Boolean(),
    addVisit: Type.Boolean(),
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type SiteDetail = Static<typeof SiteDetail>;

export const SiteListQuery = Type.Object({
  /** A site type id. */
  type: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Only sites visited on or after this date. */
  visitedSince: Type.Optional(Type.String({ format: 'date' })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
export type SiteListQuery = Static<typeof SiteListQuery>;

export const SiteList = Type.Object({
  items: Type.Array(SiteListItem),
  total: Type.Integer(),
});
export type SiteList = Static<typeof SiteList>;

export const SiteMapQuery = Type.Object({
  type: Type.Optional(Type.Integer({ minimum: 1 })),
  visitedSince: Type.Optional(Type.String({ format: 'date' })),
});
export type SiteMapQuery = Static<typeof SiteMapQuery>;

export const SiteFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Integer(),
  geometry: PointGeometry,
  properties: Type.Object({
    name: Type.String(),
    siteTypeId: Type.Integer(),
    siteTypeName: Type.String(),
    pictogramUrl: Type.Union([Type.String(), Type.Null()]),
    visitCount: Type.Integer(),
    lastVisitOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    thumbUrl: Type.Union([Type.String(), Type.Null()]),
  }),
});
export type SiteFeature = Static<typeof SiteFeature>;

export const SiteFeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(SiteFeature),
});
export type SiteFeatureCollection = Static<typeof SiteFeatureCollection>;

/** The dashboard's "my sites and my visits". */
export const MySites = Type.Object({
  /** Sites I created, newest first. */
  created: Type.Array(SiteListItem),
  /** Sites of others I visited, most recently visited first. */
  visited: Type.Array(SiteListItem),
  /** My visits, newest first (at most 200). */
  visits: Type.Array(
    Type.Object({
      id: Type.Integer(),
      siteId: Type.Integer(),
      siteName: Type.String(),
      programId: Type.Integer(),
      visitedOn: Type.String({ format: 'date' }),
      speciesCount: Type.Integer(),
    }),
  ),
});
export type MySites = Static<typeof MySites>;
