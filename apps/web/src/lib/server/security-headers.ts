import type { PublicSettings } from '@citizen/shared';
import { CAPTCHA_SOURCES } from '../content-policy.js';

/** The origin of an address, or nothing for one that is not an http(s) URL. */
function originOf(address: string): string[] {
  try {
    const url = new URL(address);
    return url.protocol === 'https:' || url.protocol === 'http:' ? [url.origin] : [];
  } catch {
    return [];
  }
}

/** The hosts a page fetches from besides its own, by the settings: base maps and place search. */
export function connectSources(settings: PublicSettings): string[] {
  const addresses = settings.map.baseLayers.flatMap((layer) =>
    layer.type === 'raster' ? layer.tiles : [layer.url],
  );
  if (settings.geocoderUrl) addresses.push(settings.geocoderUrl);
  return [...new Set(addresses.flatMap(originOf))];
}

type Policy = Map<string, string[]>;

const parse = (header: string): Policy =>
  new Map(
    header
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );

const serialise = (policy: Policy) =>
  [...policy].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');

/**
 * Completes the policy SvelteKit wrote for a page (svelte.config.js, with its script nonce) with
 * what depends on the settings the page was rendered with, and on whether it is an embed page:
 * partners frame those (EMBED_FRAME_ANCESTORS), no one else frames any page.
 */
export function pagePolicy(
  header: string,
  settings: PublicSettings | undefined,
  embedded: boolean,
): string {
  const policy = parse(header);
  const add = (name: string, sources: string[]) => {
    if (sources.length > 0)
      policy.set(name, [...new Set([...(policy.get(name) ?? []), ...sources])]);
  };
  if (settings) {
    const captcha = settings.captcha ? CAPTCHA_SOURCES[settings.captcha] : [];
    add('connect-src', [...connectSources(settings), ...captcha]);
    for (const name of ['script-src', 'style-src', 'frame-src']) add(name, captcha);
  }
  const ancestors = embedded && settings ? settings.embedFrameAncestors : "'self'";
  policy.set('frame-ancestors', ancestors.split(/\s+/));
  return serialise(policy);
}

/**
 * The framing and content policies of a page the web app rendered. The headers that are the same
 * for every response (nosniff, Referrer-Policy, HSTS) come from whoever fronts the web app: the
 * API process in the one-process mode, nginx otherwise.
 */
export function setPageSecurityHeaders(
  headers: Headers,
  settings: PublicSettings | undefined,
  embedded: boolean,
) {
  const csp = headers.get('content-security-policy');
  if (csp) headers.set('content-security-policy', pagePolicy(csp, settings, embedded));
  // For browsers without frame-ancestors; it cannot name partners, so embed pages go without.
  if (!embedded) headers.set('x-frame-options', 'SAMEORIGIN');
}
