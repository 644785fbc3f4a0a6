import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthOptions } from '@citizen/shared';
import type { Database } from '../../src/db/database.js';
import { createOutbox } from '../../src/mail/outbox.repository.js';
import { freshDatabase } from '../engines.js';
import { accountsApp, login, PASSWORD } from './helpers.js';

describe('mail queue [postgres]', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await freshDatabase('postgres'));
  });
  afterAll(() => drop?.());

  const register = (app: Awaited<ReturnType<typeof accountsApp>>['app'], name: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: {
        username: name,
        email: `${name}@example.net`,
        password: PASSWORD,
        acceptTerms: true,
      },
    });

  it('a slow mail server never slows a request: the mail leaves afterwards', async () => {
    const { app, sink, close } = await accountsApp(database, {}, { delayMs: 2500 });
    try {
      const response = await register(app, 'patient');
      const answeredAt = Date.now();
      expect(response.statusCode).toBe(202);
      // The server holds each mail 2.5 s: had the request waited for it, the mail would be in first.
      const mail = await sink.waitForMail('patient@example.net', /Confirm/, 15_000);
      expect(mail.receivedAt).toBeGreaterThan(answeredAt);
      expect(mail.from).toBe('no-reply@citizen.test');
    } finally {
      await close();
    }
  });

  it('retries a mail the server refused, with back-off, and deletes it once sent', async () => {
    const { app, sink, close } = await accountsApp(database, {}, { refuseFirst: 1 });
    try {
      await register(app, 'retried');
      // The first attempt fails: the mail waits in the outbox with its error and a next attempt.
      let row: { attempts: number; last_error: string | null; wait: number } | undefined;
      for (let i = 0; i < 50 && !row?.last_error; i++) {
        await new Promise((r) => setTimeout(r, 100));
        row = (
          await sql<{ attempts: number; last_error: string | null; wait: number }>`
            select attempts, last_error,
              extract(epoch from next_attempt_at - now())::int as wait
            from mail_outbox where recipient = 'retried@example.net'`.execute(database.db)
        ).rows[0];
      }
      expect(row).toMatchObject({ attempts: 1, last_error: expect.stringMatching(/451|later/) });
      expect(row!.wait).toBeGreaterThan(20);
      // Make it due now: the background sender picks it up at its next round.
      await sql`update mail_outbox set next_attempt_at = now()`.execute(database.db);
      await sink.waitForMail('retried@example.net', /Confirm/, 15_000);
      // Once the server has accepted it, the sender deletes it from the queue.
      let left = 1;
      for (let i = 0; i < 50 && left > 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        left = (
          await sql`select 1 from mail_outbox where recipient = 'retried@example.net'`.execute(
            database.db,
          )
        ).rows.length;
      }
      expect(left).toBe(0);
    } finally {
      await close();
    }
  });

  it('lets several senders drain one queue without sending a mail twice (SKIP LOCKED)', async () => {
    await sql`delete from mail_outbox`.execute(database.db);
    const outbox = createOutbox(database.db);
    for (let i = 0; i < 40; i++) {
      await outbox.enqueue(database.db, {
        to: `bulk${i}@example.net`,
        subject: 's',
        text: 't',
        html: '<p>t</p>',
      });
    }
    const claims = await Promise.all([1, 2, 3, 4].map(() => outbox.claim(15)));
    const ids = claims.flat().map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(40);
    // Claimed mails are leased: nobody else gets them until the lease lapses.
    expect(await outbox.claim(50)).toEqual([]);
  });
});

describe('an instance without e-mail confirmation [postgres]', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await freshDatabase('postgres'));
  });
  afterAll(() => drop?.());

  it('opens the account at once and says so', async () => {
    const { app, sink, close } = await accountsApp(database, {
      REQUIRE_EMAIL_CONFIRMATION: 'false',
      ACCOUNT_DELETION_DEFAULT: 'delete',
    });
    try {
      const options = await app.inject({ method: 'GET', url: '/api/auth/options' });
      expect(options.json<AuthOptions>()).toEqual({
        requireEmailConfirmation: false,
        passwordMinLength: 10,
        captcha: null,
        accountDeletionDefault: 'delete',
      });
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: {
          username: 'instant',
          email: 'instant@example.net',
          password: PASSWORD,
          acceptTerms: true,
        },
      });
      expect(response.json()).toEqual({
        message: expect.stringMatching(/ready/),
        confirmationRequired: false,
      });
      const session = await login(app, 'instant');
      expect(session.user.emailConfirmed).toBe(false);
      await new Promise((r) => setTimeout(r, 300));
      expect(sink.unclaimedFor('instant@example.net')).toEqual([]);
    } finally {
      await close();
    }
  });
});
