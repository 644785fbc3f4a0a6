import type { LocalizedText, PublicSettings } from '@citizen/shared';
import type { Locale } from './i18n/locales';

/**
 * An operator's text in the page's language, else in the site's default language, else in any
 * language it was written in.
 */
export function localized(
  text: LocalizedText | undefined,
  locale: Locale,
  fallback: Locale,
): string | undefined {
  if (!text) return undefined;
  const value = text[locale] || text[fallback] || text.fr || text.en || text.de;
  return value?.trim() ? value : undefined;
}

/** Texts operators may set in the settings (`texts`), per language. */
export type SiteTextKey =
  'home.title' | 'home.intro' | 'home.body' | 'footer' | 'register.why' | 'observe.intro' | 'about';

export function siteText(
  settings: PublicSettings,
  key: SiteTextKey,
  locale: Locale,
): string | undefined {
  return localized(settings.texts[key], locale, settings.defaultLocale);
}
