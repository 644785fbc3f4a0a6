import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { DomainError } from '../http/errors.js';

type Geometry = { type: string; coordinates?: unknown; geometries?: Geometry[] };

/**
 * Reads an area sent as GeoJSON (a geometry, a Feature or a FeatureCollection) or KML, and returns
 * its polygons as one GeoJSON MultiPolygon. The database then repairs and checks it (see
 * `areaSql`).
 */
export function parseArea(input: string | object, filename = ''): Geometry {
  const source = typeof input === 'string' ? readText(input, filename) : input;
  const polygons = collectPolygons(source);
  if (polygons.length === 0) throw new DomainError('program.areaNoPolygon');
  for (const polygon of polygons) checkLonLat(polygon);
  return { type: 'MultiPolygon', coordinates: polygons };
}

function readText(text: string, filename: string): object {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<') || /\.kml$/i.test(filename)) {
    const document = new DOMParser({ onError: () => {} }).parseFromString(text, 'text/xml');
    if (!document?.documentElement || document.getElementsByTagName('parsererror').length > 0) {
      throw new DomainError('program.areaUnreadable');
    }
    return kml(document as unknown as Parameters<typeof kml>[0]);
  }
  try {
    return JSON.parse(text) as object;
  } catch {
    throw new DomainError('program.areaUnreadable');
  }
}

function collectPolygons(value: unknown): unknown[][] {
  const node = value as {
    type?: string;
    coordinates?: unknown;
    geometry?: unknown;
    features?: unknown[];
    geometries?: unknown[];
  };
  switch (node?.type) {
    case 'FeatureCollection':
      return (node.features ?? []).flatMap(collectPolygons);
    case 'Feature':
      return collectPolygons(node.geometry);
    case 'GeometryCollection':
      return (node.geometries ?? []).flatMap(collectPolygons);
    case 'Polygon':
      return [node.coordinates as unknown[]];
    case 'MultiPolygon':
      return node.coordinates as unknown[][];
    case 'Point':
    case 'MultiPoint':
    case 'LineString':
    case 'MultiLineString':
      return [];
    default:
      throw new DomainError('program.areaNotGeoJson');
  }
}

function checkLonLat(polygon: unknown[]) {
  for (const ring of polygon) {
    if (!Array.isArray(ring) || ring.length < 4) {
      throw new DomainError('program.areaRingTooShort');
    }
    for (const position of ring) {
      const [lon, lat] = position as number[];
      if (
        typeof lon !== 'number' ||
        typeof lat !== 'number' ||
        Math.abs(lon) > 180 ||
        Math.abs(lat) > 90
      ) {
        throw new DomainError('program.areaNotWgs84');
      }
    }
  }
}
