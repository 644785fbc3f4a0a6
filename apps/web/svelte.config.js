import adapterNode from '@sveltejs/adapter-node';
import adapterStatic from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { pageDirectives, staticPageDirectives } from './src/lib/content-policy.js';

// Two builds from one code base: a Node server (SSR) by default, or with ADAPTER=static
// a single-page app that any static file server (nginx) can serve next to the API.
const adapter =
  process.env.ADAPTER === 'static'
    ? adapterStatic({ pages: 'build-static', assets: 'build-static', fallback: 'index.html' })
    : adapterNode({ out: 'build-node' });

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter,
    // Registered by the offline machinery (lib/offline/runner.svelte.ts), outside embeds: in a
    // partner's frame with third-party storage blocked, registering fails.
    serviceWorker: { register: false },
    // Server-rendered pages: a nonce per response, and hooks.server.ts adds the sources of the
    // settings. Static build: the hashes, in a <meta> tag of index.html (nginx adds the framing).
    csp: {
      mode: 'auto',
      directives: process.env.ADAPTER === 'static' ? staticPageDirectives() : pageDirectives(),
    },
  },
};

export default config;
