import type { Transaction } from 'kysely';
import type { CustomForm } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import { insertCustomForm } from '../forms/custom-forms.repository.js';
import { withFieldOrder } from '../sites/forms.js';
import {
  insertObservations,
  insertProgram,
  insertSite,
  insertSiteType,
  insertVisit,
} from './demo.repository.js';

/**
 * The demo's site programme: ponds and nest boxes of the Tête d'Or park, followed through dated
 * visits. It shows what a site protocol looks like: two site types with their own forms (the
 * pond's visit form in two steps), a few sites, and visits with the birds seen.
 */

export const DEMO_SITE_PROGRAM = {
  slug: 'mares-tete-dor',
  title: "Mares et nichoirs de la Tête d'Or",
  shortDescription:
    'Suivez au fil des saisons les mares et les nichoirs du parc : niveau de l’eau, pontes, oiseaux présents.',
  longDescription:
    'Chaque mare et chaque nichoir du parc est un site, que les observateurs visitent régulièrement.\n\nÀ chaque visite, notez ce que vous constatez (niveau de l’eau, occupation du nichoir…) et les oiseaux vus : on suit ainsi chaque site dans le temps.',
  /** The area it shares with the park's bird programme. */
  area: 'tete-dor',
} as const;

type SiteTypeSeed = {
  name: string;
  description: string;
  siteForm: CustomForm;
  visitForm: CustomForm;
};

export const DEMO_SITE_TYPES = {
  pond: {
    name: 'Mare',
    description: 'Une mare ou un bassin du parc.',
    siteForm: {
      jsonSchema: {
        type: 'object',
        required: ['surface'],
        properties: {
          surface: { type: 'number', minimum: 0, title: 'Surface (m²)' },
          depth: { type: 'number', minimum: 0, title: 'Profondeur maximale (m)' },
          origin: {
            type: 'string',
            title: 'Origine',
            enum: ['natural', 'dug'],
            enumNames: ['Naturelle', 'Creusée'],
          },
          vegetation: {
            type: 'array',
            title: 'Végétation',
            uniqueItems: true,
            items: {
              type: 'string',
              enum: ['reeds', 'waterLilies', 'willows'],
              enumNames: ['Roseaux', 'Nénuphars', 'Saules'],
            },
          },
        },
        additionalProperties: false,
      },
    },
    visitForm: {
      jsonSchema: {
        type: 'object',
        required: ['waterLevel'],
        properties: {
          waterLevel: {
            type: 'string',
            title: 'Niveau de l’eau',
            enum: ['dry', 'low', 'normal', 'high'],
            enumNames: ['À sec', 'Bas', 'Normal', 'Haut'],
          },
          temperature: { type: 'number', title: 'Température de l’eau (°C)' },
          eggMasses: { type: 'integer', minimum: 0, title: 'Pontes d’amphibiens' },
          notes: { type: 'string', maxLength: 2000, title: 'Remarques sur la faune et la flore' },
        },
        additionalProperties: false,
      },
      uiSchema: {
        notes: { 'ui:widget': 'textarea' },
        steps: [
          {
            title: 'L’eau',
            description: 'Regardez la mare avant de vous en approcher.',
            fields: ['waterLevel', 'temperature'],
          },
          { title: 'La vie de la mare', fields: ['eggMasses', 'notes'] },
        ],
      },
    },
  },
  nestBox: {
    name: 'Nichoir',
    description: 'Un nichoir à passereaux posé dans un arbre.',
    siteForm: {
      jsonSchema: {
        type: 'object',
        required: ['height'],
        properties: {
          height: { type: 'number', minimum: 0, title: 'Hauteur (m)' },
          hole: {
            type: 'integer',
            title: 'Trou d’envol',
            enum: [28, 32],
            enumNames: ['28 mm (mésanges bleues)', '32 mm (mésanges charbonnières)'],
          },
        },
        additionalProperties: false,
      },
    },
    visitForm: {
      jsonSchema: {
        type: 'object',
        required: ['occupied'],
        properties: {
          occupied: { type: 'boolean', title: 'Occupé' },
          eggs: { type: 'integer', minimum: 0, title: 'Nombre d’œufs' },
        },
        additionalProperties: false,
      },
    },
  },
} satisfies Record<string, SiteTypeSeed>;

type Visit = {
  daysAgo: number;
  time?: string;
  by: string;
  data: Record<string, unknown>;
  comment?: string;
  /** Scientific names and counts of the birds seen. */
  species?: [string, number][];
};

type Site = {
  name: string;
  type: keyof typeof DEMO_SITE_TYPES;
  /** [longitude, latitude], inside the park. */
  at: [number, number];
  by: string;
  data: Record<string, unknown>;
  visits: Visit[];
};

