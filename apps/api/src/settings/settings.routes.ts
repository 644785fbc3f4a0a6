import { PublicSettings } from '@citizen/shared';
import type { App } from '../http/types.js';
import type { Services } from '../services.js';

export function settingsRoutes(app: App, { config }: Services) {
  app.get(
    '/settings',
    {
      schema: {
        tags: ['system'],
        summary: 'Public settings the web app reads at request time',
        response: { 200: PublicSettings },
      },
    },
    async () => ({
      siteName: config.siteName,
      defaultLocale: config.defaultLocale,
      map: { baseLayers: config.map.baseLayers },
    }),
  );
}
