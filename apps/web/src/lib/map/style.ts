import type { BaseLayer } from '@citizen/shared';
import type {
  AddLayerObject,
  CircleLayerSpecification,
  ExpressionSpecification,
  Map as MapLibreMap,
  MapOptions,
} from 'maplibre-gl';

/** A style document, or the URL of one. */
export type MapStyle = NonNullable<MapOptions['style']>;
export type StyleSpecification = Exclude<MapStyle, string>;

export const colors = {
  land: '#eef1e8',
  water: '#b9d3e3',
  river: '#8fb6cf',
  border: '#9a8fa8',
  area: '#1f6f43',
  areaCasing: '#ffffff',
  cellSmall: '#7cc493',
  cellMedium: '#3a9d63',
  cellLarge: '#1f6f43',
  point: '#c2410c',
  blurred: '#e9a23b',
  halo: '#ffffff',
  stored: '#1e3a8a',
} as const;

/** Our layers carry this in their metadata, so that switching the base map keeps them. */
const DATA = 'citizen:data';

/**
 * The offline backdrop (scripts/map-backdrop.js): land, lakes, rivers and borders, served by
 * the web app itself. It lies under every raster base map and shows where its tiles fail.
 */
export const MAP_BACKDROP_PATH = '/map/backdrop.json';
const BACKDROP = 'backdrop';

function backdropLayers(): StyleSpecification['layers'] {
  const kind = (value: string) => ['==', ['get', 'kind'], value] as ['==', ['get', string], string];
  return [
    { id: 'backdrop-sea', type: 'background', paint: { 'background-color': colors.water } },
    {
      id: 'backdrop-land',
      type: 'fill',
      source: BACKDROP,
      filter: kind('land'),
      paint: { 'fill-color': colors.land },
    },
    {
      id: 'backdrop-lakes',
      type: 'fill',
      source: BACKDROP,
      filter: kind('lake'),
      paint: { 'fill-color': colors.water },
    },
    {
      id: 'backdrop-rivers',
      type: 'line',
      source: BACKDROP,
      filter: kind('river'),
      paint: {
        'line-color': colors.river,
        'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.5, 10, 2],
      },
    },
    {
      id: 'backdrop-borders',
      type: 'line',
      source: BACKDROP,
      filter: kind('border'),
      paint: { 'line-color': colors.border, 'line-width': 1, 'line-dasharray': [3, 2] },
    },
  ];
}

/**
 * The base map under the data: the backdrop, and the chosen raster layer over it. The backdrop
 * needs no tiles, glyphs or sprite, and comes from the web app: it draws with no network
 * beyond it. A `style` base layer is the operator's whole style, used as it is.
 * `origin` makes the backdrop's address absolute (MapLibre's worker fetches it).
 */
export function buildStyle(baseLayer: BaseLayer | undefined, origin: string): MapStyle {
  if (baseLayer?.type === 'style') return baseLayer.url;

  const style: StyleSpecification = {
    version: 8,
    sources: { [BACKDROP]: { type: 'geojson', data: new URL(MAP_BACKDROP_PATH, origin).href } },
    layers: backdropLayers(),
  };
  if (baseLayer?.type === 'raster') {
    style.sources[baseLayer.id] = {
      type: 'raster',
      tiles: baseLayer.tiles,
      tileSize: baseLayer.tileSize ?? 256,
      ...(baseLayer.maxzoom !== undefined && { maxzoom: baseLayer.maxzoom }),
      ...(baseLayer.attribution !== undefined && { attribution: baseLayer.attribution }),
    };
    style.layers.push({ id: baseLayer.id, type: 'raster', source: baseLayer.id });
  }
  return style;
}

/** Whether a map error is about a base map's tiles, which the backdrop stands in for. */
export function isBaseMapError(event: { sourceId?: string }, baseLayers: BaseLayer[]): boolean {
  return event.sourceId === BACKDROP || baseLayers.some((layer) => layer.id === event.sourceId);
}

/** Replaces the base map and keeps the data sources and layers drawn over it. */
export function switchBaseLayer(map: MapLibreMap, baseLayer: BaseLayer | undefined): void {
  map.setStyle(buildStyle(baseLayer, location.origin), {
    diff: false,
    transformStyle: (previous, next) => {
      if (!previous) return next;
      const dataLayers = previous.layers.filter((layer) => isDataLayer(layer.metadata));
      const dataSources = new Set(
        dataLayers.map((layer) => ('source' in layer ? layer.source : '')),
      );
      return {
        ...next,
        sources: {
          ...next.sources,
          ...Object.fromEntries(
            Object.entries(previous.sources).filter(([id]) => dataSources.has(id)),
          ),
        },
        layers: [...next.layers, ...dataLayers],
      };
    },
  });
}

