import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import type { App } from '../../src/http/types.js';
import { bearer, createUser, login } from '../accounts/helpers.js';

/** A user made in the database and logged in: `headers` authenticate a request as them. */
export async function signedIn(
  app: App,
  db: Kysely<DB>,
  options: { username: string; role?: 'observer' | 'validator' | 'admin' },
) {
  const user = await createUser(db, options);
  const session = await login(app, user.username);
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    headers: bearer(session.accessToken!),
  };
}

export type SignedIn = Awaited<ReturnType<typeof signedIn>>;

/** A site programme around `centre`, made by `admin` with the pond site type; their ids. */
export async function createPondProgramme(
  app: App,
  admin: SignedIn,
  slug: string,
  centre: number[],
): Promise<{ programId: number; typeId: number }> {
  const program = await app.inject({
    method: 'POST',
    url: '/api/admin/programs',
    headers: admin.headers,
    payload: { slug, title: 'Ponds', kind: 'sites', area: squareAround(centre) },
  });
  const programId = program.json<{ id: number }>().id;
  const type = await app.inject({
    method: 'POST',
    url: `/api/admin/programs/${programId}/site-types`,
    headers: admin.headers,
    payload: POND_TYPE,
  });
  return { programId, typeId: type.json<{ id: number }>().id };
}

/** A square area around a point, as GeoJSON. */
export function squareAround([lon, lat]: number[], half = 0.05) {
  const [w, s, e, n] = [lon! - half, lat! - half, lon! + half, lat! + half];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

/** A body for a pond site programme's site types: a site form and a two-step visit form. */
export const POND_TYPE = {
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
