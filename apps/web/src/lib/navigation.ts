/**
 * A return address from a query string (?redirect=), only when it is a path on this site:
 * anything else (another site, //host, a backslash trick) gives the fallback.
 */
export function safeRedirect(value: string | null, fallback: string): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return fallback;
  }
  return value;
}
