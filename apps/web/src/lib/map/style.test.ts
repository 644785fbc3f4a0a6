import { describe, expect, it } from 'vitest';
import type { BaseLayer } from '@citizen/shared';
import {
  AREA_SOURCE,
  CLUSTER_LAYER,
  OBSERVATION_SOURCE,
  POINT_LAYER,
  buildStyle,
  dataLayers,
  type StyleSpecification,
} from './style';

function asSpec(style: ReturnType<typeof buildStyle>): StyleSpecification {
  if (typeof style === 'string') throw new Error('expected a style document, got a URL');
  return style;
}

describe('buildStyle', () => {
  it('falls back to a plain background that needs no network', () => {
    const style = asSpec(buildStyle(undefined));
    expect(style.version).toBe(8);
    expect(style.sources).toEqual({});
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(style.layers).toHaveLength(1);
    expect(style.layers[0]).toMatchObject({ type: 'background' });
    expect(JSON.stringify(style)).not.toMatch(/https?:/);
  });

  it('puts a raster base layer over the background', () => {
    const baseLayer: BaseLayer = {
      id: 'osm',
      name: 'OpenStreetMap',
      type: 'raster',
      tiles: ['https://tiles.example.org/{z}/{x}/{y}.png'],
      maxzoom: 19,
      attribution: '© OpenStreetMap contributors',
    };
    const style = asSpec(buildStyle(baseLayer));
    expect(style.sources.osm).toEqual({
      type: 'raster',
      tiles: ['https://tiles.example.org/{z}/{x}/{y}.png'],
      tileSize: 256,
      maxzoom: 19,
      attribution: '© OpenStreetMap contributors',
    });
    expect(style.layers.map((layer) => layer.type)).toEqual(['background', 'raster']);
    expect(style.layers[1]).toMatchObject({ id: 'osm', source: 'osm' });
    expect(style.glyphs).toBeUndefined();
  });

  it('leaves optional raster settings out when they are not given', () => {
    const style = asSpec(
      buildStyle({
        id: 'b',
        name: 'B',
        type: 'raster',
        tiles: ['https://t/{z}/{x}/{y}'],
        tileSize: 512,
      }),
    );
    expect(style.sources.b).toEqual({
      type: 'raster',
      tiles: ['https://t/{z}/{x}/{y}'],
      tileSize: 512,
    });
  });

  it('uses the URL of a style base layer as is', () => {
    const url = 'https://maps.example.org/style.json';
    expect(buildStyle({ id: 's', name: 'S', type: 'style', url })).toBe(url);
  });
});

describe('dataLayers', () => {
  it('draws the area under clustered and single observations, without any text', () => {
    const layers = dataLayers();
    expect(layers.map((layer) => layer.id).slice(-2)).toEqual([CLUSTER_LAYER, POINT_LAYER]);
    expect(layers.every((layer) => layer.type !== 'symbol')).toBe(true);
    const sources = new Set(layers.map((layer) => ('source' in layer ? layer.source : undefined)));
    expect(sources).toEqual(new Set([AREA_SOURCE, OBSERVATION_SOURCE]));
  });
});
