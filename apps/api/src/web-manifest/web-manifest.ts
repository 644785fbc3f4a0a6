import { createHash } from 'node:crypto';
import {
  APP_ICON_PURPOSES,
  APP_ICON_SIZES,
  type Locale,
  type PublicSettings,
  type WebAppManifest,
} from '@citizen/shared';

/** Raise it when the icons' drawing changes, so that browsers fetch the new ones. */
const ICON_DESIGN = 1;

/** What the icons are drawn from: changes to it change their URLs (cached for a year). */
export type IconSource = { logoUrl: string | null; primary: string };

export const iconSourceOf = (settings: PublicSettings): IconSource => ({
  logoUrl: settings.logoUrl,
  primary: settings.colours.primary,
});

export function iconVersion(source: IconSource): string {
  return createHash('sha256')
    .update(JSON.stringify([ICON_DESIGN, source.logoUrl, source.primary]))
    .digest('hex')
    .slice(0, 16);
}

export const iconPath = (purpose: string, size: number) =>
  `/api/web-manifest/icons/${purpose}/${size}`;

/** At most 12 characters, what a home screen shows under the icon: the name or its first word. */
export function shortName(name: string): string {
  if (name.length <= 12) return name;
  const firstWord = name.split(/\s+/)[0] ?? name;
  return firstWord.length <= 12 ? firstWord : name.slice(0, 12).trim();
}

/**
 * The manifest of one language: installing from a French page opens the French home page. All
 * languages share one `id` and scope, so the site installs as one app whatever the language.
 */
export function buildWebManifest(settings: PublicSettings, lang: Locale): WebAppManifest {
  const version = iconVersion(iconSourceOf(settings));
  return {
    id: '/',
    name: settings.siteName,
    short_name: shortName(settings.siteName),
    lang,
    dir: 'ltr',
    start_url: `/${lang}/`,
    scope: '/',
    display: 'standalone',
    theme_color: settings.colours.primary,
    background_color: settings.colours.primary,
    icons: APP_ICON_PURPOSES.flatMap((purpose) =>
      APP_ICON_SIZES.map((size) => ({
        src: `${iconPath(purpose, size)}?v=${version}`,
        sizes: `${size}x${size}`,
        type: 'image/png' as const,
        purpose,
      })),
    ),
  };
}
