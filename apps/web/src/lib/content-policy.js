// The Content-Security-Policy of the web app's pages, in SvelteKit's `kit.csp` form (keywords
// unquoted: SvelteKit quotes them). svelte.config.js gives it to SvelteKit, which adds the nonce
// (server-rendered pages) or the hashes (the static build's index.html) of its inline scripts.
// Plain JavaScript: svelte.config.js imports it before anything is compiled.

/** @typedef {NonNullable<NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']>} Directives */

/** Where the registration captcha's widget comes from (CAPTCHA_PROVIDER). */
export const CAPTCHA_SOURCES = {
  hcaptcha: ['https://hcaptcha.com', 'https://*.hcaptcha.com'],
  turnstile: ['https://challenges.cloudflare.com'],
};

/**
 * The directives of a page. `connect`: hosts the page fetches from besides its own (map tiles
 * and styles, the place search); `captcha`: the captcha provider's hosts.
 * Images may come from anywhere: species, badge and programme pictures, logos and pictograms
 * are addresses operators give.
 *
 * @param {{ connect?: string[]; captcha?: string[] }} [sources]
 * @returns {Directives}
 */
export function pageDirectives({ connect = [], captcha = [] } = {}) {
  return /** @type {Directives} */ ({
    'default-src': ['self'],
    'script-src': ['self', ...captcha],
    // Svelte and MapLibre write style attributes.
    'style-src': ['self', 'unsafe-inline', ...captcha],
    'img-src': ['*', 'data:', 'blob:'],
    'font-src': ['self', 'data:'],
    'connect-src': ['self', ...connect, ...captcha],
    // MapLibre's worker (and a blob: one in builds that inline it).
    'worker-src': ['self', 'blob:'],
    // The web app manifest and its icons come from the API, on the same origin.
    'manifest-src': ['self'],
    'child-src': ['self', 'blob:'],
    'frame-src': ['self', ...captcha],
    'object-src': ['none'],
    'base-uri': ['self'],
    'form-action': ['self'],
  });
}

/**
 * The static build cannot read the settings: its single policy, written into index.html, lets
 * pages fetch from any HTTPS host (base maps change at run time) and load either captcha.
 */
export function staticPageDirectives() {
  return pageDirectives({
    connect: ['https:'],
    captcha: [...CAPTCHA_SOURCES.hcaptcha, ...CAPTCHA_SOURCES.turnstile],
  });
}
