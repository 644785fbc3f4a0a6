import { isHttpError } from '@sveltejs/kit';
import { getPage } from '$lib/api';
import type { PageLoad } from './$types';

/** The operator's "about" page when there is one; the page also credits Citizen itself. */
export const load: PageLoad = async ({ fetch }) => {
  try {
    return { page: await getPage(fetch, 'about') };
  } catch (cause) {
    if (isHttpError(cause, 404)) return { page: null };
    throw cause;
  }
};
