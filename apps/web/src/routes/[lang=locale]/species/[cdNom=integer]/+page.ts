import { redirect } from '@sveltejs/kit';
import { speciesHref } from '$lib/species/link';
import { getSpeciesPoints, getSpeciesStats, getTaxon, listSpeciesPhotos } from '$lib/species/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const cdNom = Number(params.cdNom);
  const lang = params.lang;
  const taxon = await getTaxon(fetch, cdNom, lang);
  // A synonym's page is its accepted name's.
  if (taxon.accepted) redirect(301, speciesHref(lang, taxon.accepted.cdNom));
  const [stats, points, photos] = await Promise.all([
    getSpeciesStats(fetch, cdNom),
    getSpeciesPoints(fetch, cdNom, lang),
    listSpeciesPhotos(fetch, cdNom, lang),
  ]);
  return { taxon, stats, points, photos: photos.items };
};
