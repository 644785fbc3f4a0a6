import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/http/types.js';
import { createServices } from '../../src/services.js';
import { testConfig } from '../app.js';
import { describeOnEngines } from '../engines.js';
import { tokenFromMail, type SmtpSink } from '../smtp-sink.js';
import { accountsApp, createUser, PASSWORD, RELAXED_LIMITS } from './helpers.js';

/** X-Forwarded-For is believed from the loopback peer `inject` uses (TRUST_PROXY default). */
const from = (ip: string) => ({ 'x-forwarded-for': ip });

/** The `citizen_device` cookie a successful login leaves, as a Cookie header value. */
function deviceCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('citizen_device'));
  expect(cookie?.httpOnly).toBe(true);
  return `${cookie!.name}=${cookie!.value}`;
}

/**
 * Login throttling without lock-out: wrong passwords are counted per login and source (client
 * address, or a device that logged in before); past five, that pair waits, twice as long each
 * time; nobody can lock the owner out, and an unknown login answers exactly as a known one.
 */
describeOnEngines('login throttling and password reset requests', (database) => {
  let app: App;
  let sink: SmtpSink;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, sink, close } = await accountsApp(database()));
  });
  afterAll(() => close?.());

  const attempt = (login: string, password: string, ip: string, cookie?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login, password },
      headers: { ...from(ip), ...(cookie && { cookie }) },
    });

  const wrongTimes = async (n: number, login: string, ip: string, cookie?: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++)
      statuses.push((await attempt(login, `wrong ${i}!`, ip, cookie)).statusCode);
    return statuses;
  };

  it('makes a login and address wait after five wrong passwords, twice as long each time, and never anyone else', async () => {
    const user = await createUser(database().db);
    expect(await wrongTimes(5, user.username, '198.51.100.1')).toEqual([401, 401, 401, 401, 401]);
    const waiting = await attempt(user.username, PASSWORD, '198.51.100.1');
    expect(waiting.statusCode).toBe(429);
    const first = Number(waiting.headers['retry-after']);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(60);
    expect(waiting.json<{ message: string }>().message).not.toMatch(/account/i);

    // The owner, elsewhere, is let in: the flood blocks only its own address.
    expect((await attempt(user.username, PASSWORD, '198.51.100.2')).statusCode).toBe(200);

    // Once the wait is over, the next wrong password waits twice as long.
    await sql`update login_failures set blocked_until = now() - interval '1 second'`.execute(
      database().db,
    );
    expect(await wrongTimes(1, user.username, '198.51.100.1')).toEqual([401]);
    const longer = await attempt(user.username, PASSWORD, '198.51.100.1');
    expect(longer.statusCode).toBe(429);
    expect(Number(longer.headers['retry-after'])).toBeGreaterThan(60);
  });

  it('counts only failures: a success forgets them', async () => {
    const user = await createUser(database().db);
    expect(await wrongTimes(3, user.email, '198.51.100.10')).toEqual([401, 401, 401]);
    expect((await attempt(user.email, PASSWORD, '198.51.100.10')).statusCode).toBe(200);
    expect(await wrongTimes(4, user.email, '198.51.100.10')).toEqual([401, 401, 401, 401]);
    expect((await attempt(user.email, PASSWORD, '198.51.100.10')).statusCode).toBe(200);
  });

  it('lets in the right password from a device that logged in before, whatever floods its address', async () => {
    const user = await createUser(database().db);
    const other = await createUser(database().db);
    const shared = '203.0.113.30';
    const device = deviceCookie(await attempt(user.username, PASSWORD, shared));
    const otherDevice = deviceCookie(await attempt(other.username, PASSWORD, shared));

    expect((await wrongTimes(8, user.username, shared)).slice(5)).toEqual([429, 429, 429]);
    expect((await attempt(user.username, PASSWORD, shared)).statusCode).toBe(429);
    expect((await attempt(user.username, PASSWORD, shared, otherDevice)).statusCode).toBe(429);
    const known = await attempt(user.username, PASSWORD, shared, device);
    expect(known.statusCode).toBe(200);
    expect(known.cookies.some((c) => c.name.endsWith('citizen_device'))).toBe(false);

    // The device's own wrong passwords are counted apart, and only against it.
    expect(await wrongTimes(6, user.username, shared, device)).toEqual([
      401, 401, 401, 401, 401, 429,
    ]);
    expect((await attempt(user.username, PASSWORD, '203.0.113.31')).statusCode).toBe(200);
  });

  it('answers an unknown login exactly as a known one, wait included', async () => {
    const user = await createUser(database().db);
    const answers = async (login: string, ip: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await attempt(login, `wrong ${i}!`, ip);
        seen.push(`${r.statusCode} ${r.body} ${r.headers['retry-after'] === undefined}`);
      }
      return seen;
    };
    const known = await answers(user.username, '192.0.2.70');
    const unknown = await answers('nobody-at-all', '192.0.2.71');
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toMatch(/^429 /);
  });

  it('lifts the wait with a password reset', async () => {
    const user = await createUser(database().db);
    await wrongTimes(6, user.username, '192.0.2.80');
    expect((await attempt(user.username, PASSWORD, '192.0.2.80')).statusCode).toBe(429);
    await app.inject({
      method: 'POST',
      url: '/api/auth/password/forgot',
      payload: { email: user.email },
    });
    const { token } = tokenFromMail(
      await sink.waitForMail(user.email, /new password/),
      'reset-password',
    );
    await app.inject({
      method: 'POST',
      url: '/api/auth/password/reset',
      payload: { token, password: 'Unlocked passphrase' },
    });
    expect((await attempt(user.username, 'Unlocked passphrase', '192.0.2.80')).statusCode).toBe(
      200,
    );
  });

  it('answers a password reset request alike for any address, and mails the link', async () => {
    const user = await createUser(database().db);
    const ask = (email: string) =>
      app.inject({ method: 'POST', url: '/api/auth/password/forgot', payload: { email } });
    const known = await ask(user.email);
    const unknown = await ask('no-account@example.net');
    expect([known.statusCode, known.body]).toEqual([unknown.statusCode, unknown.body]);
    await sink.waitForMail(user.email, /new password/);
  });
});

