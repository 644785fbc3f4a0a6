import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMBINATIONS, DUMMY_ENV, ROOT } from './compose.js';
import { multipart, noisyJpeg, request } from './http.js';
import { waitUntil } from './processes.js';
import { selfSignedCertificate } from './tls.js';
import {
  backendLog,
  dataDir,
  expectSecurityHeaders,
  firstProgram,
  PARTNER,
  policyOf,
  scratch,
  SITE_NAME,
  startApps,
  startProxy,
  stopApps,
  type Proxy,
} from './topology.js';

/*
 * The production topology on loopback (see topology.ts): the backend and the SSR frontend as
 * their images run them, behind nginx as each proxy variant renders it.
 */

beforeAll(startApps, 120_000);
afterAll(stopApps);

/** The upload checks both variants share: nginx hands a photo-sized body to the backend. */
function uploadTests(proxy: () => Proxy) {
  it('passes a 2 MB upload on to the backend (nginx does not answer 413)', async () => {
    const junk = {
      name: 'photo',
      filename: 'big.jpg',
      type: 'image/jpeg',
      bytes: randomBytes(2_000_000),
    };
    const { body, headers } = multipart({}, [junk]);
    const reply = await request(`${proxy().http}/api/media/metadata`, {
      method: 'POST',
      headers,
      body,
    });
    expect(reply.status).not.toBe(413);
    // The backend's JSON error (this is not a photo), not an nginx page.
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(reply.body)).toHaveProperty('message');
  });

  it('refuses a body over client_max_body_size before reading it', async () => {
    const reply = await request(`${proxy().http}/api/media/metadata`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(200_000_000),
      },
    });
    expect(reply.status).toBe(413);
  });

  it('lets a reference-file import through to the API, which refuses a visitor before reading it', async () => {
    const reply = await request(`${proxy().http}/api/admin/taxonomy/import`, {
      method: 'POST',
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(300_000_000),
      },
    });
    expect(reply.status).toBe(401);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
  });
}

