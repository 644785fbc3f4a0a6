import { Type, type Static } from 'typebox';
import { BBox, PointGeometry, PolygonalGeometry } from './geojson.js';

/** A programme's custom form: a JSON Schema for the answers, and optional layout hints. */
export const CustomForm = Type.Object({
  jsonSchema: Type.Record(Type.String(), Type.Unknown()),
  uiSchema: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type CustomForm = Static<typeof CustomForm>;

export const ProgramKind = Type.Union([Type.Literal('observations'), Type.Literal('sites')]);

export const ProgramSummary = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  kind: ProgramKind,
  title: Type.String(),
  shortDescription: Type.String(),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  observationCount: Type.Integer(),
  speciesCount: Type.Integer(),
  bbox: BBox,
});
export type ProgramSummary = Static<typeof ProgramSummary>;

export const ProgramList = Type.Object({ items: Type.Array(ProgramSummary) });
export type ProgramList = Static<typeof ProgramList>;

export const ProgramDetail = Type.Intersect([
  ProgramSummary,
  Type.Object({
    longDescription: Type.String(),
    area: PolygonalGeometry,
    registrationRequired: Type.Boolean(),
    startsOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    endsOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    projectId: Type.Union([Type.Integer(), Type.Null()]),
    /** Null: observers may pick any taxon of the taxonomy. */
    speciesListId: Type.Union([Type.Integer(), Type.Null()]),
    form: Type.Union([CustomForm, Type.Null()]),
    licence: Type.String(),
    publicValidatedOnly: Type.Boolean(),
    /** Every observation's point is blurred at least at this level (0 none; 1, 2, 3: 1, 5, 10 km). */
    minSensitivity: Type.Integer({ minimum: 0, maximum: 3 }),
    /**
     * With a species list: observers may also record a taxon of the whole taxonomy ("species not
     * in the list"), flagged `offList` for the validators.
     */
    allowOffList: Type.Boolean(),
  }),
]);
export type ProgramDetail = Static<typeof ProgramDetail>;

/** What an administrator sends to create a programme. */
export const ProgramInput = Type.Object({
  slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  shortDescription: Type.Optional(Type.String({ maxLength: 500 })),
  /** Rich text (HTML); anything but simple formatting, links and images is removed. */
  longDescription: Type.Optional(Type.String({ maxLength: 100_000 })),
  kind: Type.Optional(ProgramKind),
  projectId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  /** GeoJSON (Polygon, MultiPolygon, Feature or FeatureCollection) in WGS 84; checked and repaired. */
  area: Type.Unknown(),
  speciesListId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  form: Type.Optional(Type.Union([CustomForm, Type.Null()])),
  registrationRequired: Type.Optional(Type.Boolean()),
  startsOn: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
  endsOn: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
  isActive: Type.Optional(Type.Boolean()),
  licence: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  /** Show the public only observations validated as certain or probable. */
  publicValidatedOnly: Type.Optional(Type.Boolean()),
  /** Blur every observation's point at least at this level (0 none; 1, 2, 3: 1, 5, 10 km cells). */
  minSensitivity: Type.Optional(Type.Integer({ minimum: 0, maximum: 3 })),
  /** With a species list: also accept taxa that are not on it, flagged for the validators. */
  allowOffList: Type.Optional(Type.Boolean()),
});
export type ProgramInput = Static<typeof ProgramInput>;

export const ProgramPatch = Type.Partial(ProgramInput);
export type ProgramPatch = Static<typeof ProgramPatch>;

export const AdminProgram = Type.Intersect([
  ProgramDetail,
  Type.Object({
    isActive: Type.Boolean(),
    /** What the server changed in what was sent, e.g. a repaired area. */
    notices: Type.Array(Type.String()),
  }),
]);
export type AdminProgram = Static<typeof AdminProgram>;

export const Project = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  shortDescription: Type.String(),
});
export type Project = Static<typeof Project>;

export const ProjectInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  shortDescription: Type.Optional(Type.String({ maxLength: 500 })),
});
export type ProjectInput = Static<typeof ProjectInput>;

export const ObservationFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String({ format: 'uuid' }),
  geometry: PointGeometry,
  properties: Type.Object({
    cdNom: Type.Integer(),
    taxonName: Type.String(),
    scientificName: Type.String(),
    observedOn: Type.String({ format: 'date' }),
    count: Type.Integer(),
  }),
});
export type ObservationFeature = Static<typeof ObservationFeature>;

export const ObservationFeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(ObservationFeature),
  /** True when more observations match than the limit returned. */
  truncated: Type.Boolean(),
});
export type ObservationFeatureCollection = Static<typeof ObservationFeatureCollection>;
