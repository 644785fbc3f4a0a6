import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  NotificationList,
  NotificationMailPreferences,
  SavedObservation,
  UnreadCount,
} from '@citizen/shared';
import { accountsApp, bearer, createUser, login, type TestUser } from './accounts/helpers.js';
import { describeWithDemo } from './engines.js';

/**
 * Notifications: a judgement, a re-identification, a question and a badge each tell the observer
 * once, in the app; only the owner reads and marks them; mails follow each user's preferences
 * (questions on by default, the rest off).
 */
describeWithDemo('notifications', (database) => {
  let ctx: Awaited<ReturnType<typeof accountsApp>>;
  let observer: TestUser;
  let other: TestUser;
  let validator: TestUser;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await accountsApp(database(), { BADGES_ENABLED: 'true' });
    observer = await createUser(database().db);
    other = await createUser(database().db);
    validator = await createUser(database().db, { role: 'validator' });
    for (const user of [observer, other, validator])
      tokens[user.username] = (await login(ctx.app, user.username)).accessToken;
  });
  afterAll(() => ctx?.close());

  const as = (user: TestUser) => bearer(tokens[user.username]!);

  async function call<T>(
    user: TestUser | null,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
  ) {
    const response = await ctx.app.inject({
      method,
      url,
      headers: user ? as(user) : {},
      ...(payload && { payload }),
    });
    return { status: response.statusCode, body: response.json<T>() };
  }

  async function record(user: TestUser): Promise<string> {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/observations',
      headers: as(user),
      payload: {
        programId: 1,
        cdNom: 4117,
        observedOn: '2026-04-22',
        location: { type: 'Point', coordinates: [4.853, 45.778] },
      },
    });
    expect(created.statusCode).toBe(201);
    return created.json<SavedObservation>().id;
  }

  const mine = async (user: TestUser, query = '') =>
    (await call<NotificationList>(user, 'GET', `/api/me/notifications?lang=en${query}`)).body;

  it('tells the observer once of a judgement and of a question, with mails as they chose', async () => {
    const id = await record(observer);
    // Defaults: questions mailed, judgements and badges not.
    expect(
      (await call<NotificationMailPreferences>(observer, 'GET', '/api/me/notification-preferences'))
        .body,
    ).toEqual({
      judgements: false,
      questions: true,
      badges: false,
    });

    const judged = await call(validator, 'POST', `/api/observations/${id}/validation`, {
      status: 'probable',
      comment: 'Looks right',
    });
    expect(judged.status).toBe(200);
    const asked = await call(validator, 'POST', `/api/observations/${id}/comments`, {
      comment: 'Did you hear it sing?',
    });
    expect(asked.status).toBe(200);
    // The observer's answer tells nobody.
    await call(observer, 'POST', `/api/observations/${id}/comments`, { comment: 'Yes' });

    const about = (await mine(observer)).items.filter((n) => n.observation?.id === id);
    expect(about.map((n) => n.kind)).toEqual(['question', 'validated']);
    expect(about[1]).toMatchObject({ status: 'probable', comment: 'Looks right', read: false });
    expect(about[0]).toMatchObject({
      status: null,
      comment: 'Did you hear it sing?',
      observation: { id, observedOn: '2026-04-22', taxon: expect.any(String) },
    });

    // The question was mailed (default on); the judgement was not (default off).
    const mail = await ctx.sink.waitForMail(observer.email, /2026-04-22/);
    expect(mail.text).toContain('Did you hear it sing?');
    await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(
      ctx.sink.received.filter((m) => m.to.includes(observer.email.toLowerCase())),
    ).toHaveLength(1);

    // Nobody else got a notification of it.
    expect((await mine(validator)).items.some((n) => n.observation?.id === id)).toBe(false);
    expect((await mine(other)).items.some((n) => n.observation?.id === id)).toBe(false);
  });

  it('follows changed preferences: judgements mailed, questions not', async () => {
    const saved = await call(other, 'PUT', '/api/me/notification-preferences', {
      judgements: true,
      questions: false,
      badges: false,
    });
    expect(saved.status).toBe(200);
    const id = await record(other);
    await call(validator, 'POST', `/api/observations/${id}/comments`, { comment: 'Which call?' });
    await call(validator, 'POST', `/api/observations/${id}/validation`, { status: 'certain' });
    const mail = await ctx.sink.waitForMail(other.email);
    expect(mail.text).not.toContain('Which call?');
    expect((await mine(other)).items.filter((n) => n.observation?.id === id)).toHaveLength(2);
    expect(ctx.sink.received.filter((m) => m.to.includes(other.email.toLowerCase()))).toHaveLength(
      1,
    );
  });

  it('refuses bad preferences with a 400 naming the field', async () => {
    const bad = await ctx.app.inject({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      headers: as(other),
      payload: { judgements: 'yes', questions: true, badges: false },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('judgements');
  });

  it('lets only the owner read and mark their notifications', async () => {
    const anonymous = await call(null, 'GET', '/api/me/notifications');
    expect(anonymous.status).toBe(401);

    const before = await mine(observer);
    expect(before.unread).toBeGreaterThanOrEqual(2);
    const first = before.items[0]!;

    // Another user marking the observer's notification changes nothing.
    await call(other, 'POST', '/api/me/notifications/read', { ids: [first.id] });
    expect((await mine(observer)).items[0]!.read).toBe(false);

    const marked = await call<UnreadCount>(observer, 'POST', '/api/me/notifications/read', {
      ids: [first.id],
    });
    expect(marked.body.unread).toBe(before.unread - 1);
    expect((await mine(observer)).items[0]!.read).toBe(true);

    const all = await call<UnreadCount>(observer, 'POST', '/api/me/notifications/read', {});
    expect(all.body.unread).toBe(0);
    expect(
      (await call<UnreadCount>(observer, 'GET', '/api/me/notifications/unread')).body.unread,
    ).toBe(0);
  });

  it('tells of a new badge once, and mails it only to those who asked', async () => {
    await sql`insert into badge_rules (kind, threshold, name)
      values ('total_observations', 1, '{"en": "First steps", "fr": "Premiers pas"}')`.execute(
      database().db,
    );
    const newcomer = await createUser(database().db);
    tokens[newcomer.username] = (await login(ctx.app, newcomer.username)).accessToken;
    await call(newcomer, 'PUT', '/api/me/notification-preferences', {
      judgements: false,
      questions: true,
      badges: true,
    });
    await record(newcomer);
    await record(newcomer);
    const badges = (await mine(newcomer)).items.filter((n) => n.kind === 'badge');
    expect(badges.map((n) => n.badge?.name)).toContain('First steps');
    expect(badges.filter((n) => n.badge?.name === 'First steps')).toHaveLength(1);
    const mail = await ctx.sink.waitForMail(newcomer.email, /First steps/);
    expect(mail.text).toContain('First steps');

    // The observer, who did not ask, has the notification and no mail about it.
    await record(observer);
    const observerBadges = (await mine(observer)).items.filter((n) => n.kind === 'badge');
    expect(observerBadges.length).toBeGreaterThan(0);
    expect(
      ctx.sink.received.some(
        (m) => m.to.includes(observer.email.toLowerCase()) && /First steps/.test(m.subject),
      ),
    ).toBe(false);
  });

  it("puts the user's notifications and mail choices in their data export", async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me/export',
      headers: as(observer),
    });
    expect(response.statusCode).toBe(200);
    const data = response.json<{
      notifications: { items: { kind: string; comment: string | null }[]; mails: object };
    }>();
    expect(data.notifications.items.map((n) => n.comment)).toContain('Did you hear it sing?');
    expect(data.notifications.mails).toEqual({
      notify_by_email: false,
      mail_on_question: true,
      mail_on_badge: false,
    });
  });

  it('pages with `before` and prunes notifications older than the retention', async () => {
    const page = await mine(observer, '&limit=1');
    expect(page.items).toHaveLength(1);
    expect(page.nextBefore).toBe(page.items[0]!.id);
    const next = await mine(observer, `&limit=1&before=${page.nextBefore}`);
    expect(next.items[0]!.id).toBeLessThan(page.items[0]!.id);

    await sql`update notifications set created_at = now() - interval '200 days'
      where id = ${page.items[0]!.id}`.execute(database().db);
    const { createNotificationsRepository } =
      await import('../src/notifications/notifications.repository.js');
    const pruned = await createNotificationsRepository(database().db).prune(180);
    expect(pruned).toBe(1);
    expect((await mine(observer)).items.some((n) => n.id === page.items[0]!.id)).toBe(false);
  });
});
