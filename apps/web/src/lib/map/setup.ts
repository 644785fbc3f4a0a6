import type { BaseLayer, BBox } from '@citizen/shared';
import type { LngLatLike, Map as MapLibreMap } from 'maplibre-gl';
import type { I18n } from '$lib/i18n';
import { BaseLayerControl } from './base-layer-control';
import { loadMapLibre, mapLocale, type MapLibre } from './maplibre';
import { buildStyle } from './style';

export interface MapSetup {
  container: HTMLElement;
  i18n: I18n;
  baseLayers: BaseLayer[];
  /** Fit these bounds, or else look at center/zoom. */
  bounds?: BBox | undefined;
  center?: LngLatLike | undefined;
  zoom?: number | undefined;
  maxZoom?: number;
  /** For maps inside a scrolling page: ctrl + scroll or two fingers to move them. */
  cooperativeGestures?: boolean;
}

/** A map with the site's base maps (switchable when there are several), zoom buttons and scale. */
export async function createMap(
  setup: MapSetup,
): Promise<{ maplibregl: MapLibre; map: MapLibreMap }> {
  const maplibregl = await loadMapLibre();
  const [firstLayer] = setup.baseLayers;
  const map = new maplibregl.Map({
    container: setup.container,
    style: buildStyle(firstLayer),
    ...(setup.bounds
      ? { bounds: setup.bounds, fitBoundsOptions: { padding: 24, maxZoom: 16 } }
      : { center: setup.center ?? [0, 0], zoom: setup.zoom ?? 1 }),
    maxZoom: setup.maxZoom ?? 20,
    attributionControl: { compact: true },
    locale: mapLocale(setup.i18n),
    cooperativeGestures: setup.cooperativeGestures ?? false,
    dragRotate: false,
    pitchWithRotate: false,
  });
  map.touchZoomRotate.disableRotation();
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
