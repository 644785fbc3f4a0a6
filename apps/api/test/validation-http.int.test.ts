import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SavedObservation, ValidationState } from '@citizen/shared';
import { accountsApp, bearer, createUser, login, type TestUser } from './accounts/helpers.js';
import { describeWithDemo } from './engines.js';

/** The whole path through HTTP: an observer records, a validator re-identifies, the observer is told. */
describeWithDemo('validation over HTTP, with the observer notified by mail', (database) => {
  let ctx: Awaited<ReturnType<typeof accountsApp>>;
  let observer: TestUser;
  let validator: TestUser;
  let admin: TestUser;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await accountsApp(database());
    observer = await createUser(database().db, { locale: 'fr' });
    validator = await createUser(database().db, { role: 'validator' });
    admin = await createUser(database().db, { role: 'admin' });
    await database()
      .db.updateTable('users')
      .set({ notify_by_email: true })
      .where('id', '=', observer.id)
      .execute();
    for (const user of [observer, validator, admin])
      tokens[user.username] = (await login(ctx.app, user.username)).accessToken;
  });
  afterAll(() => ctx?.close());

  const as = (user: TestUser) => bearer(tokens[user.username]!);

  it('re-identifies an observation, keeps its history, mails the observer in their language and audits the action', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/observations',
      headers: as(observer),
      payload: {
        programId: 1,
        cdNom: 4117,
        observedOn: '2026-05-03',
        location: { type: 'Point', coordinates: [4.853, 45.778] },
      },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<SavedObservation>();

    const own = await ctx.app.inject({
      method: 'POST',
      url: `/api/observations/${id}/validation`,
      headers: as(observer),
      payload: { status: 'certain' },
    });
    expect(own.statusCode).toBe(403);

    const judged = await ctx.app.inject({
      method: 'POST',
      url: `/api/observations/${id}/validation`,
      headers: as(validator),
      payload: { status: 'probable', cdNom: 4129, comment: 'Spotted breast: a song thrush' },
    });
    expect(judged.statusCode).toBe(200);
    expect(judged.json<ValidationState>()).toMatchObject({
      cdNom: 4129,
      validationStatus: 'probable',
    });

    const mail = await ctx.sink.waitForMail(observer.email, /examinée/);
    expect(mail.text).toContain('Turdus philomelos');
    expect(mail.text).toContain('Spotted breast: a song thrush');
    expect(mail.text).toContain(`/fr/observations/${id}`);

    const seen = await ctx.app.inject({
      method: 'GET',
      url: `/api/observations/${id}/validation`,
      headers: as(observer),
    });
    expect(seen.json<ValidationState>().history.map((e) => e.kind)).toEqual([
      'reidentified',
      'validated',
    ]);

    const audit = await ctx.app.inject({
      method: 'GET',
      url: '/api/admin/audit?limit=20',
      headers: as(admin),
    });
    const entries = audit.json<{ items: { event: string; details: Record<string, unknown> }[] }>()
      .items;
    expect(entries.find((e) => e.event === 'observation_reidentified')?.details).toMatchObject({
      observationId: id,
      status: 'probable',
    });
  });

  it("queues pending observations for validators, never the validator's own", async () => {
    const record = async (user: TestUser) =>
      (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/observations',
          headers: as(user),
          payload: {
            programId: 2,
            cdNom: 2645,
            observedOn: '2026-05-04',
            location: { type: 'Point', coordinates: [5.8, 45.35] },
          },
        })
      ).json<SavedObservation>().id;
    const theirs = await record(observer);
    const mine = await record(validator);
    const queue = async (query = '') =>
      (
        await ctx.app.inject({
          method: 'GET',
          url: `/api/validation/queue?program=2&limit=200${query}`,
          headers: as(validator),
        })
      ).json<{ items: { id: string; location: { coordinates: number[] } }[] }>().items;
    const pending = await queue();
    expect(pending.map((o) => o.id)).toContain(theirs);
    expect(pending.map((o) => o.id)).not.toContain(mine);
    // A golden eagle is sensitive: the validator sees its exact point.
    expect(pending.find((o) => o.id === theirs)?.location.coordinates).toEqual([5.8, 45.35]);
    await ctx.app.inject({
      method: 'POST',
      url: `/api/observations/${theirs}/validation`,
      headers: as(validator),
      payload: { status: 'certain' },
    });
    expect((await queue()).map((o) => o.id)).not.toContain(theirs);
    expect((await queue('&status=certain')).map((o) => o.id)).toContain(theirs);
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/validation/queue', headers: as(observer) }))
        .statusCode,
    ).toBe(403);
  });

  it('answers 403 to an observer on validator routes and 401 to anonymous visitors', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/validation/bulk',
          headers: as(observer),
          payload: { ids: [id], status: 'certain' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/validation/bulk',
          payload: { ids: [id], status: 'certain' },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: `/api/admin/observations/${id}/hide`,
          headers: as(validator),
          payload: { reason: 'x' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('lets an admin create a programme over HTTP, and audits it', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/admin/programs',
      headers: as(admin),
      payload: {
        slug: 'haies',
        title: 'Haies du Rhône',
        area: {
          type: 'Polygon',
          coordinates: [
            [
              [4.8, 45.7],
              [4.9, 45.7],
              [4.9, 45.8],
              [4.8, 45.8],
              [4.8, 45.7],
            ],
          ],
        },
        role: 'admin',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/admin/programs',
          headers: as(validator),
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
    const audit = await ctx.app.inject({
      method: 'GET',
      url: '/api/admin/audit?limit=5',
      headers: as(admin),
    });
    expect(audit.json<{ items: { event: string }[] }>().items.map((e) => e.event)).toContain(
      'program_created',
    );
  });
});
