import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Me } from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { describeWithDemo } from '../engines.js';
import { tokenFromMail, type SmtpSink } from '../smtp-sink.js';
import { accountsApp, bearer, createUser, login, PASSWORD } from './helpers.js';

/** Every spelling of "give me more rights" a client might try. */
const PRIVILEGES = {
  id: 1,
  role: 'admin',
  roles: ['admin'],
  admin: true,
  is_admin: true,
  isAdmin: true,
  validator: true,
  is_validator: true,
  isValidator: true,
  active: true,
  is_active: true,
  isActive: true,
  email_confirmed_at: '2020-01-01T00:00:00Z',
  emailConfirmed: true,
  confirmed: true,
  failed_login_count: 0,
  locked_until: null,
  password_hash: '$argon2id$v=19$m=65536,t=3,p=4$forged',
};

describeWithDemo('mass assignment: privilege fields in requests are ignored', (database) => {
  let app: App;
  let sink: SmtpSink;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, sink, close } = await accountsApp(database()));
  });
  afterAll(() => close?.());

  const row = async (username: string) =>
    (
      await sql<{ id: number; role: string; is_active: boolean; confirmed: boolean }>`
        select id, role, is_active, email_confirmed_at is not null as confirmed
        from users where username = ${username}`.execute(database().db)
    ).rows[0];

  it('registration: the account is an unconfirmed observer whatever the body says', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: {
        username: 'mallory',
        email: 'mallory@example.net',
        password: PASSWORD,
        acceptTerms: true,
        ...PRIVILEGES,
      },
    });
    expect(response.statusCode).toBe(202);
    const created = await row('mallory');
    expect(created).toMatchObject({ role: 'observer', is_active: true, confirmed: false });
    expect(created!.id).not.toBe(1);
    // Not confirmed, so no login, whatever `active` or `emailConfirmed` said.
    const early = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'mallory', password: PASSWORD, ...PRIVILEGES },
    });
    expect(early.statusCode).toBe(403);

    const { token } = tokenFromMail(await sink.waitForMail('mallory@example.net'), 'confirm');
    await app.inject({
      method: 'POST',
      url: '/api/auth/confirm',
      payload: { token, ...PRIVILEGES },
    });
    const session = await login(app, 'mallory');
    expect(session.user.role).toBe('observer');
    const admin = await app.inject({
      method: 'GET',
      url: '/api/admin/users',
      headers: bearer(session.accessToken!),
    });
    expect(admin.statusCode).toBe(403);
  });

  it('profile update: only the display name, language and notifications change', async () => {
    const user = await createUser(database().db);
    const { accessToken } = await login(app, user.username);
    const response = await app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: bearer(accessToken!),
      payload: {
        displayName: 'Still an observer',
        username: 'renamed',
        email: 'stolen@example.net',
        ...PRIVILEGES,
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<Me>()).toMatchObject({
      username: user.username,
      email: user.email,
      displayName: 'Still an observer',
      role: 'observer',
    });
    expect(await row(user.username)).toMatchObject({ id: user.id, role: 'observer' });
    // The forged hash was not stored: the password still works.
    await login(app, user.username);
  });

  it('login, refresh and other account requests: the session stays an observer one', async () => {
    const user = await createUser(database().db);
    const first = await login(app, user.username);
    const refreshed = await app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: first.refreshToken, ...PRIVILEGES },
    });
    expect(refreshed.statusCode).toBe(200);
    const token = refreshed.json<{ accessToken: string }>().accessToken;
    for (const [url, payload] of [
      ['/api/auth/me/password', { currentPassword: PASSWORD, newPassword: 'Some new passphrase' }],
      [
        '/api/auth/me/email',
        { newEmail: `x-${user.username}@example.org`, password: 'Some new passphrase' },
      ],
    ] as const) {
      const response = await app.inject({
        method: 'POST',
        url,
        headers: bearer(token),
        payload: { ...payload, ...PRIVILEGES },
      });
      expect(response.statusCode).toBeLessThan(300);
    }
    expect(await row(user.username)).toMatchObject({ role: 'observer' });
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(me.json<Me>().role).toBe('observer');
  });

  it('a deactivated account cannot reactivate itself', async () => {
    const admin = await createUser(database().db, { role: 'admin' });
    const user = await createUser(database().db);
    const session = await login(app, user.username);
    const adminToken = (await login(app, admin.username)).accessToken!;
    const off = await app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: bearer(adminToken),
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    const again = await app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: bearer(session.accessToken!),
      payload: { active: true, is_active: true },
    });
    expect(again.statusCode).toBe(401);
    const relogin = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: user.username, password: PASSWORD, active: true },
    });
    expect(relogin.statusCode).toBe(403);
    expect(await row(user.username)).toMatchObject({ is_active: false });
    // Nor can an admin demote or deactivate themselves (another admin must).
    for (const payload of [{ role: 'observer' }, { active: false }]) {
      const self = await app.inject({
        method: 'PATCH',
        url: `/api/admin/users/${admin.id}`,
        headers: bearer(adminToken),
        payload,
      });
      expect(self.statusCode).toBe(403);
    }
  });

  it('observations: the observer, validation status and validator come from the session, not the body', async () => {
    const owner = await createUser(database().db);
    const victim = await createUser(database().db);
    const token = (await login(app, owner.username)).accessToken!;
    const { rows } = await sql<{ cd_nom: number; lon: number; lat: number }>`
      select cd_nom, ST_X(geom) as lon, ST_Y(geom) as lat from observations
      where program_id = 1 order by id limit 1`.execute(database().db);
    const sample = rows[0]!;
    const forged = {
      observerId: victim.id,
      observer_id: victim.id,
      observer: victim.username,
      validationStatus: 'certain',
      validation_status: 'certain',
      validatedBy: victim.id,
      validated_by: victim.id,
      hidden_at: '2020-01-01T00:00:00Z',
    };
    const body = {
      programId: 1,
      cdNom: sample.cd_nom,
      observedOn: new Date().toISOString().slice(0, 10),
      location: { type: 'Point', coordinates: [sample.lon, sample.lat] },
      ...forged,
    };
    for (const headers of [bearer(token), {}]) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/observations',
        headers,
        payload: body,
      });
      expect(created.statusCode).toBe(201);
      const id = created.json<{ id: string }>().id;
      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/observations/${id}`,
        headers: bearer(token),
        payload: { comment: 'patched', ...forged },
      });
      const stored = (
        await sql<{
          observer_id: number | null;
          validation_status: string;
          validated_by: number | null;
        }>`
          select observer_id, validation_status, validated_by from observations where id = ${id}`.execute(
          database().db,
        )
      ).rows[0]!;
      const anonymous = !('authorization' in headers);
      expect(stored).toEqual({
        observer_id: anonymous ? null : owner.id,
        validation_status: 'pending',
        validated_by: null,
      });
      // The owner may edit their own; nobody may edit an anonymous observation but admins.
      expect(patched.statusCode).toBe(anonymous ? 403 : 200);
    }
  });
});
