import { listPrograms } from '$lib/api';
import { contentLocale } from '$lib/locale';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({
  programs: (await listPrograms(fetch, contentLocale)).items,
});
