import { getContext, setContext } from 'svelte';
import type { MessageKey } from './messages/en';
import type { Locale } from './locales';
import { createTranslator, type Message, type Translator } from './translate';

export type { MessageKey };
export type I18n = Translator<MessageKey>;

type Texts = Partial<Record<MessageKey, Message>>;
type Part = 'shell' | 'programme' | 'site' | 'admin' | OnDemandPart;
/** Parts that the pages loading only some (PAGE_PARTS) download when they show their texts. */
type OnDemandPart = 'errors' | 'offlineMore' | 'programmeMore';

/** The catalogue in parts, each downloaded in the page's language only. */
const PARTS: Record<Part, Record<Locale, () => Promise<Texts>>> = {
  // Every page's texts (header, footer, error page...) and the home page's.
  shell: {
    fr: () => import('./messages/shell.fr').then((m) => m.shellFr),
    en: () => import('./messages/shell.en').then((m) => m.shellEn),
    de: () => import('./messages/shell.de').then((m) => m.shellDe),
  },
  programme: {
    fr: () => import('./messages/programme.fr').then((m) => m.programmeFr),
    en: () => import('./messages/programme.en').then((m) => m.programmeEn),
    de: () => import('./messages/programme.de').then((m) => m.programmeDe),
  },
  // The whole site's (the two above included).
  site: {
    fr: () => import('./messages/fr').then((m) => m.fr),
    en: () => import('./messages/en').then((m) => m.en),
    de: () => import('./messages/de').then((m) => m.de),
  },
  // The API's error texts (the whole site's part has them): the pages that load only the parts
  // above have those of the errors their loads can end in, and download these when they show
  // another (loadTextsOnDemand).
  errors: {
    fr: () => import('./messages/errors.fr').then((m) => m.errorsFr),
    en: () => import('./messages/errors.en').then((m) => m.errorsEn),
    de: () => import('./messages/errors.de').then((m) => m.errorsDe),
  },
  // The offline lists' and forms' (waiting observations, storing a programme).
  offlineMore: {
    fr: () => import('./messages/offline-more.fr').then((m) => m.offlineMoreFr),
    en: () => import('./messages/offline-more.en').then((m) => m.offlineMoreEn),
    de: () => import('./messages/offline-more.de').then((m) => m.offlineMoreDe),
  },
  // The programme pages' texts that their first view does not show (a site programme's, the
  // leaderboard, downloads, photos, species search, map popups).
  programmeMore: {
    fr: () => import('./messages/programme-more.fr').then((m) => m.programmeMoreFr),
    en: () => import('./messages/programme-more.en').then((m) => m.programmeMoreEn),
    de: () => import('./messages/programme-more.de').then((m) => m.programmeMoreDe),
  },
  // The back office's, loaded by its layout.
  admin: {
    fr: () => import('./messages/admin.fr').then((m) => m.adminFr),
    en: () => import('./messages/admin.en').then((m) => m.adminEn),
    de: () => import('./messages/admin.de').then((m) => m.adminDe),
  },
};

/**
 * The parts a page needs, by its route: the most visited pages download less than the whole
 * site's texts (messages/pages.test.ts checks that they use no other key).
 */
export const PAGE_PARTS: Record<string, Part[]> = {
  '/[lang=locale]': ['shell'],
  '/[lang=locale]/pages/[slug]': ['shell'],
  '/[lang=locale]/[...rest]': ['shell'],
  '/[lang=locale]/programs/[id=integer]': ['shell', 'programme'],
};

/**
 * Each language's texts loaded so far, one object per language: translators read it at each
 * call, so the texts added to it later (another page's part) reach the translators made before.
 */
const texts = new Map<Locale, Texts>();
const loading = new Map<string, Promise<void>>();

function textsOf(locale: Locale): Texts {
  let found = texts.get(locale);
  if (!found) {
    found = {};
    texts.set(locale, found);
  }
  return found;
}

function loadPart(locale: Locale, part: Part): Promise<void> {
  const id = `${locale} ${part}`;
  let done = loading.get(id);
  if (!done) {
    done = PARTS[part][locale]().then((messages) => {
      Object.assign(textsOf(locale), messages);
    });
    loading.set(id, done);
    // A download that failed (the connection dropped) is tried again by the next page.
    done.catch(() => loading.delete(id));
  }
  return done;
}

/** Loads the texts the page of this route needs (the root layout's load, before it shows). */
export async function loadTexts(locale: Locale, routeId: string | null): Promise<void> {
  const parts = (routeId && PAGE_PARTS[routeId]) || ['site'];
  await Promise.all(parts.map((part) => loadPart(locale, part)));
}

export async function loadI18n(locale: Locale, routeId: string | null): Promise<I18n> {
  await loadTexts(locale, routeId);
  return createTranslator(locale, textsOf(locale) as Record<MessageKey, Message>);
}

/** Adds the back office's texts to the language's translators (the admin layout's load). */
export function loadAdminTexts(locale: Locale): Promise<void> {
  return loadPart(locale, 'admin');
}

/**
 * Adds a part's texts to the language's translators, for a component that shows them on a page
 * that loaded only some parts (PAGE_PARTS): every API error's (the offline queue's refusals, the
 * error page), the offline lists' and forms'. Nothing to download where the whole site's are.
 */
export function loadTextsOnDemand(locale: Locale, part: OnDemandPart): Promise<void> {
  // The whole site's texts (other pages) have them all.
  return loading.get(`${locale} site`) ?? loadPart(locale, part);
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
    has: (key): key is MessageKey => current().has(key),
    number: (value) => current().number(value),
    date: (isoDate, style) => current().date(isoDate, style),
    dateTime: (iso) => current().dateTime(iso),
  };
}
