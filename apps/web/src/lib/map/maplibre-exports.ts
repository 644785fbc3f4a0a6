// The part of MapLibre the pages use: named, the rest of its module can be left out of the bundle.
export {
  FullscreenControl,
  GeolocateControl,
  Map,
  Marker,
  NavigationControl,
  Popup,
  ScaleControl,
  setWorkerUrl,
} from 'maplibre-gl';
