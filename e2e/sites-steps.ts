import type { ProgramDetail, SiteType } from '@citizen/shared';
import { api } from './web.js';

/** Steps the site-protocol browser journeys share (in English). */

/** A pond: a site form, and a visit form in two steps (as apps/api/test/sites/helpers.ts). */
export const POND = {
  name: 'Pond',
  description: 'A pond or a pool',
  siteForm: {
    jsonSchema: {
      type: 'object',
      required: ['surface'],
      properties: {
        surface: { type: 'number', minimum: 0, title: 'Surface (m²)' },
        fish: { type: 'boolean' },
        vegetation: { type: 'array', items: { type: 'string', enum: ['reeds', 'lilies'] } },
      },
      additionalProperties: false,
    },
  },
  visitForm: {
    jsonSchema: {
      type: 'object',
      required: ['waterLevel'],
      properties: {
        waterLevel: { type: 'string', enum: ['dry', 'low', 'normal', 'high'] },
        temperature: { type: 'number' },
        eggMasses: { type: 'integer', minimum: 0 },
        notes: { type: 'string' },
      },
      additionalProperties: false,
    },
    uiSchema: {
      steps: [
        { title: 'Water', description: 'Look at the water', fields: ['waterLevel', 'temperature'] },
        { title: 'Amphibians', fields: ['eggMasses', 'notes'] },
      ],
    },
  },
};

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
    body: POND,
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
