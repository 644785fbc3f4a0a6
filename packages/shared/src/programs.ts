import { Type, type Static } from 'typebox';
import { BBox, PointGeometry, PolygonalGeometry } from './geojson.js';

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
  }),
]);
export type ProgramDetail = Static<typeof ProgramDetail>;

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
