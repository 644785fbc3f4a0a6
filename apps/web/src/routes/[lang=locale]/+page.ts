import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { getPlatformStats, listPrograms } from '$lib/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const [programs, stats] = await Promise.all([
    listPrograms(fetch, params.lang),
    // The key figures are a nicety: the home page works without them.
    getPlatformStats(fetch).catch(() => null),
  ]);
  // A site with a single programme is that programme.
  const [only] = programs.items;
  if (programs.items.length === 1 && only) {
    redirect(
      307,
      resolve('/[lang=locale]/programs/[id=integer]', { lang: params.lang, id: String(only.id) }),
    );
  }
  return { programs: programs.items, stats };
};
