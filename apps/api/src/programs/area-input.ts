import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { BadRequestError } from '../http/errors.js';

type Geometry = { type: string; coordinates?: unknown; geometries?: Geometry[] };

/**
 * Reads an area sent as GeoJSON (a geometry, a Feature or a FeatureCollection) or KML, and returns
 * its polygons as one GeoJSON MultiPolygon. The database then repairs and checks it (see
 * `areaSql`).
 */
export function parseArea(input: string | object, filename = ''): Geometry {
  const source = typeof input === 'string' ? readText(input, filename) : input;
  const polygons = collectPolygons(source);
  if (polygons.length === 0) throw new BadRequestError('The area has no polygon');
  for (const polygon of polygons) checkLonLat(polygon);
  return { type: 'MultiPolygon', coordinates: polygons };
}

function readText(text: string, filename: string): object {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<') || /\.kml$/i.test(filename)) {
    const document = new DOMParser({ onError: () => {} }).parseFromString(text, 'text/xml');
    if (!document?.documentElement || document.getElementsByTagName('parsererror').length > 0) {
      throw new BadRequestError('The area file is neither GeoJSON nor valid KML');
    }
    return kml(document as unknown as Parameters<typeof kml>[0]);
  }
  try {
    return JSON.parse(text) as object;
  } catch {
    throw new BadRequestError('The area file is neither GeoJSON nor valid KML');
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
      throw new BadRequestError(
        'The area must be GeoJSON (geometry, Feature or FeatureCollection) or KML',
      );
  }
}

function checkLonLat(polygon: unknown[]) {
  for (const ring of polygon) {
    if (!Array.isArray(ring) || ring.length < 4) {
      throw new BadRequestError('Each ring of the area needs at least 4 positions');
    }
    for (const position of ring) {
      const [lon, lat] = position as number[];
      if (
        typeof lon !== 'number' ||
        typeof lat !== 'number' ||
        Math.abs(lon) > 180 ||
        Math.abs(lat) > 90
      ) {
        throw new BadRequestError(
          'The area coordinates must be WGS 84 longitude/latitude in degrees (EPSG:4326)',
        );
      }
    }
  }
}
