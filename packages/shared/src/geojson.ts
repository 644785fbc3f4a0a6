import { Type, type Static } from 'typebox';

/** [longitude, latitude] in EPSG:4326. */
export const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });

export const PointGeometry = Type.Object({
  type: Type.Literal('Point'),
  coordinates: Position,
});
export type PointGeometry = Static<typeof PointGeometry>;

export const PolygonalGeometry = Type.Union([
  Type.Object({
    type: Type.Literal('Polygon'),
    coordinates: Type.Array(Type.Array(Position)),
  }),
  Type.Object({
    type: Type.Literal('MultiPolygon'),
    coordinates: Type.Array(Type.Array(Type.Array(Position))),
  }),
]);
export type PolygonalGeometry = Static<typeof PolygonalGeometry>;

/** [west, south, east, north] */
export const BBox = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]);
export type BBox = Static<typeof BBox>;
