import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { RATE_LIMITED_ROUTES } from '../../src/auth/rate-limits.js';
import type { App } from '../../src/http/types.js';
import { freshDatabase } from '../engines.js';
import { accountsApp, bearer, createUser, login, PASSWORD } from './helpers.js';

const LIMITS = JSON.stringify({
  login: { perIp: 6, perAccount: 3 },
  register: { perIp: 4, perAccount: 2 },
  passwordReset: { perIp: 5, perAccount: 2 },
  observationCreate: { perIp: 4, perAccount: 2 },
});

/** X-Forwarded-For is believed from the loopback peer `inject` uses (TRUST_PROXY default). */
const from = (ip: string) => ({ 'x-forwarded-for': ip });

describe('rate limits per address and per account [postgres]', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let app: App;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await freshDatabase('postgres', { demo: true }));
    ({ app, close } = await accountsApp(database, { RATE_LIMITS: LIMITS }));
  });
  afterAll(async () => {
    await close?.();
    await drop?.();
  });

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload, headers });

  it('login: per address whatever the account, never per account (nobody can lock one out)', async () => {
    const target = await createUser(database.db);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await post(
        '/api/auth/login',
        { login: target.username, password: `guess number ${i}` },
        from(`198.51.100.${i + 1}`),
      );
      statuses.push(r.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401]);
    // The right password, from yet another address, is let in.
    const owner = await post(
      '/api/auth/login',
      { login: target.username.toUpperCase(), password: PASSWORD },
      from('198.51.100.99'),
    );
    expect(owner.statusCode).toBe(200);

    // One address trying many accounts.
    const results: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await post(
        '/api/auth/login',
        { login: `someone-${i}`, password: PASSWORD },
        from('203.0.113.7'),
      );
      results.push(r.statusCode);
    }
    expect(results).toEqual([401, 401, 401, 401, 401, 401, 429]);
    const other = await createUser(database.db);
    expect(
      (
        await post(
          '/api/auth/login',
          { login: other.username, password: PASSWORD },
          from('203.0.113.8'),
        )
      ).statusCode,
    ).toBe(200);

    const audit = await sql<{ event: string; details: { action: string; by: string } }>`
      select event, details from audit_log where event = 'rate_limited' order by id`.execute(
      database.db,
    );
    // One row per address and minute, however many requests were refused.
    expect(new Set(audit.rows.map((r) => `${r.details.action}/${r.details.by}`))).toEqual(
      new Set(['login/ip']),
    );
  });

  it('registration and password reset: per address and per e-mail address', async () => {
    const register = (email: string, ip: string) =>
      post(
        '/api/auth/register',
        {
          username: `u${Math.random().toString(36).slice(2, 10)}`,
          email,
          password: PASSWORD,
          acceptTerms: true,
        },
        from(ip),
      );
    const sameEmail = [];
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
      sameEmail.push((await register('twice@example.net', ip)).statusCode);
    }
    expect(sameEmail).toEqual([202, 202, 429]);
    const sameIp = [];
    for (let i = 0; i < 5; i++)
      sameIp.push((await register(`n${i}@example.net`, '192.0.2.50')).statusCode);
    expect(sameIp).toEqual([202, 202, 202, 202, 429]);

    const forgot = [];
    for (const ip of ['192.0.2.60', '192.0.2.61', '192.0.2.62']) {
      forgot.push(
        (await post('/api/auth/password/forgot', { email: 'victim@example.net' }, from(ip)))
          .statusCode,
      );
    }
    expect(forgot).toEqual([202, 202, 429]);
    // Resending the confirmation counts with the resets: both send mail to an address.
    const resend = await post(
      '/api/auth/resend-confirmation',
      { email: 'VICTIM@example.net' },
      from('192.0.2.63'),
    );
    expect(resend.statusCode).toBe(429);
  });

  it('observation creation: per account, and per address for anonymous contributions', async () => {
    const user = await createUser(database.db);
    const token = (await login(app, user.username)).accessToken!;
    const { rows } = await sql<{ cd_nom: number; lon: number; lat: number }>`
      select cd_nom, ST_X(geom) as lon, ST_Y(geom) as lat from observations
      where program_id = 1 order by id limit 1`.execute(database.db);
    const sample = rows[0]!;
    const observation = {
      programId: 1,
      cdNom: sample.cd_nom,
      observedOn: new Date().toISOString().slice(0, 10),
      location: { type: 'Point', coordinates: [sample.lon, sample.lat] },
    };
    const signed = [];
    for (const ip of ['198.18.0.1', '198.18.0.2', '198.18.0.3']) {
      signed.push(
        (await post('/api/observations', observation, { ...bearer(token), ...from(ip) }))
          .statusCode,
      );
    }
    expect(signed).toEqual([201, 201, 429]);
    const anonymous = [];
    for (let i = 0; i < 5; i++) {
      anonymous.push((await post('/api/observations', observation, from('198.18.1.1'))).statusCode);
    }
    expect(anonymous).toEqual([201, 201, 201, 201, 429]);
  });

  it('believes X-Forwarded-For only from trusted proxies (TRUST_PROXY)', async () => {
    const strict = await accountsApp(database, { RATE_LIMITS: LIMITS, TRUST_PROXY: 'false' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await strict.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: from(`10.9.8.${i}`),
          payload: { login: `nobody-${i}`, password: PASSWORD },
        });
        statuses.push(r.statusCode);
      }
      // Every request counts for the proxy's own address: rotating the header does not help.
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await strict.close();
    }
  });

  it('covers routes that all exist (a renamed route would silently lose its limit)', () => {
    const spec = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    for (const route of Object.keys(RATE_LIMITED_ROUTES)) {
      const [method, url] = route.split(' ') as [string, string];
      expect(spec.paths[url]?.[method.toLowerCase()], route).toBeDefined();
    }
  });
});
