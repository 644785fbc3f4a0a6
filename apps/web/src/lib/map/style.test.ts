import { describe, expect, it } from 'vitest';
import type { BaseLayer } from '@citizen/shared';
import { buildStyle, isBaseMapError, MAP_BACKDROP_PATH, type StyleSpecification } from './style';

const OSM: BaseLayer = {
  id: 'osm',
  name: 'OpenStreetMap',
  type: 'raster',
  tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
  maxzoom: 19,
  attribution: '© OpenStreetMap contributors',
};

const asSpec = (style: ReturnType<typeof buildStyle>) => style as StyleSpecification;

describe('buildStyle', () => {
  it('draws the offline backdrop from the web app, with no glyphs, sprite or tiles', () => {
    const style = asSpec(buildStyle(undefined, 'https://obs.example.org'));
    expect(style.sources).toEqual({
      backdrop: { type: 'geojson', data: `https://obs.example.org${MAP_BACKDROP_PATH}` },
    });
    expect(style.layers.map((layer) => layer.id)).toEqual([
      'backdrop-sea',
      'backdrop-land',
      'backdrop-lakes',
      'backdrop-rivers',
      'backdrop-borders',
    ]);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
  });

  it('lays a raster base map over the backdrop, with its attribution and zoom limit', () => {
    const style = asSpec(buildStyle(OSM, 'http://127.0.0.1:3000'));
    expect(style.sources.osm).toEqual({
      type: 'raster',
      tiles: OSM.tiles,
      tileSize: 256,
      maxzoom: 19,
      attribution: '© OpenStreetMap contributors',
    });
    expect(style.layers.at(-1)).toEqual({ id: 'osm', type: 'raster', source: 'osm' });
    expect(style.layers[0]!.id).toBe('backdrop-sea');
  });

  it("uses an operator's own style document as it is", () => {
    const layer: BaseLayer = { id: 'v', name: 'V', type: 'style', url: 'https://x.example/s.json' };
    expect(buildStyle(layer, 'http://127.0.0.1')).toBe('https://x.example/s.json');
  });
});

describe('isBaseMapError', () => {
  it("tells a base map's failed tiles from the data's failures", () => {
    expect(isBaseMapError({ sourceId: 'osm' }, [OSM])).toBe(true);
    expect(isBaseMapError({ sourceId: 'backdrop' }, [OSM])).toBe(true);
    expect(isBaseMapError({ sourceId: 'program-observations' }, [OSM])).toBe(false);
    expect(isBaseMapError({}, [OSM])).toBe(false);
  });
});
