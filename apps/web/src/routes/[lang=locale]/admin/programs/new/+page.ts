import { listProjects, listSpeciesLists } from '$lib/admin/programs/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  const [speciesLists, projects] = await Promise.all([
    listSpeciesLists(fetch),
    listProjects(fetch),
  ]);
  return { speciesLists, projects };
};
