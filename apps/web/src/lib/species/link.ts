import { resolve } from '$app/paths';
import type { Locale } from '$lib/i18n/locales';

/** A species' page: linked from every observation (pages, lists, map popups). */
export const speciesHref = (lang: Locale, cdNom: number): string =>
  resolve('/[lang=locale]/species/[cdNom=integer]', { lang, cdNom: String(cdNom) });
