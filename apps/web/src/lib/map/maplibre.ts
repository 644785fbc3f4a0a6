import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { I18n } from '$lib/i18n';

import type * as MapLibreExports from './maplibre-exports';

export type MapLibre = typeof MapLibreExports;

let loading: Promise<MapLibre> | undefined;

/**
 * MapLibre touches window and WebGL, so it is only loaded in the browser, on pages with a map.
 * Vite does not bundle the worker MapLibre looks for next to its own module: it is given here.
 */
export function loadMapLibre(): Promise<MapLibre> {
  loading ??= import('./maplibre-exports').then((maplibregl) => {
    maplibregl.setWorkerUrl(workerUrl);
    return maplibregl;
  });
  return loading;
}

/** MapLibre's own texts (control titles) in the page's language. */
export function mapLocale({ t }: I18n): Record<string, string> {
  return {
    'AttributionControl.ToggleAttribution': t('map.ctrl.attribution'),
    'FullscreenControl.Enter': t('map.ctrl.fullscreenEnter'),
    'FullscreenControl.Exit': t('map.ctrl.fullscreenExit'),
    'GeolocateControl.FindMyLocation': t('map.ctrl.locate'),
    'GeolocateControl.LocationNotAvailable': t('map.ctrl.locationUnavailable'),
    'Map.Title': t('map.ctrl.map'),
    'Marker.Title': t('map.ctrl.marker'),
    'NavigationControl.ResetBearing': t('map.ctrl.resetBearing'),
    'NavigationControl.ZoomIn': t('map.ctrl.zoomIn'),
    'NavigationControl.ZoomOut': t('map.ctrl.zoomOut'),
    'Popup.Close': t('map.ctrl.closePopup'),
    'CooperativeGesturesHandler.WindowsHelpText': t('map.ctrl.gesturesWindows'),
    'CooperativeGesturesHandler.MacHelpText': t('map.ctrl.gesturesMac'),
    'CooperativeGesturesHandler.MobileHelpText': t('map.ctrl.gesturesMobile'),
  };
}
