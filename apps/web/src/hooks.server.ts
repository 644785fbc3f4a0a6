import type { HandleFetch } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';

const DEFAULT_API_URL = 'http://127.0.0.1:3000';

/**
 * Loads call `fetch('/api/...')` so that the same code works in the browser (same origin, via
 * the reverse proxy) and here during SSR, where the API is reached directly on its internal URL.
 */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  if (url.origin === event.url.origin && url.pathname.startsWith('/api/')) {
    const apiUrl = (env.API_INTERNAL_URL || DEFAULT_API_URL).replace(/\/+$/, '');
    request = new Request(`${apiUrl}${url.pathname}${url.search}`, request);
  }
  return fetch(request);
};
