import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SavedObservation, ValidationState } from '@citizen/shared';
import { accountsApp, bearer, createUser, login, type TestUser } from './accounts/helpers.js';
import { describeWithDemo } from './engines.js';
import { jpegWithGps, multipart } from './images.js';

/**
 * Validated means validated: when the observer changes what a validator judged (taxon, date,
 * place, count, photos), the observation is back to "to be checked", the history says who
 * changed what, and the validator who judged it is told. A comment leaves the judgement alone.
 */
describeWithDemo('a judged observation changed by its observer', (database) => {
  let ctx: Awaited<ReturnType<typeof accountsApp>>;
  let observer: TestUser;
  let validator: TestUser;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await accountsApp(database());
    observer = await createUser(database().db);
    validator = await createUser(database().db, { role: 'validator' });
    await database()
      .db.updateTable('users')
      .set({ notify_by_email: true })
      .where('id', '=', validator.id)
      .execute();
    for (const user of [observer, validator])
      tokens[user.username] = (await login(ctx.app, user.username)).accessToken;
  });
  afterAll(() => ctx?.close());

  const as = (user: TestUser) => bearer(tokens[user.username]!);

  async function record(): Promise<string> {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/observations',
      headers: as(observer),
      payload: {
        programId: 1,
        cdNom: 4117,
        observedOn: '2026-05-03',
        count: 2,
        location: { type: 'Point', coordinates: [4.853, 45.778] },
      },
    });
    expect(created.statusCode).toBe(201);
    return created.json<SavedObservation>().id;
  }

  async function judge(id: string, status = 'certain') {
    const judged = await ctx.app.inject({
      method: 'POST',
      url: `/api/observations/${id}/validation`,
      headers: as(validator),
      payload: { status },
    });
    expect(judged.statusCode).toBe(200);
  }

  async function edit(id: string, patch: object) {
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/observations/${id}`,
      headers: as(observer),
      payload: patch,
    });
    expect(response.statusCode).toBe(200);
    return response.json<SavedObservation>();
  }

  const state = async (id: string) =>
    (
      await ctx.app.inject({
        method: 'GET',
        url: `/api/observations/${id}/validation`,
        headers: as(observer),
      })
    ).json<ValidationState>();

  it('keeps the judgement when only the comment changes, or a value is sent unchanged', async () => {
    const id = await record();
    await judge(id);
    const saved = await edit(id, {
      comment: 'Singing from the hedge',
      count: 2,
      observedOn: '2026-05-03',
      location: { type: 'Point', coordinates: [4.853, 45.778] },
    });
    expect(saved.validationStatus).toBe('certain');
    expect((await state(id)).history.map((e) => e.kind)).toEqual(['validated']);
  });

  it('sends it back to be checked when the date and count change, says so in the history, and mails the validator', async () => {
    const id = await record();
    await judge(id);
    const saved = await edit(id, { observedOn: '2026-05-02', count: 3, comment: 'Two more' });
    expect(saved.validationStatus).toBe('pending');

    const after = await state(id);
    expect(after).toMatchObject({ validationStatus: 'pending', validatedAt: null });
    expect(after.history.at(-1)).toMatchObject({
      kind: 'edited',
      actor: observer.username,
      fromStatus: 'certain',
      toStatus: 'pending',
      reason: 'date,count',
    });
    const mail = await ctx.sink.waitForMail(validator.email, /reviewed has changed/);
    expect(mail.text).toContain('the date, the count');
    expect(mail.text).toContain(`/en/validation/${id}`);

    // Already back in the queue: a further change adds no line.
    await edit(id, { count: 4 });
    expect((await state(id)).history.filter((e) => e.kind === 'edited')).toHaveLength(1);
  });

  it('sends it back when the taxon, the place or the photos change', async () => {
    const photo = await jpegWithGps({ lat: 45.778, lon: 4.853 });
    const changes: [string, (id: string) => Promise<SavedObservation>][] = [
      ['taxon', (id) => edit(id, { cdNom: 2623 })],
      ['place', (id) => edit(id, { location: { type: 'Point', coordinates: [4.8535, 45.7782] } })],
      [
        'photos',
        async (id) => {
          const { payload, headers } = multipart({ observation: '{}' }, [
            { field: 'photo', filename: 'more.jpg', type: 'image/jpeg', bytes: photo },
          ]);
          const response = await ctx.app.inject({
            method: 'PATCH',
            url: `/api/observations/${id}`,
            headers: { ...as(observer), ...headers },
            payload,
          });
          expect(response.statusCode).toBe(200);
          return response.json<SavedObservation>();
        },
      ],
    ];
    for (const [field, change] of changes) {
      const id = await record();
      await judge(id, 'probable');
      expect((await change(id)).validationStatus).toBe('pending');
      expect((await state(id)).history.at(-1)).toMatchObject({
        kind: 'edited',
        fromStatus: 'probable',
        reason: field,
      });
    }
  });
});
