import { getSettings } from '$lib/api';
import type { LayoutLoad } from './$types';

// The static build (VITE_SPA=1) is a single-page app: everything renders in the browser.
export const ssr = import.meta.env.VITE_SPA !== '1';

export const load: LayoutLoad = async ({ fetch }) => ({
  settings: await getSettings(fetch),
});
