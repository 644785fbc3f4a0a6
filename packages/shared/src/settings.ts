import { Type, type Static } from 'typebox';
import { Locale } from './common.js';

/** A base layer the map can show under the data. */
export const BaseLayer = Type.Union([
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    type: Type.Literal('raster'),
    tiles: Type.Array(Type.String(), { minItems: 1 }),
    tileSize: Type.Optional(Type.Integer()),
    maxzoom: Type.Optional(Type.Integer()),
    attribution: Type.Optional(Type.String()),
    /**
     * The tile server's terms allow storing its tiles for offline use: only then may observers
     * pack them with a programme. Most free servers (OpenStreetMap's own) forbid bulk downloads.
     */
    offlinePacking: Type.Optional(Type.Boolean()),
  }),
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    type: Type.Literal('style'),
    url: Type.String(),
  }),
]);
export type BaseLayer = Static<typeof BaseLayer>;

/** A text an operator writes once per language; the web app falls back to another language. */
export const LocalizedText = Type.Object({
  fr: Type.Optional(Type.String({ maxLength: 20_000 })),
  en: Type.Optional(Type.String({ maxLength: 20_000 })),
  de: Type.Optional(Type.String({ maxLength: 20_000 })),
});
export type LocalizedText = Static<typeof LocalizedText>;

const Colour = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });

/**
 * What operators customise at run time (site name, logo, colours, texts, map), stored in the
 * database and edited through the admin API: a change shows on the next page load, no rebuild.
 */
export const SiteSettings = Type.Object({
  siteName: Type.String({ minLength: 1, maxLength: 100 }),
  /** The logo (e.g. an uploaded image's /api/media/<id>/display URL), or null for the site name as text. */
  logoUrl: Type.Union([Type.String(), Type.Null()]),
  colours: Type.Object({ primary: Colour, accent: Colour }),
  /** Texts by key, each per language: `home.title`, `home.intro`, `footer`... (rich text is sanitised). */
  texts: Type.Record(
    Type.String({ pattern: '^[a-z][a-zA-Z0-9]*(\\.[a-z][a-zA-Z0-9]*)*$' }),
    LocalizedText,
  ),
  map: Type.Object({
    baseLayers: Type.Array(BaseLayer),
    /** Where a map without a programme starts: [longitude, latitude] and zoom. */
    center: Type.Tuple([
      Type.Number({ minimum: -180, maximum: 180 }),
      Type.Number({ minimum: -90, maximum: 90 }),
    ]),
    zoom: Type.Number({ minimum: 0, maximum: 22 }),
    /** The least zoom at which an observer may place a point (precision). */
    minPlacementZoom: Type.Number({ minimum: 0, maximum: 22 }),
  }),
  /** A geocoder for the map's place search (Nominatim-compatible search URL), or null. */
  geocoderUrl: Type.Union([Type.String({ pattern: '^https?://' }), Type.Null()]),
});
export type SiteSettings = Static<typeof SiteSettings>;

export const SiteSettingsPatch = Type.Partial(SiteSettings);
export type SiteSettingsPatch = Static<typeof SiteSettingsPatch>;

/** Public settings the web app reads at request time (no rebuild to change them). */
export const PublicSettings = Type.Intersect([
  SiteSettings,
  Type.Object({
    defaultLocale: Locale,
    locales: Type.Array(Locale),
    /** Whether this instance runs the badges module (BADGES_ENABLED). */
    badges: Type.Boolean(),
    /** Who may frame the embed pages (EMBED_FRAME_ANCESTORS): a CSP frame-ancestors source list. */
    embedFrameAncestors: Type.String(),
    /** The registration captcha's provider (CAPTCHA_PROVIDER): its hosts join the pages' CSP. */
    captcha: Type.Union([Type.Literal('hcaptcha'), Type.Literal('turnstile'), Type.Null()]),
  }),
]);
export type PublicSettings = Static<typeof PublicSettings>;

/** An operator-written page (about, legal notice, how to take part...). */
export const CustomPage = Type.Object({
  slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 }),
  title: LocalizedText,
  /** Rich text per language; sanitised when saved. */
  body: LocalizedText,
  /** Shown in the site menu when true. */
  inMenu: Type.Boolean(),
  position: Type.Integer(),
});
export type CustomPage = Static<typeof CustomPage>;

/** The sizes and purposes of the app's icons in its web app manifest. */
export const APP_ICON_SIZES = [192, 512] as const;
export const APP_ICON_PURPOSES = ['any', 'maskable'] as const;
export type AppIconPurpose = (typeof APP_ICON_PURPOSES)[number];

const ManifestIcon = Type.Object({
  src: Type.String(),
  sizes: Type.String({ description: 'e.g. `192x192`' }),
  type: Type.Literal('image/png'),
  purpose: Type.Enum(APP_ICON_PURPOSES),
});

/**
 * The web app manifest of one language (installing the site as an app): name and colours from
 * the site settings, start page in that language.
 */
export const WebAppManifest = Type.Object({
  id: Type.String(),
  name: Type.String(),
  short_name: Type.String(),
  lang: Locale,
  dir: Type.Literal('ltr'),
  start_url: Type.String(),
  scope: Type.String(),
  display: Type.Literal('standalone'),
  theme_color: Colour,
  background_color: Colour,
  icons: Type.Array(ManifestIcon),
});
export type WebAppManifest = Static<typeof WebAppManifest>;
