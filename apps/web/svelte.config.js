import adapterNode from '@sveltejs/adapter-node';
import adapterStatic from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// Two builds from one code base: a Node server (SSR) by default, or with ADAPTER=static
// a single-page app that any static file server (nginx) can serve next to the API.
const adapter =
  process.env.ADAPTER === 'static'
    ? adapterStatic({ pages: 'build-static', assets: 'build-static', fallback: 'index.html' })
    : adapterNode({ out: 'build-node' });

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: { adapter },
};

export default config;
