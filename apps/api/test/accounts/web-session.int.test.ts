import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuthSession, Me } from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { describeOnEngines } from '../engines.js';
import { accountsApp, cookiesOf, createUser, ORIGIN, PASSWORD } from './helpers.js';

describeOnEngines('web app sessions: httpOnly cookies and CSRF protection', (database) => {
  let app: App;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, close } = await accountsApp(database()));
  });
  afterAll(() => close?.());

  async function cookieLogin(username: string) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: ORIGIN },
      payload: { login: username, password: PASSWORD, cookie: true },
    });
    expect(response.statusCode).toBe(200);
    const set = cookiesOf(response);
    return {
      response,
      set,
      jar: {
        citizen_access: set.citizen_access!.value,
        citizen_refresh: set.citizen_refresh!.value,
      },
    };
  }

  it('sets httpOnly SameSite=Lax cookies and keeps the tokens out of the body', async () => {
    const user = await createUser(database().db);
    const { response, set, jar } = await cookieLogin(user.username);
    const body = response.json<AuthSession>();
    expect(body.accessToken).toBeUndefined();
    expect(body.refreshToken).toBeUndefined();
    expect(body.user.username).toBe(user.username);
    expect(response.headers['cache-control']).toBe('no-store');
    for (const name of ['citizen_access', 'citizen_refresh']) {
      expect(set[name]).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      // http://localhost: not Secure (see the https case below).
      expect(set[name]!.secure).toBeUndefined();
    }
    // As long as the tokens: 15 minutes and 30 days (give or take the second the login took).
    expect(set.citizen_access!.maxAge).toBeGreaterThan(15 * 60 - 3);
    expect(set.citizen_access!.maxAge).toBeLessThanOrEqual(15 * 60);
    expect(set.citizen_refresh!.maxAge).toBeGreaterThan(30 * 86_400 - 3);

    const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: jar });
    expect(me.json<Me>().username).toBe(user.username);
  });

  it('refuses cookie-authenticated changes from another origin, or with no origin at all', async () => {
    const user = await createUser(database().db);
    const { jar } = await cookieLogin(user.username);
    const patch = (headers: Record<string, string>) =>
      app.inject({
        method: 'PATCH',
        url: '/api/auth/me',
        cookies: jar,
        headers,
        payload: { displayName: 'Changed' },
      });
    for (const headers of [
      {},
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { referer: 'https://evil.example/page' },
      { origin: 'http://localhost:3000.evil.example' },
    ] as Record<string, string>[]) {
      const refused = await patch(headers);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('auth.crossSiteRefused');
    }
    expect((await patch({ origin: ORIGIN })).statusCode).toBe(200);
    expect((await patch({ referer: `${ORIGIN}/fr/account` })).statusCode).toBe(200);
    // Reads need no origin; a bearer token needs no origin either.
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', cookies: jar })).statusCode,
    ).toBe(200);
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${jar.citizen_access}` },
          payload: { displayName: 'Via bearer' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses to open a cookie session from another origin (login CSRF)', async () => {
    const user = await createUser(database().db);
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { login: user.username, password: PASSWORD, cookie: true },
    });
    expect(response.statusCode).toBe(403);
    expect(response.cookies).toHaveLength(0);
  });

  it('refreshes from the refresh cookie, then logout clears the cookies and ends the session', async () => {
    const user = await createUser(database().db);
    const { jar } = await cookieLogin(user.username);
    const refreshed = await app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: { origin: ORIGIN },
      cookies: jar,
    });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json<AuthSession>().refreshToken).toBeUndefined();
    const next = cookiesOf(refreshed);
    expect(next.citizen_refresh!.value).not.toBe(jar.citizen_refresh);
    const jar2 = {
      citizen_access: next.citizen_access!.value,
      citizen_refresh: next.citizen_refresh!.value,
    };
    // The old access cookie stopped working with the refresh; a read with it is anonymous.
    const stale = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: jar });
    expect(stale.statusCode).toBe(401);
    expect(cookiesOf(stale).citizen_access!.value).toBe('');

    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: ORIGIN },
      cookies: jar2,
    });
    expect(out.statusCode).toBe(204);
    const cleared = cookiesOf(out);
    expect(cleared.citizen_access!.value).toBe('');
    expect(cleared.citizen_refresh!.value).toBe('');
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', cookies: jar2 })).statusCode,
    ).toBe(401);
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: { origin: ORIGIN },
      cookies: jar2,
    });
    expect(again.statusCode).toBe(401);
  });

  it('behind https: Secure cookies with the __Host- prefix', async () => {
    const secure = await accountsApp(database(), { PUBLIC_URL: 'https://citizen.example.org' });
    try {
      const user = await createUser(database().db);
      const response = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: 'https://citizen.example.org' },
        payload: { login: user.username, password: PASSWORD, cookie: true },
      });
      const set = cookiesOf(response);
      expect(Object.keys(set).sort()).toEqual([
        '__Host-citizen_access',
        '__Host-citizen_device',
        '__Host-citizen_refresh',
      ]);
      expect(set['__Host-citizen_device']).toMatchObject({ secure: true, httpOnly: true });
      expect(set['__Host-citizen_access']).toMatchObject({
        secure: true,
        httpOnly: true,
        path: '/',
      });
      expect(set['__Host-citizen_access']!.domain).toBeUndefined();
    } finally {
      await secure.close();
    }
  });

  it('leaves other Authorization schemes alone (e.g. Basic from a protected staging proxy)', async () => {
    const basic = { authorization: `Basic ${Buffer.from('staging:secret').toString('base64')}` };
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/options', headers: basic })).statusCode,
    ).toBe(200);
    const user = await createUser(database().db);
    const { jar } = await cookieLogin(user.username);
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: basic,
      cookies: jar,
    });
    expect(me.json<Me>().username).toBe(user.username);
    const malformed = await app.inject({
      method: 'GET',
      url: '/api/auth/options',
      headers: { authorization: 'Bearer' },
    });
    expect(malformed.statusCode).toBe(401);
  });
});
