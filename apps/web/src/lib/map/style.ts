import type { BaseLayer } from '@citizen/shared';
import type { AddLayerObject, Map as MapLibreMap, MapOptions } from 'maplibre-gl';

/** A style document, or the URL of one. */
export type MapStyle = NonNullable<MapOptions['style']>;
export type StyleSpecification = Exclude<MapStyle, string>;

export const colors = {
  land: '#eef1e8',
  area: '#1f6f43',
  areaCasing: '#ffffff',
  cellSmall: '#7cc493',
  cellMedium: '#3a9d63',
  cellLarge: '#1f6f43',
  point: '#c2410c',
  blurred: '#e9a23b',
  halo: '#ffffff',
} as const;

/** Our layers carry this in their metadata, so that switching the base map keeps them. */
const DATA = 'citizen:data';

/**
 * The base map under the data. Without a base layer the map is a plain land-coloured
 * background: no tiles, glyphs or sprite, so it needs no network at all.
 */
export function buildStyle(baseLayer: BaseLayer | undefined): MapStyle {
  if (baseLayer?.type === 'style') return baseLayer.url;

  const style: StyleSpecification = {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': colors.land } }],
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

/** Replaces the base map and keeps the data sources and layers drawn over it. */
export function switchBaseLayer(map: MapLibreMap, baseLayer: BaseLayer | undefined): void {
  map.setStyle(buildStyle(baseLayer), {
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

/** The vector tiles' layers (apps/api/src/map/tiles.ts): grid cells with a count, and points. */
export const TILE_CELL_LAYER = 'clusters';
export const TILE_POINT_LAYER = 'observations';

/** Circles only: no text, so no glyphs are needed and the plain style works offline. */
export function tileLayers(source: string): {
  cells: string;
  points: string;
  layers: AddLayerObject[];
} {
  const cells = `${source}-cells`;
  const points = `${source}-points`;
  return {
    cells,
    points,
    layers: [
      {
        ...data,
        id: cells,
        type: 'circle',
        source,
        'source-layer': TILE_CELL_LAYER,
        paint: {
          'circle-color': [
            'step',
            ['get', 'count'],
            colors.cellSmall,
            10,
            colors.cellMedium,
            100,
            colors.cellLarge,
          ],
          'circle-radius': ['step', ['get', 'count'], 9, 2, 12, 10, 16, 100, 21, 1000, 26],
          'circle-opacity': 0.85,
          'circle-stroke-color': colors.halo,
          'circle-stroke-width': 2,
        },
      },
      {
        ...data,
        id: points,
        type: 'circle',
        source,
        'source-layer': TILE_POINT_LAYER,
        paint: {
          'circle-color': ['case', ['==', ['get', 'blurred'], true], colors.blurred, colors.point],
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 5, 16, 8],
          'circle-stroke-color': colors.halo,
          'circle-stroke-width': 1.5,
        },
      },
    ],
  };
}

/** Points from a GeoJSON source clustered by MapLibre (the dashboard's own observations). */
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
        paint: {
          'circle-color': colors.cellMedium,
          'circle-radius': ['step', ['get', 'point_count'], 12, 10, 16, 100, 21],
          'circle-opacity': 0.85,
          'circle-stroke-color': colors.halo,
          'circle-stroke-width': 2,
        },
      },
      {
        ...data,
        id: points,
        type: 'circle',
        source,
        filter: ['!', ['has', 'point_count']],
        paint: {
          'circle-color': colors.point,
          'circle-radius': 7,
          'circle-stroke-color': colors.halo,
          'circle-stroke-width': 1.5,
        },
      },
    ],
  };
}
