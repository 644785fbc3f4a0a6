import type { Locale } from '@citizen/shared';

export type { Locale };

/**
 * Language asked of the API for programme texts and taxon names. Fixed to English (like the
 * interface and `<html lang>`) until locale routing (/fr, /en, /de) replaces it.
 */
export const contentLocale: Locale = 'en';
