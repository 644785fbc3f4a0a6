import { getContext, setContext } from 'svelte';
import type { MessageKey, Messages } from './messages/en';
import type { Locale } from './locales';
import { createTranslator, type Translator } from './translate';

export type { MessageKey };
export type I18n = Translator<MessageKey>;

/** Only the page's language is downloaded. */
const catalogues: Record<Locale, () => Promise<Messages>> = {
  fr: () => import('./messages/fr').then((m) => m.fr),
  en: () => import('./messages/en').then((m) => m.en),
  de: () => import('./messages/de').then((m) => m.de),
};

export async function loadI18n(locale: Locale): Promise<I18n> {
  return createTranslator(locale, await catalogues[locale]());
}

const KEY = Symbol('i18n');

/** Called once by the language layout; `current` follows the language of the page shown. */
export function provideI18n(current: () => I18n): void {
  setContext(KEY, current);
}

/**
 * The translator of the page's language. Its functions read the current language each time
 * they are called, so `const { t } = useI18n()` stays right after a language switch.
 */
export function useI18n(): I18n {
  const current = getContext<() => I18n>(KEY);
  return {
    get locale() {
      return current().locale;
    },
    t: (key, params) => current().t(key, params),
    number: (value) => current().number(value),
    date: (isoDate, style) => current().date(isoDate, style),
    dateTime: (iso) => current().dateTime(iso),
  };
}
