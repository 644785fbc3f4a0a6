import type {
  BaseLayer,
  Locale,
  LocalizedText,
  SiteSettings,
  SiteSettingsPatch,
} from '@citizen/shared';
import type { MessageKey } from '$lib/i18n';
import { LOCALES } from '$lib/i18n/locales';
import type { SiteTextKey } from '$lib/site';
import { isColour } from '../people/colours';

/**
 * The site settings form's model: the settings as the form edits them (texts per language, map
 * layers and view as typed), and back to the change the API takes, with what is wrong in it.
 */

/** The texts operators write, where they show, in the order of the form. */
export const SITE_TEXTS: { key: SiteTextKey; label: MessageKey; long: boolean }[] = [
  { key: 'home.title', label: 'adminPeople.settings.text.homeTitle', long: false },
  { key: 'home.intro', label: 'adminPeople.settings.text.homeIntro', long: true },
  { key: 'home.body', label: 'adminPeople.settings.text.homeBody', long: true },
  { key: 'about', label: 'adminPeople.settings.text.about', long: true },
  { key: 'register.why', label: 'adminPeople.settings.text.registerWhy', long: true },
  { key: 'observe.intro', label: 'adminPeople.settings.text.observeIntro', long: true },
  { key: 'footer', label: 'adminPeople.settings.text.footer', long: true },
];

/** A base layer as typed: tiles one URL a line, numbers as text. */
export interface LayerDraft {
  id: string;
  name: string;
  type: 'raster' | 'style';
  tiles: string;
  url: string;
  attribution: string;
  tileSize: string;
  maxzoom: string;
  /** The tile server's terms allow storing its tiles for offline use. */
  offlinePacking: boolean;
}

export interface SettingsDraft {
  siteName: string;
  primary: string;
  accent: string;
  texts: Record<SiteTextKey, Record<Locale, string>>;
  layers: LayerDraft[];
  longitude: string;
  latitude: string;
  zoom: string;
  minPlacementZoom: string;
  geocoderUrl: string;
}

/** Something to correct, and the input to correct it in. */
export interface SettingsProblem {
  fieldId: string;
  text: string;
}

const layerDraft = (layer: BaseLayer): LayerDraft =>
  layer.type === 'raster'
    ? {
        id: layer.id,
        name: layer.name,
        type: 'raster',
        tiles: layer.tiles.join('\n'),
        url: '',
        attribution: layer.attribution ?? '',
        tileSize: layer.tileSize ? String(layer.tileSize) : '',
        maxzoom: layer.maxzoom !== undefined ? String(layer.maxzoom) : '',
        offlinePacking: layer.offlinePacking === true,
      }
    : {
        id: layer.id,
        name: layer.name,
        type: 'style',
        tiles: '',
        url: layer.url,
        attribution: '',
        tileSize: '',
        maxzoom: '',
        offlinePacking: false,
      };

/** A new raster layer, with an id no other layer of the list has yet. */
export const newLayer = (layers: readonly LayerDraft[]): LayerDraft => ({
  id: `layer-${layers.length + 1}`,
  name: '',
  type: 'raster',
  tiles: '',
  url: '',
  attribution: '',
  tileSize: '',
  maxzoom: '',
  offlinePacking: false,
});

export function settingsDraft(settings: SiteSettings): SettingsDraft {
  return {
    siteName: settings.siteName,
    primary: settings.colours.primary,
    accent: settings.colours.accent,
    texts: Object.fromEntries(
      SITE_TEXTS.map(({ key }) => [
        key,
        Object.fromEntries(LOCALES.map((l) => [l, settings.texts[key]?.[l] ?? ''])),
      ]),
    ) as Record<SiteTextKey, Record<Locale, string>>,
    layers: settings.map.baseLayers.map(layerDraft),
    longitude: String(settings.map.center[0]),
    latitude: String(settings.map.center[1]),
    zoom: String(settings.map.zoom),
    minPlacementZoom: String(settings.map.minPlacementZoom),
    geocoderUrl: settings.geocoderUrl ?? '',
  };
}

/** A number field's value (a number once typed in, as Svelte binds it; '' or null when empty). */
const number = (value: string | number | null) =>
  value === null || String(value).trim() === '' ? NaN : Number(value);

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The form as a change of `current`: only what changed (the audit log then says what each save
 * changed), or the problems that keep it from being saved.
 */
