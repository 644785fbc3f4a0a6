import type { BaseLayer } from '@citizen/shared';
import type { AddLayerObject, MapOptions } from 'maplibre-gl';

/** A style document, or the URL of one. */
export type MapStyle = NonNullable<MapOptions['style']>;
export type StyleSpecification = Exclude<MapStyle, string>;

export const AREA_SOURCE = 'program-area';
export const OBSERVATION_SOURCE = 'observations';
export const AREA_FILL_LAYER = 'program-area-fill';
export const AREA_OUTLINE_LAYER = 'program-area-outline';
export const CLUSTER_LAYER = 'observation-clusters';
export const POINT_LAYER = 'observation-points';

export const colors = {
  land: '#eef1e8',
  area: '#1f6f43',
  clusterSmall: '#7cc493',
  clusterMedium: '#3a9d63',
  clusterLarge: '#1f6f43',
  point: '#c2410c',
  halo: '#ffffff',
} as const;

/**
 * The base map under the programme data. Without a configured base layer the map is a plain
 * land-coloured background: no tiles, glyphs or sprite, so it needs no network at all.
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

/** Layers drawn over the base map, bottom to top. Circles only: no text, so no glyphs needed. */
export function dataLayers(): AddLayerObject[] {
  return [
    {
      id: AREA_FILL_LAYER,
      type: 'fill',
      source: AREA_SOURCE,
      paint: { 'fill-color': colors.area, 'fill-opacity': 0.08 },
    },
    {
      id: AREA_OUTLINE_LAYER,
      type: 'line',
      source: AREA_SOURCE,
      paint: { 'line-color': colors.area, 'line-width': 2, 'line-opacity': 0.8 },
    },
    {
      id: CLUSTER_LAYER,
      type: 'circle',
      source: OBSERVATION_SOURCE,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': [
          'step',
          ['get', 'point_count'],
          colors.clusterSmall,
          10,
          colors.clusterMedium,
          100,
          colors.clusterLarge,
        ],
        'circle-radius': ['step', ['get', 'point_count'], 12, 10, 17, 100, 23, 1000, 30],
        'circle-opacity': 0.85,
        'circle-stroke-color': colors.halo,
        'circle-stroke-width': 2,
      },
    },
    {
      id: POINT_LAYER,
      type: 'circle',
      source: OBSERVATION_SOURCE,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': colors.point,
        'circle-radius': 6,
        'circle-stroke-color': colors.halo,
        'circle-stroke-width': 1.5,
      },
    },
  ];
}
