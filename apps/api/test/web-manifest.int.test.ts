import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ErrorResponse, WebAppManifest } from '@citizen/shared';
import type { App } from '../src/http/types.js';
import { photoUrls } from '../src/media/photos.service.js';
import { createServices } from '../src/services.js';
import { testApp, testConfig } from './app.js';
import { describeOnEngines } from './engines.js';

/** The colour of one pixel of a PNG, with its alpha. */
async function pixel(png: Buffer, x: number, y: number) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * 4;
  return [...data.subarray(at, at + 4)];
}

describeOnEngines('web app manifest', (database) => {
  let app: App;
  const env = { MEDIA_DIR: mkdtempSync(path.join(os.tmpdir(), 'citizen-manifest-')) };
  const services = () => createServices(testConfig(env), database());

  beforeAll(async () => {
    app = await testApp(database(), env);
    await services().settings.update({
      siteName: 'Nature en ville',
      colours: { primary: '#204a87', accent: '#b45309' },
    });
  });
  afterAll(() => app?.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });
  const manifestOf = async (lang: string) => {
    const response = await get(`/api/web-manifest/${lang}`);
    expect(response.statusCode).toBe(200);
    return response.json<WebAppManifest>();
  };

  it('serves a manifest per language from the site settings', async () => {
    const response = await get('/api/web-manifest/fr');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(response.json<WebAppManifest>()).toMatchObject({
      name: 'Nature en ville',
      short_name: 'Nature',
      lang: 'fr',
      start_url: '/fr/',
      scope: '/',
      id: '/',
      display: 'standalone',
      theme_color: '#204a87',
      background_color: '#204a87',
    });
    expect((await manifestOf('de')).start_url).toBe('/de/');

    const again = await get('/api/web-manifest/fr', {
      'if-none-match': response.headers.etag as string,
    });
    expect(again.statusCode).toBe(304);

    const unknown = await get('/api/web-manifest/it');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ErrorResponse>().code).toBe('request.invalid');
  });

  it('serves each listed icon as a PNG of its size, cached for a year under its versioned URL', async () => {
    const { icons } = await manifestOf('en');
    expect(icons.map((i) => `${i.purpose} ${i.sizes}`).sort()).toEqual([
      'any 192x192',
      'any 512x512',
      'maskable 192x192',
      'maskable 512x512',
    ]);
    for (const icon of icons) {
      const response = await get(icon.src);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const meta = await sharp(response.rawPayload).metadata();
      expect([meta.format, `${meta.width}x${meta.height}`]).toEqual(['png', icon.sizes]);
    }
    const unversioned = await get('/api/web-manifest/icons/any/192');
    expect(unversioned.headers['cache-control']).toBe('public, no-cache');
    expect((await get('/api/web-manifest/icons/any/300')).statusCode).toBe(400);
    expect((await get('/api/web-manifest/icons/monochrome/192')).statusCode).toBe(400);
  });

  it('draws the default icons in the primary colour: rounded for any use, full bleed when maskable', async () => {
    const any = (await get('/api/web-manifest/icons/any/512')).rawPayload;
    const maskable = (await get('/api/web-manifest/icons/maskable/512')).rawPayload;
    expect((await pixel(any, 0, 0))[3]).toBe(0);
    expect(await pixel(any, 40, 256)).toEqual([0x20, 0x4a, 0x87, 255]);
    expect(await pixel(maskable, 0, 0)).toEqual([0x20, 0x4a, 0x87, 255]);
  });

  it("draws the icons from the uploaded logo, kept inside a maskable icon's safe zone", async () => {
    const logo = await sharp({
      create: { width: 400, height: 400, channels: 3, background: { r: 220, g: 20, b: 20 } },
    })
      .jpeg()
      .toBuffer();
    const [mediaId] = await services().photos.saveWith(
      [{ bytes: logo, filename: 'logo.jpg', licence: 'CC0-1.0', author: null }],
      null,
      async (_trx, ids) => ids,
    );
    const before = (await manifestOf('fr')).icons[0]!.src;
    await services().settings.update({ logoUrl: photoUrls(mediaId!).displayUrl });
    const { icons } = await manifestOf('fr');
    expect(icons[0]!.src).not.toBe(before);

    const maskable = (
      await get(icons.find((i) => i.purpose === 'maskable' && i.sizes === '512x512')!.src)
    ).rawPayload;
    const red = (p: number[]) => p[0]! > 200 && p[1]! < 60 && p[2]! < 60;
    expect(red(await pixel(maskable, 256, 256))).toBe(true);
    // The safe zone is the middle circle of 80 %: the logo stays well inside it.
    expect(await pixel(maskable, 100, 256)).toEqual([255, 255, 255, 255]);
    expect(await pixel(maskable, 0, 0)).toEqual([255, 255, 255, 255]);
    const any = (await get(icons.find((i) => i.purpose === 'any' && i.sizes === '192x192')!.src))
      .rawPayload;
    expect(red(await pixel(any, 96, 96))).toBe(true);
  });
});
