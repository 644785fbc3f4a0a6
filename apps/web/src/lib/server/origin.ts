import { env } from '$env/dynamic/private';
// PUBLIC_URL starts with SvelteKit's public prefix: it is a public variable to SvelteKit.
import { env as publicEnv } from '$env/dynamic/public';

/**
 * The address users reach the site at, for absolute links (canonical, og:url, hreflang,
 * sitemap). adapter-node takes it from ORIGIN, else guesses https and the Host header. Run
 * inside the platform, ORIGIN is not set but PUBLIC_URL (the platform's own setting) is.
 */
export function siteOrigin(url: URL): string {
  if (env.ORIGIN || !publicEnv.PUBLIC_URL) return url.origin;
  try {
    return new URL(publicEnv.PUBLIC_URL).origin;
  } catch {
    // A malformed PUBLIC_URL is the platform's to report; keep the request's own origin.
    return url.origin;
  }
}
