import type { Locale } from '$lib/i18n/locales';

/** "2026-05" as the reader says it, short: "mai 2026", "May 2026", "Mai 2026". */
export function monthLabel(month: string, locale: Locale): string {
  const [year, number] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (number ?? 1) - 1, 1));
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
