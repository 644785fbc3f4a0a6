import { getJson, listObservations, type Fetch } from '$lib/api';
import type { Locale } from '$lib/i18n/locales';

/** Photos on a species page: those of its newest public observations with photos. */
export const SPECIES_PHOTO_OBSERVATIONS = 12;
/** Points on a species page's map: beyond, the newest. */
export const SPECIES_MAP_POINTS = 2000;

export const getTaxon = (fetch: Fetch, cdNom: number, lang: Locale) =>
  getJson(fetch, '/api/taxa/{cdNom}', { path: { cdNom }, query: { lang } });

export const getSpeciesStats = (fetch: Fetch, cdNom: number) =>
  getJson(fetch, '/api/taxa/{cdNom}/stats', { path: { cdNom } });

export const getSpeciesPoints = (fetch: Fetch, cdNom: number, lang: Locale) =>
  getJson(fetch, '/api/taxa/{cdNom}/observations', {
    path: { cdNom },
    query: { lang, limit: SPECIES_MAP_POINTS },
  });

export const listSpeciesPhotos = (fetch: Fetch, cdNom: number, lang: Locale) =>
  listObservations(fetch, {
    taxon: cdNom,
    hasPhoto: true,
    lang,
    limit: SPECIES_PHOTO_OBSERVATIONS,
  });