export function settingsPatch(
  draft: SettingsDraft,
  current: SiteSettings,
  t: Translate,
): { patch: SiteSettingsPatch; problems: [] } | { patch: null; problems: SettingsProblem[] } {
  const found: SettingsProblem[] = [];
  const need = (ok: boolean, fieldId: string, key: MessageKey, params = {}) => {
    if (!ok) found.push({ fieldId, text: t(key, params) });
  };
  need(draft.siteName.trim().length > 0, 'site-name', 'adminPeople.settings.error.siteName');
  need(isColour(draft.primary), 'colour-primary', 'adminPeople.settings.error.colour');
  need(isColour(draft.accent), 'colour-accent', 'adminPeople.settings.error.colour');
  const layers: BaseLayer[] = [];
  const ids: string[] = [];
  draft.layers.forEach((layer, i) => {
    const n = { number: i + 1 };
    need(
      /^[A-Za-z0-9_-]+$/.test(layer.id) && !ids.includes(layer.id),
      `layer-${i}-id`,
      'adminPeople.settings.error.layerId',
      n,
    );
    ids.push(layer.id);
    need(
      layer.name.trim().length > 0,
      `layer-${i}-name`,
      'adminPeople.settings.error.layerName',
      n,
    );
    if (layer.type === 'raster') {
      const tiles = layer.tiles
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      need(
        tiles.length > 0 && tiles.every((url) => /^https?:\/\//.test(url)),
        `layer-${i}-tiles`,
        'adminPeople.settings.error.layerTiles',
        n,
      );
      const tileSize = number(layer.tileSize);
      const maxzoom = number(layer.maxzoom);
      layers.push({
        id: layer.id,
        name: layer.name.trim(),
        type: 'raster',
        tiles,
        ...(layer.attribution.trim() && { attribution: layer.attribution.trim() }),
        ...(Number.isInteger(tileSize) && { tileSize }),
        ...(Number.isInteger(maxzoom) && { maxzoom }),
        ...(layer.offlinePacking && { offlinePacking: true }),
      });
    } else {
      need(
        /^https?:\/\//.test(layer.url.trim()),
        `layer-${i}-url`,
        'adminPeople.settings.error.layerUrl',
        n,
      );
      layers.push({ id: layer.id, name: layer.name.trim(), type: 'style', url: layer.url.trim() });
    }
  });
  const longitude = number(draft.longitude);
  const latitude = number(draft.latitude);
  const zoom = number(draft.zoom);
  const minPlacementZoom = number(draft.minPlacementZoom);
  need(Math.abs(longitude) <= 180, 'map-longitude', 'adminPeople.settings.error.longitude');
  need(Math.abs(latitude) <= 90, 'map-latitude', 'adminPeople.settings.error.latitude');
  need(zoom >= 0 && zoom <= 22, 'map-zoom', 'adminPeople.settings.error.zoom');
  need(
    minPlacementZoom >= 0 && minPlacementZoom <= 22,
    'map-min-zoom',
    'adminPeople.settings.error.zoom',
  );
  const geocoderUrl = draft.geocoderUrl.trim();
  need(
    geocoderUrl === '' || /^https?:\/\//.test(geocoderUrl),
    'geocoder-url',
    'adminPeople.settings.error.geocoder',
  );
  if (found.length > 0) return { patch: null, problems: found };

  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const texts: Record<string, LocalizedText> = {};
  for (const { key } of SITE_TEXTS) {
    const text = Object.fromEntries(
      LOCALES.filter((l) => draft.texts[key][l].trim()).map((l) => [l, draft.texts[key][l]]),
    );
    // A key sent with no language removes it.
    if (!same(text, current.texts[key] ?? {})) texts[key] = text;
  }
  const next: SiteSettingsPatch = {
    siteName: draft.siteName.trim(),
    colours: { primary: draft.primary.toLowerCase(), accent: draft.accent.toLowerCase() },
    texts,
    map: { baseLayers: layers, center: [longitude, latitude], zoom, minPlacementZoom },
    geocoderUrl: geocoderUrl || null,
  };
  const patch = Object.fromEntries(
    Object.entries(next).filter(([key, value]) =>
      key === 'texts'
        ? Object.keys(texts).length > 0
        : !same(value, current[key as keyof SiteSettingsPatch]),
    ),
  ) as SiteSettingsPatch;
  return { patch, problems: [] };
}