const isDataLayer = (metadata: unknown) =>
  typeof metadata === 'object' && metadata !== null && DATA in metadata;

const data = { metadata: { [DATA]: true } };

/** A programme's area: a light fill and a dashed outline over a white casing. */
export function areaLayers(source: string): AddLayerObject[] {
  return [
    {
      ...data,
      id: `${source}-fill`,
      type: 'fill',
      source,
      paint: { 'fill-color': colors.area, 'fill-opacity': 0.06 },
    },
    {
      ...data,
      id: `${source}-casing`,
      type: 'line',
      source,
      paint: { 'line-color': colors.areaCasing, 'line-width': 4, 'line-opacity': 0.8 },
    },
    {
      ...data,
      id: `${source}-outline`,
      type: 'line',
      source,
      paint: { 'line-color': colors.area, 'line-width': 2, 'line-dasharray': [3, 2] },
    },
  ];
}

/** The frame of what is stored for offline use: a solid line, apart from the dashed area. */
export function storedFrameLayers(source: string): AddLayerObject[] {
  return [
    {
      ...data,
      id: `${source}-frame`,
      type: 'line',
      source,
      paint: { 'line-color': colors.stored, 'line-width': 2, 'line-opacity': 0.7 },
    },
  ];
}

/** The vector tiles' layers (apps/api/src/map/tiles.ts): grid cells with a count, and points. */
export const TILE_CELL_LAYER = 'clusters';
export const TILE_POINT_LAYER = 'observations';

/** A circle sized and coloured by how many observations it stands for. */
function countCircle(count: ExpressionSpecification): CircleLayerSpecification['paint'] {
  return {
    'circle-color': ['step', count, colors.cellSmall, 10, colors.cellMedium, 100, colors.cellLarge],
    'circle-radius': ['step', count, 12, 10, 16, 100, 21, 1000, 26],
    'circle-opacity': 0.85,
    'circle-stroke-color': colors.halo,
    'circle-stroke-width': 2,
  };
}

const pointPaint: CircleLayerSpecification['paint'] = {
  'circle-color': ['case', ['==', ['get', 'blurred'], true], colors.blurred, colors.point],
  'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 5, 16, 8],
  'circle-stroke-color': colors.halo,
  'circle-stroke-width': 1.5,
};

/**
 * A programme's observations: the tiles' cells where a tile holds too many to send one by one,
 * and the tiles' points copied into a GeoJSON source (`pointSource`, see tile-points.ts) that
 * MapLibre clusters, so that nearby points merge into a counted circle.
 */
export function tileLayers(
  tileSource: string,
  pointSource: string,
): {
  cells: string;
  clusters: string;
  points: string;
  layers: AddLayerObject[];
} {
  const cells = `${tileSource}-cells`;
  const clustered = clusteredPointLayers(pointSource);
  return {
    cells,
    clusters: clustered.clusters,
    points: clustered.points,
    layers: [
      {
        ...data,
        id: cells,
        type: 'circle',
        source: tileSource,
        'source-layer': TILE_CELL_LAYER,
        paint: countCircle(['get', 'count']),
      },
      ...clustered.layers,
    ],
  };
}

/** Options of a GeoJSON source whose points tileLayers and clusteredPointLayers draw. */
export const CLUSTERING = { cluster: true, clusterRadius: 40, clusterMaxZoom: 15 } as const;

/** Points from a GeoJSON source clustered by MapLibre (CLUSTERING): counted circles and points. */
export function clusteredPointLayers(source: string): {
  clusters: string;
  points: string;
  layers: AddLayerObject[];
} {
  const clusters = `${source}-clusters`;
  const points = `${source}-points`;
  return {
    clusters,
    points,
    layers: [
      {
        ...data,
        id: clusters,
        type: 'circle',
        source,
        filter: ['has', 'point_count'],
        paint: countCircle(['get', 'point_count']),
      },
      {
        ...data,
        id: points,
        type: 'circle',
        source,
        filter: ['!', ['has', 'point_count']],
        paint: pointPaint,
      },
    ],
  };
}
