import { Type, type Static } from 'typebox';
import { Locale } from './common.js';

/** A base layer the map can show under the data. */
export const BaseLayer = Type.Union([
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    type: Type.Literal('raster'),
    tiles: Type.Array(Type.String(), { minItems: 1 }),
    tileSize: Type.Optional(Type.Integer()),
    maxzoom: Type.Optional(Type.Integer()),
    attribution: Type.Optional(Type.String()),
  }),
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    type: Type.Literal('style'),
    url: Type.String(),
  }),
]);
export type BaseLayer = Static<typeof BaseLayer>;

/** Public settings the web app reads at request time (no rebuild to change them). */
export const PublicSettings = Type.Object({
  siteName: Type.String(),
  defaultLocale: Locale,
  map: Type.Object({
    baseLayers: Type.Array(BaseLayer),
  }),
});
export type PublicSettings = Static<typeof PublicSettings>;
