// Kept apart from helpers.ts so that the browser tests can take it without the API's app.

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
