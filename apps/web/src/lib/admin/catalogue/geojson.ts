import { AREA_CODE_PROPERTIES, AREA_NAME_PROPERTIES } from '@citizen/shared';

/** What an area file holds, read in the browser before it is sent: to choose the properties. */
export type GeoJsonOutline = {
  features: number;
  /** The first feature's properties, with their values, in file order. */
  properties: { name: string; sample: string }[];
  /** The properties the API would read the code and name from when none is named. */
  codeProperty: string | null;
  nameProperty: string | null;
};

/** Files larger than this are sent without being read first (the browser would struggle). */
export const OUTLINE_MAX_BYTES = 30_000_000;

const present = (value: unknown) =>
  value !== undefined && value !== null && (typeof value !== 'string' || value.trim() !== '');

/** Reads a GeoJSON text as the area import will; null when it is not a FeatureCollection. */
export function outlineGeoJson(text: string): GeoJsonOutline | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const collection = parsed as { type?: unknown; features?: unknown };
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    collection.type !== 'FeatureCollection' ||
    !Array.isArray(collection.features)
  ) {
    return null;
  }
  const features = collection.features as { properties?: Record<string, unknown> | null }[];
  const first = features[0]?.properties ?? {};
  const properties = Object.entries(first)
    .filter(([, value]) => present(value) && typeof value !== 'object')
    .map(([name, value]) => ({ name, sample: String(value).slice(0, 60) }));
  const pick = (candidates: string[]) => candidates.find((key) => present(first[key])) ?? null;
  return {
    features: features.length,
    properties,
    codeProperty: pick(AREA_CODE_PROPERTIES),
    nameProperty: pick(AREA_NAME_PROPERTIES),
  };
}

/** An area kind as the API takes it: lower-case letters and underscores. */
export const isAreaKind = (kind: string) => /^[a-z][a-z_]*$/.test(kind) && kind.length <= 50;
