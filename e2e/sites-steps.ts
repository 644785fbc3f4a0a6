import type { ProgramDetail, SiteType } from '@citizen/shared';
import { POND_TYPE } from '../apps/api/test/sites/pond-type.js';
import { api } from './web.js';

/** Steps the site-protocol browser journeys share (in English). */

/**
 * A site programme over the demo park's area and species list, with the pond type, badges and
 * a leaderboard, and a badge for a first visit: set up through the API as an admin would in the
 * back office, which is not these journeys' subject.
 */
export async function setUpPondProgramme(url: string, token: string): Promise<ProgramDetail> {
  const park = await api<ProgramDetail>(url, 'GET', '/api/programs/1?lang=en');
  const created = await api<{ id: number }>(url, 'POST', '/api/admin/programs', {
    token,
    body: {
      slug: 'park-ponds',
      title: 'Ponds of the park',
      shortDescription: 'Follow the ponds of the park through the seasons.',
      kind: 'sites',
      area: park.area,
      speciesListId: park.speciesListId,
    },
  });
  await api<SiteType>(url, 'POST', `/api/admin/programs/${created.id}/site-types`, {
    token,
    body: POND_TYPE,
  });
  await api(url, 'PATCH', `/api/admin/programs/${created.id}/badge-settings`, {
    token,
    body: { badgesEnabled: true, leaderboardEnabled: true },
  });
  await api(url, 'POST', '/api/admin/badges/rules', {
    token,
    body: { kind: 'site_visits', threshold: 1, name: { en: 'First visit', fr: 'Première visite' } },
  });
  return api<ProgramDetail>(url, 'GET', `/api/programs/${created.id}?lang=en`);
}

/** An observer's account (display name Léa), through the API. */
export async function registerObserver(url: string, username: string, password: string) {
  await api(url, 'POST', '/api/auth/register', {
    body: {
      username,
      email: `${username}@example.org`,
      password,
      displayName: 'Léa',
      acceptTerms: true,
      locale: 'en',
    },
  });
}
