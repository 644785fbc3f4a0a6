import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import type { App } from '../src/http/types.js';
import { testApp } from './app.js';
import { describeOnPostgres, freshDatabase } from './engines.js';
import { createMigratedDatabase, databaseUrl, dropDatabase } from './postgres.js';
import { freePort, startNode, type RunningNode } from './process.js';

const PUBLIC_URL = 'https://citizen.example.org';
const PARTNERS = 'https://partner.example https://*.partner.org';
const TILES = 'https://tiles.example.net';

/** Node's own client: fetch does not let a request forge its Host header. */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      http
        .get(url, { headers }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode!, headers: response.headers, body }),
          );
        })
        .on('error', reject);
    },
  );
}

/** The directives of a Content-Security-Policy header, which must be sent once. */
function directives(header: string | string[] | undefined): Map<string, string[]> {
  expect(typeof header, 'one Content-Security-Policy header').toBe('string');
  return new Map(
    (header as string).split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('security headers of the API alone', () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let app: App;
  let tls: App;

  beforeAll(async () => {
    fresh = await freshDatabase('postgres');
    app = await testApp(fresh.database, { EMBED_FRAME_ANCESTORS: PARTNERS });
    tls = await testApp(fresh.database, { PUBLIC_URL });
  });
  afterAll(async () => {
    await app?.close();
    await tls?.close();
    await fresh?.drop();
  });

  it('sends nosniff, a referrer policy and a policy that forbids running or framing, on answers and errors alike', async () => {
    for (const url of ['/api/health', '/api/programs/999999', '/api/nowhere']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(response.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(response.headers['content-security-policy'], url).toBe(
        "default-src 'none'; frame-ancestors 'self'",
      );
      expect(response.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('sends HSTS when users reach Citizen over TLS (PUBLIC_URL https)', async () => {
    const response = await tls.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('lets the API documentation run under its own policy', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    const policy = directives(response.headers['content-security-policy']);
    expect(policy.get('script-src')).toContain("'self'");
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
  });

  it('tells the web app who may frame the embed pages, and the captcha provider', async () => {
    const settings = (await app.inject({ method: 'GET', url: '/api/settings' })).json<{
      embedFrameAncestors: string;
      captcha: string | null;
    }>();
    expect(settings).toMatchObject({ embedFrameAncestors: PARTNERS, captcha: null });
  });
});

describeOnPostgres(
  'one process (npm start): the web app behind a forged Host, and its security headers',
  () => {
    let name: string;
    let database: Database;
    let citizen: RunningNode;
    let base: string;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-headers-'));
    // The forged name a request may give; absolute links must name PUBLIC_URL instead.
    const FORGED = { host: 'evil.example', 'x-forwarded-host': 'evil.example' };

    beforeAll(async () => {
      ({ name, database } = await createMigratedDatabase(inject('postgresTemplate')));
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      // PUBLIC_URL from the configuration file, not the environment the web app reads itself.
      const configFile = path.join(dir, 'citizen.json');
      writeFileSync(configFile, JSON.stringify({ PUBLIC_URL }));
      citizen = startNode('main.js', {
        CONFIG_FILE: configFile,
        DATABASE_URL: databaseUrl(name),
        DEMO_DATA: 'true',
        DATA_DIR: dir,
        PORT: String(port),
        EMBED_FRAME_ANCESTORS: PARTNERS,
        MAP_BASE_LAYERS: JSON.stringify([
          { id: 'osm', name: 'OSM', type: 'raster', tiles: [`${TILES}/{z}/{x}/{y}.png`] },
        ]),
      });
      await citizen.waitFor(/Citizen is ready/, 120_000);
    });
    afterAll(async () => {
      await citizen?.stop();
      await database?.close();
      if (name) await dropDatabase(name);
      rmSync(dir, { recursive: true, force: true });
    });

    it('writes canonical and hreflang links from PUBLIC_URL, whatever Host the request names', async () => {
      const page = await get(`${base}/en/programs/1`, FORGED);
      expect(page.status).toBe(200);
      expect(page.body).toContain(`<link rel="canonical" href="${PUBLIC_URL}/en/programs/1"`);
      expect(page.body).toMatch(
        new RegExp(`<link[^>]+hreflang="fr"[^>]+href="${PUBLIC_URL}/fr/programs/1"`),
      );
      expect(page.body).not.toContain('evil.example');
    });

    it('writes sitemap.xml and robots.txt from PUBLIC_URL', async () => {
      const sitemap = await get(`${base}/sitemap.xml`, FORGED);
      expect(sitemap.status).toBe(200);
      expect(sitemap.body).toContain(`<loc>${PUBLIC_URL}/en/programs/1</loc>`);
      expect(sitemap.body).not.toContain('evil.example');
      const robots = await get(`${base}/robots.txt`, FORGED);
      expect(robots.body).toContain(`Sitemap: ${PUBLIC_URL}/sitemap.xml`);
      expect(robots.body).not.toContain('evil.example');
    });

    it("sends a page's policy: a nonce for its scripts, the base map's host, no framing", async () => {
      const page = await get(`${base}/en/programs/1`);
      const policy = directives(page.headers['content-security-policy']);
      const nonce = policy.get('script-src')!.find((s) => s.startsWith("'nonce-"))!;
      expect(nonce).toBeDefined();
      expect(page.body).toContain(`nonce="${nonce.slice(7, -1)}"`);
      expect(policy.get('connect-src')).toEqual(["'self'", TILES]);
      expect(policy.get('worker-src')).toContain('blob:');
      expect(policy.get('img-src')).toEqual(expect.arrayContaining(['data:', 'blob:']));
      expect(policy.get('frame-ancestors')).toEqual(["'self'"]);
      expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
    });

    it('lets the partners of EMBED_FRAME_ANCESTORS frame an embed page', async () => {
      for (const query of ['embed=1', 'hide=header,footer']) {
        const page = await get(`${base}/en/programs/1?${query}`);
        expect(page.status).toBe(200);
        const policy = directives(page.headers['content-security-policy']);
        expect(policy.get('frame-ancestors'), query).toEqual(PARTNERS.split(' '));
        expect(page.headers['x-frame-options'], query).toBeUndefined();
      }
    });

    it('follows the base maps an admin sets at run time', async () => {
      await sql`insert into site_settings (id, value) values (true, ${JSON.stringify({
        map: {
          baseLayers: [
            { id: 'v', name: 'Vector', type: 'style', url: 'https://maps.example.com/s.json' },
          ],
          center: [2.5, 46.6],
          zoom: 5,
          minPlacementZoom: 14,
        },
      })}::jsonb) on conflict (id) do update set value = excluded.value`.execute(database.db);
      const policy = directives((await get(`${base}/en`)).headers['content-security-policy']);
      expect(policy.get('connect-src')).toEqual(["'self'", 'https://maps.example.com']);
    });

    it("sends nosniff with the web app's files, and the API's policy with its answers", async () => {
      const file = await get(`${base}/_app/version.json`);
      expect(file.status).toBe(200);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      const api = await get(`${base}/api/health`);
      expect(api.headers['content-security-policy']).toBe(
        "default-src 'none'; frame-ancestors 'self'",
      );
    });
  },
);
