import type { BaseLayer, BBox } from '@citizen/shared';
import type { LngLatLike, Map as MapLibreMap } from 'maplibre-gl';
import type { I18n } from '$lib/i18n';
import { BaseLayerControl } from './base-layer-control';
import { loadMapLibre, mapLocale, type MapLibre } from './maplibre';
import { buildStyle, isBaseMapError } from './style';

export interface MapSetup {
  container: HTMLElement;
  i18n: I18n;
  baseLayers: BaseLayer[];
  /** Fit these bounds, or else look at center/zoom. */
  bounds?: BBox | undefined;
  center?: LngLatLike | undefined;
  zoom?: number | undefined;
  maxZoom?: number;
  /** Offline, the lowest stored zoom: further out there is nothing on the device to draw. */
  minZoom?: number | undefined;
  /** For maps inside a scrolling page: ctrl + scroll or two fingers to move them. */
  cooperativeGestures?: boolean;
  /** A failure other than a base map's tiles (the backdrop stands in for those); default: logged. */
  onError?: (error: unknown) => void;
}

/**
 * A map with the site's base maps over the offline backdrop (switchable), zoom buttons and
 * scale. Its control texts are the page language's when created: see mountPerLocale.
 */
export async function createMap(
  setup: MapSetup,
): Promise<{ maplibregl: MapLibre; map: MapLibreMap }> {
  const maplibregl = await loadMapLibre();
  const [firstLayer] = setup.baseLayers;
  const map = new maplibregl.Map({
    container: setup.container,
    style: buildStyle(firstLayer, location.origin),
    ...(setup.bounds
      ? { bounds: setup.bounds, fitBoundsOptions: { padding: 24, maxZoom: 16 } }
      : { center: setup.center ?? [0, 0], zoom: setup.zoom ?? 1 }),
    maxZoom: setup.maxZoom ?? 20,
    ...(setup.minZoom !== undefined && { minZoom: setup.minZoom }),
    // Open on wide maps, a button on narrow ones: tile servers ask for visible credits.
    attributionControl: {},
    locale: mapLocale(setup.i18n),
    cooperativeGestures: setup.cooperativeGestures ?? false,
    dragRotate: false,
    pitchWithRotate: false,
  });
  map.touchZoomRotate.disableRotation();
  map.on('error', (event) => {
    // A source's failures name it (MapLibre adds sourceId to the event, untyped).
    if (isBaseMapError(event as { sourceId?: string }, setup.baseLayers)) return;
    if (setup.onError) setup.onError(event.error);
    else console.error('Map error', event.error);
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  if (setup.baseLayers.length > 0) {
    map.addControl(
      new BaseLayerControl(
        setup.baseLayers,
        { button: setup.i18n.t('map.baseLayers'), plain: setup.i18n.t('map.plain') },
        firstLayer,
      ),
      'top-right',
    );
  }
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  return { maplibregl, map };
}
