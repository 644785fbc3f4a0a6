/** A feature as MapLibre's queryRenderedFeatures returns it. */
interface RenderedFeature {
  properties: Record<string, unknown>;
  geometry: unknown;
}

/**
 * How many observations the rendered tile cells, clusters and points stand for: a point is one,
 * a cell counts its `count`, a cluster its `point_count`. A feature is returned once per tile it touches, hence the deduplication.
 * The end-to-end tests compare it with the programme's count.
 */
export function countRendered(features: readonly RenderedFeature[]): number {
  const seen = new Set<string>();
  let total = 0;
  for (const { properties, geometry } of features) {
    const isCell = properties.id === undefined;
    const key = isCell
      ? `cell:${JSON.stringify(geometry)}:${String(properties.point_count ?? properties.count)}`
      : `point:${String(properties.id)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    total += isCell ? Number(properties.point_count ?? properties.count ?? 0) : 1;
  }
  return total;
}
