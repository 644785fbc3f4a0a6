import type { Locale } from './locales.js';

/** A message: plain text with {placeholders}, or plural forms chosen by the {count} parameter. */
export type Message = string | PluralMessage;
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export type Params = Record<string, string | number>;

export interface Translator<Key extends string> {
  readonly locale: Locale;
  /** The message in the page's language, with its {placeholders} filled in. */
  t(key: Key, params?: Params): string;
  /** Whether the catalogue has a text for this key (an API error code, say). */
  has(key: string): key is Key;
  /** 1 234,5 / 1,234.5 / 1.234,5 */
  number(value: number): string;
  /** A calendar date ("2024-05-17") in words, whatever the viewer's time zone. */
  date(isoDate: string, style?: 'long' | 'medium' | 'short'): string;
  /** A moment ("2024-05-17T08:30:00Z") as a date and time in the viewer's zone. */
  dateTime(iso: string): string;
}

export function createTranslator<Key extends string>(
  locale: Locale,
  messages: Record<Key, Message>,
): Translator<Key> {
  const numbers = new Intl.NumberFormat(locale);
  const plurals = new Intl.PluralRules(locale);
  const dates = new Map<string, Intl.DateTimeFormat>();
  const dateFormat = (style: 'long' | 'medium' | 'short') => {
    let format = dates.get(style);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' });
      dates.set(style, format);
    }
    return format;
  };
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

  const fill = (text: string, params: Params | undefined) =>
    params
      ? text.replace(/\{(\w+)\}/g, (whole, name: string) => {
          const value = params[name];
          if (value === undefined) return whole;
          return typeof value === 'number' ? numbers.format(value) : value;
        })
      : text;

  return {
    locale,
    t(key, params) {
      const message = messages[key];
      if (message === undefined) return key;
      if (typeof message === 'string') return fill(message, params);
      const count = Number(params?.count ?? 0);
      const form = count === 0 && message.zero !== undefined ? 'zero' : plurals.select(count);
      return fill(message[form] ?? message.other, params);
    },
    has: (key): key is Key => Object.hasOwn(messages, key),
    number: (value) => numbers.format(value),
    date(isoDate, style = 'long') {
      const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(date.getTime()) ? isoDate : dateFormat(style).format(date);
    },
    dateTime(iso) {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
    },
  };
}
