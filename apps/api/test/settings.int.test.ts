import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CustomPage, PublicSettings } from '@citizen/shared';
import type { App } from '../src/http/types.js';
import { createServices, type Services } from '../src/services.js';
import { testApp, testConfig } from './app.js';
import { createUser } from './accounts/helpers.js';
import { describeOnEngines } from './engines.js';
import { jpegWithGps } from './images.js';

describeOnEngines('site settings and pages', (database) => {
  let app: App;
  let services: Services;
  const env = { SITE_NAME: 'Observatoire du Vercors' };
  beforeAll(async () => {
    app = await testApp(database(), env);
    services = createServices(testConfig(env), database());
  });
  afterAll(() => app?.close());

  const settings = async () =>
    (await app.inject({ method: 'GET', url: '/api/settings' })).json<PublicSettings>();

  it('starts from the configuration and built-in defaults', async () => {
    expect(await settings()).toMatchObject({
      siteName: 'Observatoire du Vercors',
      logoUrl: null,
      texts: {},
      defaultLocale: 'fr',
      locales: ['fr', 'en', 'de'],
      badges: false,
      map: { zoom: 5 },
    });
    // The built-in base maps, OpenStreetMap's first.
    expect((await settings()).map.baseLayers.map((layer) => layer.id)).toEqual([
      'osm',
      'opentopomap',
      'ign-ortho',
    ]);
  });

  it('applies an operator change on the next request; texts merge by key and are sanitised', async () => {
    await services.settings.update({
      siteName: 'Vercors Nature',
      colours: { primary: '#004488', accent: '#aa3300' },
      texts: {
        'home.title': { fr: 'Bienvenue', en: 'Welcome' },
        'home.intro': { fr: '<p>Intro<script>x()</script></p>' },
      },
    });
    await services.settings.update({
      texts: { 'home.title': { de: 'Willkommen' }, footer: { fr: 'Pied' } },
    });
    const now = await settings();
    expect(now.siteName).toBe('Vercors Nature');
    expect(now.colours).toEqual({ primary: '#004488', accent: '#aa3300' });
    expect(now.texts).toEqual({
      'home.title': { de: 'Willkommen' },
      'home.intro': { fr: '<p>Intro</p>' },
      footer: { fr: 'Pied' },
    });
    await services.settings.update({ texts: { footer: {} } });
    expect(Object.keys((await settings()).texts).sort()).toEqual(['home.intro', 'home.title']);
  });

  it('keeps custom pages, sanitised, in menu order', async () => {
    const page: CustomPage = {
      slug: 'about',
      title: { fr: 'À propos', en: 'About' },
      body: { fr: '<h2>Qui sommes-nous</h2><p onclick="x()">Texte</p>' },
      inMenu: true,
      position: 2,
    };
    await services.settings.savePage(page);
    await services.settings.savePage({
      ...page,
      slug: 'legal',
      title: { fr: 'Mentions légales' },
      position: 1,
    });
    const list = (await app.inject({ method: 'GET', url: '/api/pages' })).json<{
      items: CustomPage[];
    }>();
    expect(list.items.map((p) => p.slug)).toEqual(['legal', 'about']);
    const about = (await app.inject({ method: 'GET', url: '/api/pages/about' })).json<CustomPage>();
    expect(about.body.fr).toBe('<h2>Qui sommes-nous</h2><p>Texte</p>');
    await services.settings.deletePage('legal');
    expect((await app.inject({ method: 'GET', url: '/api/pages/legal' })).statusCode).toBe(404);
  });

  it('writes an uploaded logo and its setting together, and deletes the uploaded logo it replaces', async () => {
    const admin = await createUser(database().db, { role: 'admin' });
    const upload = async () =>
      services.settings.replaceLogo(
        {
          bytes: await jpegWithGps({ width: 400, height: 200 }),
          filename: 'logo.jpg',
          licence: services.config.photos.defaultLicence,
          author: null,
        },
        admin.id,
      );
    const served = async (url: string) => (await app.inject({ method: 'GET', url })).statusCode;
    const media = async () =>
      Number(
        (
          await database()
            .db.selectFrom('media')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    const first = (await upload()).logoUrl!;
    expect(first).toMatch(/^\/api\/media\/[0-9a-f-]{36}\/display$/);
    expect(await served(first)).toBe(200);
    const count = await media();
    const second = (await upload()).logoUrl!;
    expect((await settings()).logoUrl).toBe(second);
    expect(await served(second)).toBe(200);
    expect(await served(first)).toBe(404);
    expect(await media()).toBe(count);

    // A logo set by address is only replaced; an uploaded one then replaced by address stays.
    await services.settings.update({ logoUrl: 'https://example.org/logo.svg' });
    await upload();
    expect(await media()).toBe(count + 1);
  });

  it('rejects bad values and keeps admin routes for administrators', async () => {
    for (const [method, url] of [
      ['PATCH', '/api/admin/settings'],
      ['PUT', '/api/admin/settings/logo'],
      ['PUT', '/api/admin/pages/about'],
      ['DELETE', '/api/admin/pages/about'],
    ] as const) {
      expect(
        (await app.inject({ method, url, payload: method === 'DELETE' ? undefined : {} }))
          .statusCode,
        url,
      ).toBe(401);
    }
  });
});
