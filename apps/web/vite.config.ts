import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // MapLibre is one ~1 MB chunk, loaded lazily by the map component only.
  build: { chunkSizeWarningLimit: 1200 },
  server: {
    // In the browser the app calls /api on its own origin; in dev, Vite forwards it to the API.
    proxy: { '/api': process.env.API_INTERNAL_URL ?? 'http://127.0.0.1:3000' },
  },
});
