import type { BaseLayer } from '@citizen/shared';

/**
 * The base maps of an instance whose operator sets no MAP_BASE_LAYERS: free sources that need no
 * key. Each asks for its attribution to stay visible and forbids bulk downloading (README, "Base
 * maps"). Under all of them the web app draws its own offline backdrop, seen where tiles fail.
 */
export const DEFAULT_BASE_LAYERS: BaseLayer[] = [
  {
    id: 'osm',
    name: 'OpenStreetMap',
    type: 'raster',
    tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
    maxzoom: 19,
    attribution:
      '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">© OpenStreetMap contributors</a>',
  },
  {
    id: 'opentopomap',
    name: 'OpenTopoMap',
    type: 'raster',
    tiles: [
      'https://a.tile.opentopomap.org/{z}/{x}/{y}.png',
      'https://b.tile.opentopomap.org/{z}/{x}/{y}.png',
      'https://c.tile.opentopomap.org/{z}/{x}/{y}.png',
    ],
    maxzoom: 17,
    attribution:
      '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">© OpenStreetMap contributors</a>, SRTM | <a href="https://opentopomap.org" target="_blank" rel="noopener">© OpenTopoMap</a> (<a href="https://creativecommons.org/licenses/by-sa/3.0/" target="_blank" rel="noopener">CC-BY-SA</a>)',
  },
  {
    // Orthophotos of France (mainland and overseas) under the Licence Ouverte: elsewhere the
    // backdrop shows through.
    id: 'ign-ortho',
    name: 'IGN Ortho (France)',
    type: 'raster',
    tiles: [
      'https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=ORTHOIMAGERY.ORTHOPHOTOS&STYLE=normal&TILEMATRIXSET=PM&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&FORMAT=image/jpeg',
    ],
    maxzoom: 19,
    attribution:
      '<a href="https://geoservices.ign.fr/" target="_blank" rel="noopener">© IGN – Géoplateforme</a>',
  },
];
