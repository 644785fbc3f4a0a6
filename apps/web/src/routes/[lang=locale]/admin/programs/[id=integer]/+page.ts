import {
  getAdminProgram,
  getBadgeSettings,
  listProjects,
  listSpeciesLists,
} from '$lib/admin/programs/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const id = Number(params.id);
  const [program, speciesLists, projects, badges] = await Promise.all([
    getAdminProgram(fetch, id),
    listSpeciesLists(fetch),
    listProjects(fetch),
    getBadgeSettings(fetch, id),
  ]);
  return { program, speciesLists, projects, badges };
};