export const DEMO_SITES: Site[] = [
  {
    name: 'Mare de la roseraie',
    type: 'pond',
    at: [4.8505, 45.776],
    by: 'camille',
    data: { surface: 120, depth: 1.2, origin: 'dug', vegetation: ['reeds', 'waterLilies'] },
    visits: [
      {
        daysAgo: 95,
        time: '09:30',
        by: 'camille',
        data: { waterLevel: 'high', temperature: 9.5, eggMasses: 12 },
        species: [
          ['Gallinula chloropus', 2],
          ['Anas platyrhynchos', 5],
        ],
      },
      {
        daysAgo: 40,
        by: 'lukas',
        data: { waterLevel: 'normal', temperature: 15, eggMasses: 3, notes: 'Têtards nombreux.' },
        species: [['Ardea cinerea', 1]],
      },
      {
        daysAgo: 6,
        time: '18:15',
        by: 'camille',
        data: { waterLevel: 'low', temperature: 21 },
        comment: 'Le niveau baisse avec la chaleur.',
      },
    ],
  },
  {
    name: 'Mare du jardin botanique',
    type: 'pond',
    at: [4.856, 45.7775],
    by: 'lukas',
    data: { surface: 60, origin: 'natural', vegetation: ['reeds'] },
    visits: [
      {
        daysAgo: 70,
        by: 'lukas',
        data: { waterLevel: 'normal', eggMasses: 5 },
        species: [['Fulica atra', 2]],
      },
      {
        daysAgo: 20,
        time: '10:00',
        by: 'amelie',
        data: { waterLevel: 'normal', temperature: 17, notes: 'Libellules sur les roseaux.' },
      },
    ],
  },
  {
    name: 'Bassin des cygnes',
    type: 'pond',
    at: [4.853, 45.78],
    by: 'amelie',
    data: { surface: 400, depth: 2, origin: 'dug', vegetation: ['willows'] },
    visits: [
      {
        daysAgo: 30,
        by: 'amelie',
        data: { waterLevel: 'high', temperature: 14 },
        species: [
          ['Cygnus olor', 2],
          ['Aythya fuligula', 7],
        ],
      },
    ],
  },
  {
    name: 'Nichoir de l’allée des cèdres',
    type: 'nestBox',
    at: [4.8545, 45.782],
    by: 'noah',
    data: { height: 3.5, hole: 32 },
    visits: [
      {
        daysAgo: 60,
        by: 'noah',
        data: { occupied: true, eggs: 7 },
        species: [['Parus major', 2]],
      },
      { daysAgo: 25, by: 'noah', data: { occupied: true, eggs: 0 }, comment: 'Jeunes envolés.' },
    ],
  },
  {
    name: 'Nichoir du vieux platane',
    type: 'nestBox',
    at: [4.849, 45.779],
    by: 'sofia',
    data: { height: 2.8, hole: 28 },
    visits: [],
  },
];

type Deps = {
  projectId: number;
  speciesListId: number;
  cdNomByName: Map<string, number>;
  observers: { id: number; username: string; display_name: string | null }[];
};

/** Adds the site programme, its site types, sites, visits and the birds seen at them. */
export async function seedDemoSites(trx: Transaction<DB>, deps: Deps): Promise<number> {
  const program = DEMO_SITE_PROGRAM;
  const programId = await insertProgram(
    trx,
    {
      slug: program.slug,
      kind: 'sites',
      project_id: deps.projectId,
      title: program.title,
      short_description: program.shortDescription,
      long_description: program.longDescription,
      species_list_id: deps.speciesListId,
    },
    // The same area as the park's bird programme.
    { areaOf: program.area },
  );

  const typeIds = new Map<string, number>();
  for (const [position, [key, type]] of Object.entries(DEMO_SITE_TYPES).entries()) {
    const form = async (what: string, custom: CustomForm) => {
      const ordered = withFieldOrder(custom);
      return insertCustomForm(trx, `${type.name}: ${what}`, ordered.jsonSchema, ordered.uiSchema);
    };
    const id = await insertSiteType(trx, {
      program_id: programId,
      name: type.name,
      description: type.description,
      site_form_id: await form('site', type.siteForm),
      visit_form_id: await form('visit', type.visitForm),
      position,
    });
    typeIds.set(key, id);
  }

  const observer = (username: string) => {
    const found = deps.observers.find((o) => o.username === username);
    if (!found) throw new Error(`demo observer ${username} is missing`);
    return found;
  };
  const today = Date.now();
  const day = (daysAgo: number) =>
    new Date(today - daysAgo * 86_400_000).toISOString().slice(0, 10);

  for (const site of DEMO_SITES) {
    const creator = observer(site.by);
    const siteId = await insertSite(trx, {
      program_id: programId,
      site_type_id: typeIds.get(site.type)!,
      name: site.name,
      at: site.at,
      custom_data: JSON.stringify(site.data),
      creator_id: creator.id,
      created_at: new Date(today - 120 * 86_400_000),
    });
    for (const visit of site.visits) {
      const visitor = observer(visit.by);
      const visitedOn = day(visit.daysAgo);
      const visitId = await insertVisit(trx, {
        site_id: siteId,
        visited_on: visitedOn,
        visited_time: visit.time ?? null,
        comment: visit.comment ?? null,
        custom_data: JSON.stringify(visit.data),
        observer_id: visitor.id,
      });
      if (!visit.species?.length) continue;
      await insertObservations(
        trx,
        visit.species.map(([name, count]) => {
          const cdNom = deps.cdNomByName.get(name);
          if (!cdNom) throw new Error(`demo species ${name} is not in taxref.tsv`);
          return {
            program_id: programId,
            cd_nom: cdNom,
            observed_on: visitedOn,
            observed_time: visit.time ?? null,
            count,
            at: site.at,
            coordinate_uncertainty_m: 10,
            observer_id: visitor.id,
            observer_name: visitor.display_name,
            validation_status: 'certain',
            visit_id: visitId,
          };
        }),
      );
    }
  }
  return programId;
}
