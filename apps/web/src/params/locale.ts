import type { ParamMatcher } from '@sveltejs/kit';
import { isLocale, type Locale } from '$lib/i18n/locales';

/** /fr, /en, /de: the language is the first segment of every page's path. */
export const match = ((param: string): param is Locale => isLocale(param)) satisfies ParamMatcher;
