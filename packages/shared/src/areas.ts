import { Type, type Static } from 'typebox';

/** Administrative areas (municipalities, departments, parks…) imported from GeoJSON. */
export const Area = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  code: Type.String(),
  name: Type.String(),
});
export type Area = Static<typeof Area>;

/** An area kind: lower-case letters and underscores (municipality, department, natural_park). */
export const AREA_KIND_PATTERN = '^[a-z][a-z_]*$';
export const AreaKind = Type.String({ pattern: AREA_KIND_PATTERN, maxLength: 50 });

/** Largest GeoJSON file an area import takes (the API reads it in memory). */
export const AREA_FILE_MAX_BYTES = 200_000_000;

/** The feature properties read for an area's code and name when the import names none. */
export const AREA_CODE_PROPERTIES = ['code', 'insee', 'code_insee', 'INSEE_COM', 'INSEE', 'id'];
export const AREA_NAME_PROPERTIES = ['name', 'nom', 'NOM', 'NOM_COM', 'libelle'];

/** The areas of one kind: how many, and when the last import changed them. */
export const AreaKindSummary = Type.Object({
  kind: Type.String(),
  count: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type AreaKindSummary = Static<typeof AreaKindSummary>;

export const AreaKinds = Type.Object({ items: Type.Array(AreaKindSummary) });
export type AreaKinds = Static<typeof AreaKinds>;

/** What a GeoJSON import did: areas are matched on (kind, code). */
export const AreaImportReport = Type.Object({
  kind: Type.String(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  /** The feature properties the codes and names were read from. */
  codeProperty: Type.Optional(Type.String()),
  nameProperty: Type.Optional(Type.String()),
});
export type AreaImportReport = Static<typeof AreaImportReport>;
