import type { BBox, PolygonalGeometry } from '@citizen/shared';

type Ring = number[][];

/** Even-odd ray casting: true when [lng, lat] lies inside the ring. */
function inRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point is inside the polygon(s), holes excluded. */
export function pointInArea(point: [number, number], area: PolygonalGeometry): boolean {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  return polygons.some(
    ([outer, ...holes]) =>
      outer !== undefined && inRing(point, outer) && !holes.some((hole) => inRing(point, hole)),
  );
}

/** [west, south, east, north] of some points. */
export function boundsOf(points: readonly (readonly number[])[]): BBox | undefined {
  if (points.length === 0) return undefined;
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng = 0, lat = 0] of points) {
    west = Math.min(west, lng);
    east = Math.max(east, lng);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return [west, south, east, north];
}

/** Rounds degrees to about 1 m, enough for an observation and shorter to read. */
export const roundCoordinate = (value: number) => Math.round(value * 1e5) / 1e5;
