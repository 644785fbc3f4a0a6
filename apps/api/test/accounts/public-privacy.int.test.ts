import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { listZip, openZipEntry } from '../../src/taxonomy/zip.js';
import { freshDatabase } from '../engines.js';
import { jpegWithGps, multipart } from '../images.js';
import { accountsApp, bearer, createUser, login } from './helpers.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const SECRETS = /\$argon2|password_?hash|passwordHash|token_hash|refresh_?token|access_?token/i;
const MAX_REQUESTS = 600;

type Spec = { paths: Record<string, Record<string, unknown>> };

/**
 * Crawls the public API (every GET route of the OpenAPI document, with its parameters filled
 * from real data, then every /api/ link found in the answers) and checks that no answer holds an
 * e-mail address or a password hash, whether the crawler is anonymous or a signed-in observer.
 */
describe('public API crawl: no e-mail address nor password hash [postgres]', () => {
  let app: App;
  let close: () => Promise<void>;
  let drop: () => Promise<void>;
  let knownEmails: string[] = [];
  let knownHashes: string[] = [];
  let observerToken: string;
  const values: Record<string, string[]> = {};
  const crawled: { url: string; as: string; status: number }[] = [];

  beforeAll(async () => {
    const fresh = await freshDatabase('postgres', { demo: true });
    drop = fresh.drop;
    const { db } = fresh.database;
    ({ app, close } = await accountsApp(fresh.database));

    // Data with personal details: an avatar, an observation with photos, an anonymous
    // contribution with a contact address, a validator's question.
    const star = await createUser(db, { username: 'star.observer' });
    const validator = await createUser(db, { username: 'the-validator', role: 'validator' });
    const starToken = (await login(app, star.username)).accessToken!;
    const validatorToken = (await login(app, validator.username)).accessToken!;
    observerToken = (await login(app, (await createUser(db)).username)).accessToken!;
    const avatar = multipart({}, [
      { field: 'file', filename: 'me.jpg', type: 'image/jpeg', bytes: await jpegWithGps() },
    ]);
    await app.inject({
      method: 'PUT',
      url: '/api/auth/me/avatar',
      payload: avatar.payload,
      headers: { ...avatar.headers, ...bearer(starToken) },
    });
    const { rows } = await sql<{ cd_nom: number; lon: number; lat: number }>`
      select cd_nom, ST_X(geom) as lon, ST_Y(geom) as lat from observations
      where program_id = 1 order by id limit 1`.execute(db);
    const sample = rows[0]!;
    const observation = (extra: object) =>
      JSON.stringify({
        programId: 1,
        cdNom: sample.cd_nom,
        observedOn: new Date().toISOString().slice(0, 10),
        location: { type: 'Point', coordinates: [sample.lon, sample.lat] },
        ...extra,
      });
    const withPhoto = multipart({ observation: observation({ comment: 'With a photo' }) }, [
      { field: 'photo', filename: 'bird.jpg', type: 'image/jpeg', bytes: await jpegWithGps() },
    ]);
    const mine = await app.inject({
      method: 'POST',
      url: '/api/observations',
      payload: withPhoto.payload,
      headers: { ...withPhoto.headers, ...bearer(starToken) },
    });
    expect(mine.statusCode).toBe(201);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/observations',
      headers: { 'content-type': 'application/json' },
      payload: observation({ observerName: 'Passer-by', contactEmail: 'passer.by@example.com' }),
    });
    expect(anonymous.statusCode).toBe(201);
    await app.inject({
      method: 'POST',
      url: `/api/observations/${mine.json<{ id: string }>().id}/comments`,
      headers: bearer(validatorToken),
      payload: { comment: 'Could you send another photo?' },
    });

    const users = await db.selectFrom('users').select(['email', 'password_hash']).execute();
    const contacts = await db
      .selectFrom('observations')
      .select('contact_email')
      .where('contact_email', 'is not', null)
      .execute();
    knownEmails = [...users.map((u) => u.email), ...contacts.map((c) => c.contact_email!)];
    knownHashes = users.flatMap((u) => (u.password_hash ? [u.password_hash] : []));
    expect(knownEmails).toContain('passer.by@example.com');

    const ids = async (query: string) =>
      (await sql<{ v: string }>`${sql.raw(query)}`.execute(db)).rows.map((r) => String(r.v));
    Object.assign(values, {
      program: await ids('select id as v from programs order by id'),
      observation: await ids('select id as v from observations order by created_at desc limit 3'),
      media: await ids('select id as v from media'),
      username: await ids('select username as v from users order by id'),
      cdNom: await ids('select cd_nom as v from observations group by cd_nom limit 3'),
      slug: await ids('select slug as v from custom_pages'),
      variant: ['thumb', 'display', 'original'],
    });
  });
  afterAll(async () => {
    await close?.();
    await drop?.();
  });

  /** Fills a path template with real values, by the parameter's name and the path around it. */
  function expand(template: string): string[] {
    let urls = [template];
    for (const [, name] of template.matchAll(/\{(\w+)\}/g)) {
      const before = template.slice(0, template.indexOf(`{${name}}`));
      const kind =
        name === 'id'
          ? before.includes('/observations/')
            ? 'observation'
            : before.includes('/media/')
              ? 'media'
              : 'program'
          : ['z', 'x', 'y'].includes(name!)
            ? 'tile'
            : name!;
      const choices = kind === 'tile' ? ['0'] : (values[kind] ?? []);
      urls = urls.flatMap((url) => choices.map((v) => url.replace(`{${name}}`, v)));
    }
    return urls;
  }

  /** What is wrong with an answer: addresses, hashes or token fields it shows. */
  function scan(texts: string[], where: string): string[] {
    const problems: string[] = [];
    for (const text of texts) {
      const email = EMAIL.exec(text);
      if (email) problems.push(`${where} shows the address ${email[0]}`);
      if (SECRETS.test(text)) problems.push(`${where} shows ${SECRETS.exec(text)![0]}`);
      for (const known of [...knownEmails, ...knownHashes]) {
        if (text.toLowerCase().includes(known.toLowerCase())) {
          problems.push(`${where} shows ${known.slice(0, 12)}…`);
        }
      }
    }
    return problems;
  }

  async function crawl(as: string, headers: Record<string, string>) {
    const spec = app.swagger() as Spec;
    const queue = Object.entries(spec.paths)
      .filter(([p, methods]) => 'get' in methods && !/^\/api\/(docs|admin|auth\/me)/.test(p))
      .flatMap(([p]) => expand(p));
    queue.push(
      '/api/observations?limit=50',
      '/api/observations?programId=1&limit=20',
      '/api/taxa/search?q=mer',
      '/api/programs/1/observations?limit=100',
    );
    const seen = new Set<string>();
    const problems: string[] = [];
    while (queue.length > 0 && seen.size < MAX_REQUESTS) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const response = await app.inject({ method: 'GET', url, headers });
      crawled.push({ url, as, status: response.statusCode });
      const texts = await textsOf(response);
      problems.push(...scan(texts, `${url} (${as})`));
      for (const text of texts) {
        // Follow the API links the answer gives.
        for (const [link] of text.matchAll(/\/api\/[A-Za-z0-9/_.\-?=&%]+/g)) {
          if (!link.startsWith('/api/docs') && !seen.has(link)) queue.push(link);
        }
      }
    }
    return { problems, count: seen.size };
  }

  it('as an anonymous visitor', async () => {
    const { problems, count } = await crawl('anonymous', {});
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(60);
    // The crawl reached the answers that matter, not only errors.
    const ok = crawled.filter((c) => c.as === 'anonymous' && c.status === 200).map((c) => c.url);
    for (const expected of [
      '/api/programs',
      '/api/users/star.observer',
      '/api/users/star.observer/avatar',
      '/api/programs/1/export.csv',
      '/api/programs/1/export.dwca.zip',
    ]) {
      expect(ok.some((u) => u.startsWith(expected))).toBe(true);
    }
  });

  it('as a signed-in observer', async () => {
    const { problems } = await crawl('observer', bearer(observerToken));
    expect(problems).toEqual([]);
  });

  it('would notice a leak: the private /api/auth/me answer is flagged', async () => {
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: bearer(observerToken),
    });
    expect(me.statusCode).toBe(200);
    expect(scan(await textsOf(me), 'me')).not.toEqual([]);
  });

  it('even error answers name no account', async () => {
    const user = (await app.inject({ method: 'GET', url: '/api/users/nobody-at-all' })).json();
    expect(user.message).not.toMatch(EMAIL);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: knownEmails[0], password: 'wrong password!' },
    });
    expect(login.body).not.toMatch(EMAIL);
  });
});

async function textsOf(response: {
  headers: Record<string, unknown>;
  body: string;
  rawPayload: Buffer;
}): Promise<string[]> {
  const type = String(response.headers['content-type'] ?? '');
  if (/json|text|csv|xml|javascript/.test(type)) return [response.body];
  if (/zip/.test(type)) return zipTexts(response.rawPayload);
  if (/protobuf|mvt/.test(type)) return [response.rawPayload.toString('latin1')];
  return [];
}

async function zipTexts(bytes: Buffer): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-crawl-'));
  const file = path.join(dir, 'answer.zip');
  writeFileSync(file, bytes);
  const texts: string[] = [];
  for (const entry of await listZip(file)) {
    const chunks: Buffer[] = [];
    for await (const chunk of await openZipEntry(file, entry)) chunks.push(chunk as Buffer);
    texts.push(Buffer.concat(chunks).toString('utf8'));
  }
  return texts;
}
