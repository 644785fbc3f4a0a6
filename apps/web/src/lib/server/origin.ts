// PUBLIC_URL starts with SvelteKit's public prefix: it is a public variable to SvelteKit.
import { env as publicEnv } from '$env/dynamic/public';

/**
 * The address users reach the site at, for absolute links (canonical, og:url, hreflang,
 * sitemap, robots.txt): PUBLIC_URL, which the platform gives the web app, so that a forged Host
 * or X-Forwarded-Host header never makes its way into them. Without it, the request's origin
 * (adapter-node's ORIGIN when set, else its Host header).
 */
export function siteOrigin(url: URL): string {
  if (!publicEnv.PUBLIC_URL) return url.origin;
  try {
    return new URL(publicEnv.PUBLIC_URL).origin;
  } catch {
    // A malformed PUBLIC_URL is the platform's to report; keep the request's own origin.
    return url.origin;
  }
}
