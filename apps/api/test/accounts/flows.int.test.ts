import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuthSession, Me } from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { describeOnEngines } from '../engines.js';
import { tokenFromMail, type SmtpSink } from '../smtp-sink.js';
import { accountsApp, bearer, createUser, login, PASSWORD } from './helpers.js';

describeOnEngines('accounts: registration, login, sessions, password reset', (database) => {
  let app: App;
  let sink: SmtpSink;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, sink, close } = await accountsApp(database()));
  });
  afterAll(() => close?.());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload, headers });
  const me = (token: string) =>
    app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });

  it('registers, mails a confirmation link, refuses login until it is opened, then logs in', async () => {
    const registered = await post('/api/auth/register', {
      username: 'camille',
      email: 'Camille@Example.net',
      password: PASSWORD,
      acceptTerms: true,
      locale: 'fr',
    });
    expect(registered.statusCode).toBe(202);
    expect(registered.json()).toEqual({
      message: expect.stringMatching(/mailbox/),
      confirmationRequired: true,
    });

    const mail = await sink.waitForMail('camille@example.net', /Confirmez votre adresse/);
    expect(mail.text).toContain('Bonjour camille');
    expect(mail.html).toContain('<a href="http://localhost:3000/fr/confirm?token=');
    const { token, lang } = tokenFromMail(mail, 'confirm');
    expect(lang).toBe('fr');

    const early = await post('/api/auth/login', { login: 'camille', password: PASSWORD });
    expect(early.statusCode).toBe(403);
    expect(early.json().code).toBe('auth.emailNotConfirmed');

    const confirmed = await post('/api/auth/confirm', { token });
    expect(confirmed.statusCode).toBe(200);
    const again = await post('/api/auth/confirm', { token });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('auth.invalidLink');

    for (const id of ['camille', 'CAMILLE@example.net']) {
      const session = await login(app, id);
      expect(session.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const response = await me(session.accessToken!);
      expect(response.statusCode).toBe(200);
      expect(response.json<Me>()).toMatchObject({
        username: 'camille',
        email: 'Camille@Example.net',
        role: 'observer',
        locale: 'fr',
        emailConfirmed: true,
      });
    }
  });

  it('refuses an expired confirmation link, and a resent link replaces the old one', async () => {
    await post('/api/auth/register', {
      username: 'dominique',
      email: 'dominique@example.net',
      password: PASSWORD,
      acceptTerms: true,
      locale: 'de',
    });
    const first = tokenFromMail(
      await sink.waitForMail('dominique@example.net', /Bestätigen Sie/),
      'confirm',
    ).token;
    await sql`update account_tokens set expires_at = now() - interval '1 minute'`.execute(
      database().db,
    );
    expect((await post('/api/auth/confirm', { token: first })).statusCode).toBe(400);

    const resent = await post('/api/auth/resend-confirmation', { email: 'dominique@example.net' });
    expect(resent.statusCode).toBe(202);
    const unknown = await post('/api/auth/resend-confirmation', { email: 'nobody@example.net' });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(resent.json());
    const second = tokenFromMail(
      await sink.waitForMail('dominique@example.net', /Bestätigen Sie/),
      'confirm',
    ).token;
    expect(second).not.toBe(first);
    expect((await post('/api/auth/confirm', { token: second })).statusCode).toBe(200);
    await login(app, 'dominique');
  });

  it('answers the same for an address that already has an account, and tells its owner by mail', async () => {
    const owner = await createUser(database().db, { username: 'existing' });
    const response = await post('/api/auth/register', {
      username: 'newcomer',
      email: owner.email.toUpperCase(),
      password: PASSWORD,
      acceptTerms: true,
    });
    expect(response.statusCode).toBe(202);
    expect(response.json().confirmationRequired).toBe(true);
    const mail = await sink.waitForMail(owner.email, /already have an account/);
    expect(mail.text).toContain('existing');
    const { rows } = await sql`select 1 from users where username = 'newcomer'`.execute(
      database().db,
    );
    expect(rows).toHaveLength(0);
  });

  it('names the field in validation errors: username taken, weak password, terms not accepted', async () => {
    await createUser(database().db, { username: 'taken' });
    const base = { email: 'x1@example.net', password: PASSWORD, acceptTerms: true };
    const taken = await post('/api/auth/register', { ...base, username: 'TAKEN' });
    expect(taken.statusCode).toBe(400);
    expect(taken.json()).toMatchObject({
      code: 'account.usernameTaken',
      params: { username: 'TAKEN' },
    });
    expect(taken.json().errors).toEqual([
      {
        field: 'username',
        code: 'account.usernameTaken',
        params: { username: 'TAKEN' },
        message: 'The username TAKEN is already taken',
      },
    ]);

    for (const [password, problem] of [
      ['short', 'password.tooShort'],
      ['1234567890', 'password.tooCommon'],
      ['aaaaabbbbbaaaaa', 'password.tooFewCharacters'],
      ['my-name-is-weakling!', 'password.personal'],
    ] as const) {
      const weak = await post('/api/auth/register', { ...base, username: 'weakling', password });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().errors).toMatchObject([{ field: 'password', code: problem }]);
      expect(weak.json().code).toBe(problem);
    }
    const noTerms = await post('/api/auth/register', {
      ...base,
      username: 'noterms',
      acceptTerms: false,
    });
    expect(noTerms.statusCode).toBe(400);
    expect(noTerms.json()).toMatchObject({
      code: 'request.invalid',
      params: { field: 'acceptTerms' },
      errors: [{ field: 'acceptTerms' }],
    });
    const badEmail = await post('/api/auth/register', {
      ...base,
      username: 'bademail',
      email: 'not-an-address',
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json()).toMatchObject({
      code: 'request.invalid',
      errors: [{ field: 'email', code: 'field.format', params: { format: 'email' } }],
    });
  });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const user = await createUser(database().db);
    const wrong = await post('/api/auth/login', {
      login: user.username,
      password: 'wrong password!',
    });
    const unknown = await post('/api/auth/login', { login: 'nobody-here', password: PASSWORD });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('rotates refresh tokens, and a reused refresh token ends the whole session', async () => {
    const user = await createUser(database().db);
    const first = await login(app, user.username);

    const refreshed = await post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(refreshed.statusCode).toBe(200);
    const second = refreshed.json<AuthSession>();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect((await me(second.accessToken!)).statusCode).toBe(200);
    // The access token from before the refresh is over.
    expect((await me(first.accessToken!)).statusCode).toBe(401);

    // Within the grace period (two tabs racing), the old token is refused but the session lives.
    const racing = await post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(racing.statusCode).toBe(401);
    expect(racing.json().code).toBe('auth.refreshTokenJustUsed');
    expect((await me(second.accessToken!)).statusCode).toBe(200);

    // Later, the same old token means it was stolen: the whole family is revoked.
    await sql`update session_tokens set used_at = now() - interval '1 minute' where used_at is not null`.execute(
      database().db,
    );
    const reused = await post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(reused.statusCode).toBe(401);
    expect((await me(second.accessToken!)).statusCode).toBe(401);
    expect(
      (await post('/api/auth/refresh', { refreshToken: second.refreshToken })).statusCode,
    ).toBe(401);
    const audit = await sql<{ event: string }>`
      select event from audit_log where user_id = ${user.id} order by id`.execute(database().db);
    expect(audit.rows.map((r) => r.event)).toContain('session_refreshed_reuse_detected');
  });

  it('refuses an expired access token, and an expired refresh token', async () => {
    const user = await createUser(database().db);
    const session = await login(app, user.username);
    await sql`update session_tokens set expires_at = now() - interval '1 second'
      where session_id in (select id from sessions where user_id = ${user.id})`.execute(
      database().db,
    );
    const response = await me(session.accessToken!);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/invalid_token/);
    expect(response.json().code).toBe('auth.sessionExpired');
    expect(
      (await post('/api/auth/refresh', { refreshToken: session.refreshToken })).statusCode,
    ).toBe(401);
  });

  it('logout revokes the access and refresh tokens at once; logout-all ends every session', async () => {
    const user = await createUser(database().db);
    const a = await login(app, user.username);
    const b = await login(app, user.email);

    const out = await post('/api/auth/logout', {}, bearer(a.accessToken!));
    expect(out.statusCode).toBe(204);
    expect((await me(a.accessToken!)).statusCode).toBe(401);
    expect((await post('/api/auth/refresh', { refreshToken: a.refreshToken })).statusCode).toBe(
      401,
    );
    // A write with the revoked token is refused rather than done anonymously.
    const write = await app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: bearer(a.accessToken!),
      payload: { displayName: 'x' },
    });
    expect(write.statusCode).toBe(401);
    expect((await me(b.accessToken!)).statusCode).toBe(200);

    const c = await login(app, user.username);
    const all = await post('/api/auth/logout-all', {}, bearer(c.accessToken!));
    expect(all.statusCode).toBe(204);
    for (const session of [b, c]) {
      expect((await me(session.accessToken!)).statusCode).toBe(401);
      expect(
        (await post('/api/auth/refresh', { refreshToken: session.refreshToken })).statusCode,
      ).toBe(401);
    }
    // Logging out with only a refresh token works too.
    const d = await login(app, user.username);
    expect((await post('/api/auth/logout', { refreshToken: d.refreshToken })).statusCode).toBe(204);
    expect((await me(d.accessToken!)).statusCode).toBe(401);
  });

  it('resets a password with a single-use link; an expired link is refused; sessions end', async () => {
    const user = await createUser(database().db, { locale: 'en' });
    const before = await login(app, user.username);

    const unknown = await post('/api/auth/password/forgot', { email: 'ghost@example.net' });
    const known = await post('/api/auth/password/forgot', { email: user.email });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());

    const mail = await sink.waitForMail(user.email, /Choose a new password/);
    expect(mail.text).not.toContain(PASSWORD);
    const { token } = tokenFromMail(mail, 'reset-password');

    const weak = await post('/api/auth/password/reset', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('password');

    const newPassword = 'A brand new passphrase';
    const reset = await post('/api/auth/password/reset', { token, password: newPassword });
    expect(reset.statusCode).toBe(200);
    const reused = await post('/api/auth/password/reset', {
      token,
      password: 'Another passphrase 2',
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('auth.invalidLink');

    expect((await me(before.accessToken!)).statusCode).toBe(401);
    await sink.waitForMail(user.email, /Your password was changed/);
    expect(
      (await post('/api/auth/login', { login: user.username, password: PASSWORD })).statusCode,
    ).toBe(401);
    await login(app, user.username, newPassword);

    await post('/api/auth/password/forgot', { email: user.email });
    const late = tokenFromMail(
      await sink.waitForMail(user.email, /Choose a new password/),
      'reset-password',
    );
    await sql`update account_tokens set expires_at = now() - interval '1 second'
      where user_id = ${user.id}`.execute(database().db);
    const expired = await post('/api/auth/password/reset', {
      token: late.token,
      password: 'Yet another passphrase',
    });
    expect(expired.statusCode).toBe(400);
    await login(app, user.username, newPassword);
  });

  it('changes the password with the current one; other sessions end, this one stays', async () => {
    const user = await createUser(database().db);
    const here = await login(app, user.username);
    const elsewhere = await login(app, user.username);
    const wrong = await post(
      '/api/auth/me/password',
      { currentPassword: 'not my password', newPassword: 'Fresh passphrase 42' },
      bearer(here.accessToken!),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: 'account.wrongCurrentPassword',
      errors: [{ field: 'currentPassword', code: 'account.wrongCurrentPassword' }],
    });
    const changed = await post(
      '/api/auth/me/password',
      { currentPassword: PASSWORD, newPassword: 'Fresh passphrase 42' },
      bearer(here.accessToken!),
    );
    expect(changed.statusCode).toBe(204);
    expect((await me(here.accessToken!)).statusCode).toBe(200);
    expect((await me(elsewhere.accessToken!)).statusCode).toBe(401);
    await sink.waitForMail(user.email, /Your password was changed/);
    await login(app, user.username, 'Fresh passphrase 42');
  });

  it('changes the e-mail address only once the new one is confirmed; the old one is told', async () => {
    const user = await createUser(database().db);
    const session = await login(app, user.username);
    const newEmail = `new-${user.username}@example.org`;
    const asked = await post(
      '/api/auth/me/email',
      { newEmail, password: PASSWORD },
      bearer(session.accessToken!),
    );
    expect(asked.statusCode).toBe(202);
    await sink.waitForMail(user.email, /E-mail address change requested/);
    const { token } = tokenFromMail(
      await sink.waitForMail(newEmail, /Confirm your new e-mail address/),
      'confirm-email-change',
    );
    // Not yet changed.
    expect((await me(session.accessToken!)).json<Me>().email).toBe(user.email);

    expect((await post('/api/auth/email/confirm', { token })).statusCode).toBe(200);
    expect((await post('/api/auth/email/confirm', { token })).statusCode).toBe(400);
    expect((await me(session.accessToken!)).json<Me>().email).toBe(newEmail);
    await sink.waitForMail(user.email, /Your e-mail address was changed/);
    await login(app, newEmail);
    expect(
      (await post('/api/auth/login', { login: user.email, password: PASSWORD })).statusCode,
    ).toBe(401);

    // An address another account uses: same answer, and a notice to that address instead.
    const other = await createUser(database().db);
    const taken = await post(
      '/api/auth/me/email',
      { newEmail: other.email, password: PASSWORD },
      bearer(session.accessToken!),
    );
    expect(taken.statusCode).toBe(202);
    expect(taken.json()).toEqual(asked.json());
    await sink.waitForMail(other.email, /already has an account/);
  });
});
