import { getJson, listPrograms } from '$lib/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const [rules, programs] = await Promise.all([
    // 404 when badges are off on this instance: the error page says so.
    getJson(fetch, '/api/badges'),
    listPrograms(fetch, params.lang).catch(() => ({ items: [] })),
  ]);
  return {
    rules: rules.items,
    programs: Object.fromEntries(programs.items.map((program) => [program.id, program.title])),
  };
};