describe('server-rendered web app (docker-compose.yml)', () => {
  let proxy: Proxy;
  beforeAll(async () => {
    proxy = await startProxy('ssr', COMBINATIONS.production);
  });

  it('serves the home page, rendered on the server, compressed and with security headers', async () => {
    const response = await fetch(`${proxy.http}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expectSecurityHeaders(response.headers);
    expect(response.headers.get('strict-transport-security')).toBeNull();
    const html = await response.text();
    expect(html).toContain(SITE_NAME);
    expect(html).toContain((await firstProgram(proxy.http)).title);
  });

  it('serves a programme page, rendered on the server', async () => {
    const program = await firstProgram(proxy.http);
    const response = await fetch(`${proxy.http}/programs/${program.id}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(program.title);
  });

  it('answers API calls', async () => {
    const response = await fetch(`${proxy.http}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
    expectSecurityHeaders(response.headers);
  });

  it("passes on the web app's page policy, once, and lets partners frame embed pages only", async () => {
    const program = await firstProgram(proxy.http);
    const page = await request(`${proxy.http}/en/programs/${program.id}`);
    expect(page.status).toBe(200);
    const policy = policyOf(page.headers);
    expect(policy.get('script-src')!.some((s) => s.startsWith("'nonce-"))).toBe(true);
    expect(policy.get('frame-ancestors')).toEqual(["'self'"]);
    expectSecurityHeaders(page.headers);

    const embed = await request(`${proxy.http}/en/programs/${program.id}?embed=1`);
    expect(policyOf(embed.headers).get('frame-ancestors')).toEqual([PARTNER]);
    expect(embed.headers['x-frame-options']).toBeUndefined();

    const api = await request(`${proxy.http}/api/programs`);
    expect(policyOf(api.headers).get('default-src')).toEqual(["'none'"]);
    expectSecurityHeaders(api.headers);
  });

  it('writes canonical links, hreflang and the sitemap from PUBLIC_URL, whatever host a client names', async () => {
    const forged = { host: 'evil.example', 'x-forwarded-host': 'evil.example' };
    const page = await request(`${proxy.http}/en`, { headers: forged });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<link rel="canonical" href="${DUMMY_ENV.PUBLIC_URL}/en"`);
    expect(page.body).toContain(`hreflang="fr" href="${DUMMY_ENV.PUBLIC_URL}/fr"`);
    expect(page.body).not.toContain('evil.example');
    const sitemap = await request(`${proxy.http}/sitemap.xml`, { headers: forged });
    expect(sitemap.body).toContain(`<loc>${DUMMY_ENV.PUBLIC_URL}/en</loc>`);
    expect(sitemap.body).not.toContain('evil.example');
  });

  it("gives the backend the client's address, not the one a client claims", async () => {
    const probe = `/api/programs?probe=${randomBytes(4).toString('hex')}`;
    const reply = await request(`${proxy.http}${probe}`, {
      localAddress: '127.0.0.3',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(reply.status).toBe(200);
    const line = () =>
      backendLog()
        .split('\n')
        .find((l) => l.includes(probe) && l.includes('remoteAddress'));
    // The backend's logger writes asynchronously.
    await waitUntil(async () => line() !== undefined, {
      timeoutMs: 5_000,
      describe: () => `no log line for ${probe}:\n${backendLog().slice(-2000)}`,
    });
    const { req } = JSON.parse(line()!) as { req: { remoteAddress: string; host: string } };
    expect(req.remoteAddress).toBe('127.0.0.3');
    expect(req.host).toBe(new URL(proxy.http).host);
  });

  it('gives the web app the public scheme and host (its form origin check passes)', async () => {
    const post = (origin: string) =>
      fetch(`${proxy.http}/`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=1',
      });
    expect((await post(proxy.http)).status).not.toBe(403);
    expect((await post('https://elsewhere.example')).status).toBe(403);
  });

  uploadTests(() => proxy);

  it('records an observation with a 2 MB photo, serves it with caching headers, and answers 404 right after a moderator withdraws it', async () => {
    // Demo data: programme 1's area holds this point, and its list this species.
    const observation = {
      programId: 1,
      cdNom: 4117,
      observedOn: '2026-05-14',
      count: 1,
      location: { type: 'Point', coordinates: [4.853, 45.778] },
      photos: [{ licence: 'CC0-1.0', author: 'Jo' }, { licence: 'CC0-1.0' }],
    };
    const photo = await noisyJpeg();
    expect(photo.length).toBeGreaterThan(1_500_000);
    const { body, headers } = multipart({ observation: JSON.stringify(observation) }, [
      { name: 'photo', filename: 'blackbird.jpg', type: 'image/jpeg', bytes: photo },
      { name: 'photo', filename: 'blackbird-2.jpg', type: 'image/jpeg', bytes: photo },
    ]);
    const reply = await request(`${proxy.http}/api/observations`, {
      method: 'POST',
      headers,
      body,
    });
    expect(reply.status, reply.body).toBe(201);
    const saved = JSON.parse(reply.body) as {
      id: string;
      photos: { id: string; displayUrl: string; thumbUrl: string }[];
    };
    const [hidden, deleted] = saved.photos;
    const url = `${proxy.http}${hidden!.displayUrl}`;
    expect(url).toContain('/api/media/');

    const first = await fetch(url);
    expect(first.status).toBe(200);
    // 1600 pixels wide already: the upload itself, less its metadata.
    expect(first.headers.get('content-type')).toBe('image/jpeg');
    expect(first.headers.get('cache-control')).toBe('public, max-age=604800, s-maxage=0');
    expectSecurityHeaders(first.headers);
    const bytes = Buffer.from(await first.arrayBuffer());
    const second = await fetch(url);
    expect(Buffer.from(await second.arrayBuffer()).equals(bytes)).toBe(true);
    const etag = first.headers.get('etag')!;
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${proxy.http}${deleted!.thumbUrl}`)).status).toBe(200);

    // The demo's administrator (its credentials are in the data folder) withdraws both photos.
    const [username, , password] = readFileSync(path.join(dataDir(), 'demo-admin.txt'), 'utf8')
      .trim()
      .split(' / ');
    const session = await fetch(`${proxy.http}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: username, password }),
    });
    expect(session.status).toBe(200);
    const { accessToken } = (await session.json()) as { accessToken: string };
    const moderate = (method: string, path: string) =>
      fetch(`${proxy.http}/api/admin/observations/${saved.id}/photos/${path}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'Not a bird' }),
      });
    expect((await moderate('POST', `${hidden!.id}/hide`)).status).toBe(200);
    expect((await moderate('DELETE', deleted!.id)).status).toBe(200);

    for (const gone of [url, `${proxy.http}${deleted!.thumbUrl}`]) {
      expect((await fetch(gone)).status, gone).toBe(404);
      expect((await fetch(gone, { headers: { 'if-none-match': etag } })).status, gone).toBe(404);
    }
  });
});

describe('static web app (docker-compose.static.yml)', () => {
  let proxy: Proxy;
  beforeAll(async () => {
    proxy = await startProxy('static', COMBINATIONS.static);
  });

  it('serves the app, and index.html for any page the app routes', async () => {
    const index = readFileSync(path.join(ROOT, 'apps/web/build-static/index.html'), 'utf8');
    const program = await firstProgram(proxy.http);
    for (const page of ['/', `/programs/${program.id}`]) {
      const response = await fetch(`${proxy.http}${page}`);
      expect(response.status, page).toBe(200);
      expect(response.headers.get('cache-control'), page).toBe('no-cache');
      expectSecurityHeaders(response.headers);
      expect(await response.text(), page).toBe(index);
    }
  });

  it('forbids framing the app but to partners on embed pages; its content policy is in index.html', async () => {
    const index = readFileSync(path.join(ROOT, 'apps/web/build-static/index.html'), 'utf8');
    expect(index).toMatch(
      /<meta http-equiv="content-security-policy" content="[^"]*script-src 'self'/,
    );
    const page = await request(`${proxy.http}/en/about`);
    expect(policyOf(page.headers)).toEqual(new Map([['frame-ancestors', ["'self'"]]]));
    expectSecurityHeaders(page.headers);
    for (const query of ['embed=1', 'hide=header']) {
      const embed = await request(`${proxy.http}/en/programs/1?${query}`);
      expect(policyOf(embed.headers), query).toEqual(new Map([['frame-ancestors', [PARTNER]]]));
      expect(embed.headers['x-frame-options'], query).toBeUndefined();
    }
  });

  it('caches content-hashed files for good, with the right types', async () => {
    const immutable = path.join(ROOT, 'apps/web/build-static/_app/immutable');
    const files = readdirSync(immutable, { recursive: true, withFileTypes: true }).filter((f) =>
      f.isFile(),
    );
    const types: Record<string, RegExp> = {
      '.js': /^(text|application)\/javascript/,
      '.mjs': /^text\/javascript/,
      '.css': /^text\/css/,
    };
    for (const file of files.filter((f) => path.extname(f.name) in types)) {
      const url = `/_app/immutable/${path.relative(immutable, path.join(file.parentPath, file.name))}`;
      const response = await fetch(`${proxy.http}${url}`);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('cache-control'), url).toBe(
        'public, max-age=31536000, immutable',
      );
      expect(response.headers.get('content-type'), url).toMatch(types[path.extname(file.name)]!);
      expectSecurityHeaders(response.headers, { frameOptions: false });
    }
    expect((await fetch(`${proxy.http}/_app/immutable/missing.js`)).status).toBe(404);
  });

  it('answers API calls', async () => {
    const response = await fetch(`${proxy.http}/api/settings`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ siteName: SITE_NAME });
  });

  uploadTests(() => proxy);
});

describe('HTTPS (docker-compose.tls.yml)', () => {
  let proxy: Proxy;
  let ca: string;
  beforeAll(async () => {
    const certs = selfSignedCertificate(path.join(scratch, 'certs'));
    ca = readFileSync(path.join(certs, 'fullchain.pem'), 'utf8');
    proxy = await startProxy('tls', COMBINATIONS['production with TLS'], { TLS_CERTS_DIR: certs });
  });

  it('redirects plain HTTP to HTTPS', async () => {
    const reply = await request(`${proxy.http}/programs/1?x=1`);
    expect(reply.status).toBe(301);
    expect(reply.headers.location).toBe('https://127.0.0.1/programs/1?x=1');
  });

  it('serves the pages and the API over HTTPS, with HSTS', async () => {
    for (const page of ['/en', '/api/health']) {
      const reply = await request(`${proxy.https}${page}`, { ca });
      expect(reply.status, page).toBe(200);
      expect(reply.headers['strict-transport-security'], page).toBe('max-age=31536000');
      expectSecurityHeaders(reply.headers);
    }
  });
});
