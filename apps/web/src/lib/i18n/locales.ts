import type { Locale } from '@citizen/shared';
import { LOCALES } from '../contract.js';

export { LOCALES, type Locale };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Each language's own name, as the language switcher shows it. */
export const LOCALE_NAMES: Record<Locale, string> = {
  fr: 'Français',
  en: 'English',
  de: 'Deutsch',
};

/** Open Graph locale of each language. */
export const OG_LOCALES: Record<Locale, string> = { fr: 'fr_FR', en: 'en_GB', de: 'de_DE' };

/** The language tags of an Accept-Language header, most preferred first. */
export function parseAcceptLanguage(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, q }) => tag && tag !== '*' && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag }) => tag);
}

/** The first of the visitor's languages that the site offers, else the site's default. */
export function pickLocale(
  preferred: readonly string[],
  available: readonly Locale[],
  fallback: Locale,
): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const found = available.find((locale) => locale === base);
    if (found) return found;
  }
  return fallback;
}

/** The language of a path like /de/programs/1, if it starts with one. */
export function localeOfPath(pathname: string): Locale | undefined {
  const first = pathname.split('/')[1];
  return isLocale(first) ? first : undefined;
}

/** The same page in another language: /fr/programs/1 -> /de/programs/1. */
export function pathInLocale(pathname: string, locale: Locale): string {
  const rest = localeOfPath(pathname) ? pathname.replace(/^\/[^/]+/, '') : pathname;
  return `/${locale}${rest === '/' ? '' : rest}`;
}
