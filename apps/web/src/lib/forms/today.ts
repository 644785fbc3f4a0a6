/** Today in the observer's own time zone, as a date field shows it (YYYY-MM-DD). */
export function localToday(now = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