/** Without a running app (no background worker), what the request path itself does. */
describeOnEngines('password reset and confirmation requests, off the request path', (database) => {
  it('queues the same one row whatever the address, and leaves the token and mail to the worker', async () => {
    const user = await createUser(database().db);
    const services = createServices(testConfig({ RATE_LIMITS: RELAXED_LIMITS }), database());
    const { db } = database();
    const count = async (table: 'account_mail_requests' | 'mail_outbox' | 'account_tokens') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = { tokens: await count('account_tokens'), mails: await count('mail_outbox') };
    const ctx = { ip: '192.0.2.90', userAgent: null };
    const answers = [
      await services.accounts.service.forgotPassword(user.email, ctx),
      await services.accounts.service.forgotPassword('no-account@example.net', ctx),
    ];
    expect(answers[0]).toEqual(answers[1]);
    expect(await count('account_mail_requests')).toBe(2);
    expect(await count('account_tokens')).toBe(before.tokens);
    expect(await count('mail_outbox')).toBe(before.mails);

    // The worker's turn: a link for the account, nothing for the unknown address.
    expect(await services.accounts.mailQueue.drain()).toBe(2);
    expect(await count('account_mail_requests')).toBe(0);
    expect(await count('account_tokens')).toBe(before.tokens + 1);
    const queued = await db.selectFrom('mail_outbox').select('recipient').execute();
    expect(queued.map((m) => m.recipient)).toEqual([user.email]);
  });

  it('queues a new confirmation link the same way, mailed only to an account waiting for it', async () => {
    const { db } = database();
    const waiting = await createUser(db, { confirmed: false });
    const confirmed = await createUser(db);
    const services = createServices(testConfig({ RATE_LIMITS: RELAXED_LIMITS }), database());
    const ctx = { ip: '192.0.2.91', userAgent: null };
    const outbox = () => db.selectFrom('mail_outbox').select('recipient').execute();
    const before = await outbox();
    const answers = [];
    for (const email of [waiting.email, confirmed.email, 'no-account@example.net']) {
      answers.push(await services.accounts.service.resendConfirmation(email, ctx));
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await outbox()).toEqual(before);
    const requests = await db.selectFrom('account_mail_requests').select('kind').execute();
    expect(requests.map((r) => r.kind)).toEqual([
      'confirm_email',
      'confirm_email',
      'confirm_email',
    ]);

    expect(await services.accounts.mailQueue.drain()).toBe(3);
    const mailed = (await outbox()).slice(before.length).map((m) => m.recipient);
    expect(mailed).toEqual([waiting.email]);
  });
});
