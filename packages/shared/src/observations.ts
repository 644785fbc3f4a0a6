import { Type, type Static } from 'typebox';
import { Locale } from './common.js';
import { PointGeometry } from './geojson.js';
import { Photo } from './media.js';

/** The SINP validation scale (STATUT_VALID 0 to 5), by name. */
export const VALIDATION_STATUSES = [
  'pending',
  'certain',
  'probable',
  'doubtful',
  'invalid',
  'not_assessable',
] as const;
export const ValidationStatus = Type.Enum(VALIDATION_STATUSES);
export type ValidationStatus = Static<typeof ValidationStatus>;

export const OBSERVATION_SORTS = ['date_desc', 'date_asc', 'created_desc'] as const;
export type ObservationSort = (typeof OBSERVATION_SORTS)[number];

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** The filters shared by the observation list, the map tiles and the exports. */
export const ObservationFilterQuery = Type.Object({
  taxon: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: 'A taxon (cd_nom): observations recorded under it or any of its synonyms',
    }),
  ),
  from: Type.Optional(Type.String({ format: 'date', description: 'Observed on or after' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Observed on or before' })),
  bbox: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'west,south,east,north in degrees (EPSG:4326), e.g. 4.8,45.7,4.9,45.8',
    }),
  ),
  area: Type.Optional(
    Type.Integer({ minimum: 1, description: 'An area (municipality, park…) by id' }),
  ),
  status: Type.Optional(
    Type.String({
      pattern: `^(${VALIDATION_STATUSES.join('|')})(,(${VALIDATION_STATUSES.join('|')}))*$`,
      description: `Validation statuses, comma-separated: ${VALIDATION_STATUSES.join(', ')}`,
    }),
  ),
  observer: Type.Optional(Type.Integer({ minimum: 1, description: "The observer's user id" })),
  hasPhoto: Type.Optional(Type.Boolean({ description: 'With (true) or without (false) photos' })),
  lang: Type.Optional(Locale),
});
export type ObservationFilterQuery = Static<typeof ObservationFilterQuery>;

export const ObservationListQuery = Type.Object({
  ...ObservationFilterQuery.properties,
  program: Type.Optional(Type.Integer({ minimum: 1, description: 'A programme by id' })),
  sort: Type.Enum(OBSERVATION_SORTS, {
    default: 'date_desc',
    description: 'date_desc (default), date_asc or created_desc (newest records first)',
  }),
  cursor: Type.Optional(
    Type.String({ maxLength: 300, description: "The previous page's nextCursor" }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
});
export type ObservationListQuery = Static<typeof ObservationListQuery>;

export const ObservationTaxon = Type.Object({
  cdNom: Type.Integer(),
  cdRef: Type.Integer(),
  scientificName: Type.String(),
  /** The vernacular name in the asked language, else the scientific name. */
  name: Type.String(),
});

/**
 * The latest word of an expert on an observation: a judgement (with its reason and comment) or
 * a question to the observer.
 */
export const ObservationReview = Type.Object({
  kind: Type.Union([Type.Literal('validated'), Type.Literal('question')]),
  /** The status given (a judgement); null for a question. */
  status: Type.Union([ValidationStatus, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  comment: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: 'date-time' }),
});
export type ObservationReview = Static<typeof ObservationReview>;

export const ObservationListItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  program: Type.Object({ id: Type.Integer(), slug: Type.String(), title: Type.String() }),
  taxon: ObservationTaxon,
  observedOn: Type.String({ format: 'date' }),
  observedTime: Type.Union([Type.String(), Type.Null()]),
  count: Type.Integer(),
  /** The exact point for its observer, validators and admins; else, for a sensitive taxon, the centre of its grid cell. */
  location: PointGeometry,
  /** True when `location` is a grid cell centre; `coordinateUncertaintyM` then covers the cell. */
  blurred: Type.Boolean(),
  coordinateUncertaintyM: Type.Union([Type.Integer(), Type.Null()]),
  municipality: Type.Union([Type.String(), Type.Null()]),
  validationStatus: ValidationStatus,
  photos: Type.Array(Photo),
  /** The observer's display name (never an e-mail address). */
  observer: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  /**
   * Only for its observer and experts (validators, admins), who may also read the full history
   * at GET /api/observations/{id}/validation: the latest judgement or question, null before any.
   * Absent for everyone else.
   */
  review: Type.Optional(Type.Union([ObservationReview, Type.Null()])),
});
export type ObservationListItem = Static<typeof ObservationListItem>;

export const ObservationList = Type.Object({
  items: Type.Array(ObservationListItem),
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type ObservationList = Static<typeof ObservationList>;

export const ObservationDetail = Type.Intersect([
  ObservationListItem,
  Type.Object({
    comment: Type.Union([Type.String(), Type.Null()]),
    customData: Type.Record(Type.String(), Type.Unknown()),
    /** The observer asked to blur its point for the public. */
    obscured: Type.Boolean(),
    /** Its taxon is not on the programme's species list (allowed by the programme): check it. */
    offList: Type.Boolean(),
    taxonDetails: Type.Object({
      authority: Type.Union([Type.String(), Type.Null()]),
      rank: Type.String(),
      kingdom: Type.Union([Type.String(), Type.Null()]),
      phylum: Type.Union([Type.String(), Type.Null()]),
      class: Type.Union([Type.String(), Type.Null()]),
      order: Type.Union([Type.String(), Type.Null()]),
      family: Type.Union([Type.String(), Type.Null()]),
    }),
    updatedAt: Type.String({ format: 'date-time' }),
  }),
]);
export type ObservationDetail = Static<typeof ObservationDetail>;

export const ObservationStats = Type.Object({
  observations: Type.Integer(),
  /** Distinct accepted taxa (cd_ref). */
  species: Type.Integer(),
  /** Distinct registered observers, plus distinct names given by anonymous observers. */
  observers: Type.Integer(),
  /** Changes with every change to the data counted here: usable as a cache key (e.g. `v=` on tile URLs). */
  dataVersion: Type.String(),
});
export type ObservationStats = Static<typeof ObservationStats>;

export const PlatformStats = Type.Intersect([
  ObservationStats,
  Type.Object({ programs: Type.Integer({ description: 'Active programmes' }) }),
]);
export type PlatformStats = Static<typeof PlatformStats>;

export const TileParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  z: Type.Integer({ minimum: 0, maximum: 22 }),
  x: Type.Integer({ minimum: 0 }),
  y: Type.Integer({ minimum: 0 }),
});
