import type { SiteFeatureCollection } from '@citizen/shared';

/**
 * The site map's pure parts: a colour per site type, the filter of what is shown, and what the
 * map drew (read by the end-to-end tests).
 */

/** Okabe and Ito's colour-blind-safe colours (the yellow left out: too pale on a map). */
export const TYPE_COLOURS = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#7a5c3e',
  '#444444',
] as const;

/** A site type's colour, from its place in the programme's list. */
export function typeColour(typeIds: number[], typeId: number): string {
  const index = typeIds.indexOf(typeId);
  return TYPE_COLOURS[(index < 0 ? typeIds.length : index) % TYPE_COLOURS.length]!;
}

/** MapLibre's circle colour: each site in its type's colour. */
export function colourExpression(typeIds: number[]): unknown {
  if (typeIds.length === 0) return TYPE_COLOURS[0];
  return [
    'match',
    ['get', 'siteTypeId'],
    ...typeIds.flatMap((id) => [id, typeColour(typeIds, id)]),
    TYPE_COLOURS[typeIds.length % TYPE_COLOURS.length],
  ];
}

export interface SiteFilter {
  /** Only this type. */
  type?: number | undefined;
  /** Only these sites (mine). */
  ids?: number[] | undefined;
}

/** MapLibre's layer filter for the chosen type and sites; null shows every site. */
export function filterExpression(filter: SiteFilter): unknown[] | null {
  const parts: unknown[] = [];
  if (filter.type !== undefined) parts.push(['==', ['get', 'siteTypeId'], filter.type]);
  if (filter.ids !== undefined) parts.push(['in', ['get', 'id'], ['literal', filter.ids]]);
  if (parts.length === 0) return null;
  return parts.length === 1 ? (parts[0] as unknown[]) : ['all', ...parts];
}

/** The sites as MapLibre takes them: the id copied into the properties (for filters). */
export function withIds(collection: SiteFeatureCollection) {
  return {
    type: 'FeatureCollection' as const,
    features: collection.features.map((feature) => ({
      ...feature,
      properties: { ...feature.properties, id: feature.id },
    })),
  };
}

/** The sites drawn, from queryRenderedFeatures (a feature may come back once per tile). */
export function renderedSites(
  features: readonly { properties: Record<string, unknown> }[],
): number[] {
  const ids = new Set<number>();
  for (const { properties } of features) {
    const id = Number(properties.id);
    if (Number.isInteger(id)) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}
