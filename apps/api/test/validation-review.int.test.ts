import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  BulkValidationResult,
  ObservationDetail,
  ObservationList,
  SavedObservation,
  ValidationState,
} from '@citizen/shared';
import { accountsApp, bearer, createUser, login, type TestUser } from './accounts/helpers.js';
import { describeWithDemo } from './engines.js';

/**
 * What the validation screens need beyond the judgement itself: the latest expert word in the
 * lists (for the observer's dashboard and the queue, never for the public), names of the
 * re-identified taxa, whose observation it is, whether it is hidden, and bulk refusals by code.
 */
describeWithDemo('validation screens: reviews in lists, richer history', (database) => {
  let ctx: Awaited<ReturnType<typeof accountsApp>>;
  let observer: TestUser;
  let otherObserver: TestUser;
  let validator: TestUser;
  let admin: TestUser;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await accountsApp(database());
    observer = await createUser(database().db);
    otherObserver = await createUser(database().db);
    validator = await createUser(database().db, { role: 'validator' });
    admin = await createUser(database().db, { role: 'admin' });
    for (const user of [observer, otherObserver, validator, admin])
      tokens[user.username] = (await login(ctx.app, user.username)).accessToken;
  });
  afterAll(() => ctx?.close());

  const as = (user: TestUser) => bearer(tokens[user.username]!);

  async function record(user: TestUser, observedOn = '2026-04-20'): Promise<string> {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/observations',
      headers: as(user),
      payload: {
        programId: 1,
        cdNom: 4117,
        observedOn,
        location: { type: 'Point', coordinates: [4.853, 45.778] },
      },
    });
    expect(created.statusCode).toBe(201);
    return created.json<SavedObservation>().id;
  }

  async function listFor(user: TestUser | null, query: string) {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/observations?${query}`,
      headers: user ? as(user) : {},
    });
    expect(response.statusCode).toBe(200);
    return response.json<ObservationList>().items;
  }

  it("gives the observer, and experts only, each observation's latest judgement or question", async () => {
    const id = await record(observer, '2026-04-21');
    const find = async (user: TestUser | null) =>
      (await listFor(user, `program=1&from=2026-04-21&to=2026-04-21&limit=200`)).find(
        (item) => item.id === id,
      );

    // Before any review: null for those who may read it, absent for the others.
    const mine = await find(observer);
    expect(mine).toBeDefined();
    expect(mine!.review).toBeNull();

    const judged = await ctx.app.inject({
      method: 'POST',
      url: `/api/observations/${id}/validation`,
      headers: as(validator),
      payload: {
        status: 'doubtful',
        reason: 'insufficient_evidence',
        comment: 'The photo is blurred',
      },
    });
    expect(judged.statusCode).toBe(200);

    expect((await find(observer))!.review).toMatchObject({
      kind: 'validated',
      status: 'doubtful',
      reason: 'insufficient_evidence',
      comment: 'The photo is blurred',
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });

    // A question comes after: it is now the latest word.
    const asked = await ctx.app.inject({
      method: 'POST',
      url: `/api/observations/${id}/comments`,
      headers: as(validator),
      payload: { comment: 'Did you hear it sing?' },
    });
    expect(asked.statusCode).toBe(200);
    expect((await find(observer))!.review).toMatchObject({
      kind: 'question',
      status: null,
      comment: 'Did you hear it sing?',
    });
    // The observer's answer is in the history, not the latest expert word.
    await ctx.app.inject({
      method: 'POST',
      url: `/api/observations/${id}/comments`,
      headers: as(observer),
      payload: { comment: 'Yes, at dawn' },
    });
    expect((await find(observer))!.review?.comment).toBe('Did you hear it sing?');

    // The observation page's detail carries it too, for the observer.
    const detail = await ctx.app.inject({
      method: 'GET',
      url: `/api/observations/${id}?lang=en`,
      headers: as(observer),
    });
    expect(detail.json<ObservationDetail>().review?.kind).toBe('question');

    // The public and other observers never see it; a doubtful observation of a programme that
    // shows everything is still listed for them, without the review.
    for (const user of [null, otherObserver]) {
      const item = await find(user);
      expect(item).toBeDefined();
      expect(item).not.toHaveProperty('review');
      const other = await ctx.app.inject({
        method: 'GET',
        url: `/api/observations/${id}?lang=en`,
        headers: user ? as(user) : {},
      });
      expect(other.json<ObservationDetail>()).not.toHaveProperty('review');
    }

    // Experts see it, in the queue as elsewhere.
    const queue = await ctx.app.inject({
      method: 'GET',
      url: '/api/validation/queue?status=doubtful&program=1&limit=200',
      headers: as(admin),
    });
    expect(queue.json<ObservationList>().items.find((item) => item.id === id)?.review?.kind).toBe(
      'question',
    );
  });

  it('names the taxa of a re-identification in the asked language, and tells whose it is', async () => {
    const id = await record(observer);
    const judged = await ctx.app.inject({
      method: 'POST',
      url: `/api/observations/${id}/validation?lang=en`,
      headers: as(validator),
      payload: { status: 'certain', cdNom: 4129, comment: 'Spotted breast' },
    });
    expect(judged.statusCode).toBe(200);
    const state = judged.json<ValidationState>();
    expect(state.isObserver).toBe(false);
    expect(state.history[0]).toMatchObject({
      kind: 'reidentified',
      fromCdNom: 4117,
      toCdNom: 4129,
      fromName: 'Common Blackbird',
      toName: 'Song Thrush',
    });
    expect(state.history[1]).toMatchObject({ kind: 'validated', fromName: null, toName: null });

    const inGerman = await ctx.app.inject({
      method: 'GET',
      url: `/api/observations/${id}/validation?lang=de`,
      headers: as(observer),
    });
    const seen = inGerman.json<ValidationState>();
    expect(seen.isObserver).toBe(true);
    expect(seen.history[0]).toMatchObject({ fromName: 'Amsel', toName: 'Singdrossel' });
  });

  it('says when and why an observation is hidden', async () => {
    const id = await record(observer);
    const hidden = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/observations/${id}/hide`,
      headers: as(admin),
      payload: { reason: 'Personal data in the photo' },
    });
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json<ValidationState>()).toMatchObject({
      hiddenAt: expect.any(String),
      hiddenReason: 'Personal data in the photo',
    });
    const shown = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/observations/${id}/unhide`,
      headers: as(admin),
    });
    expect(shown.json<ValidationState>()).toMatchObject({ hiddenAt: null, hiddenReason: null });
    expect(shown.json<ValidationState>().history.map((e) => e.kind)).toEqual([
      'hidden',
      'unhidden',
    ]);
  });

  it('gives each refusal of a bulk judgement a code the screen can translate', async () => {
    const theirs = await record(observer);
    const own = await record(validator);
    const missing = '00000000-0000-4000-8000-000000000009';
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/validation/bulk',
      headers: as(validator),
      payload: { ids: [theirs, own, missing], status: 'probable' },
    });
    expect(response.statusCode).toBe(200);
    const result = response.json<BulkValidationResult>();
    expect(result.updated).toEqual([theirs]);
    expect(result.skipped).toEqual([
      { id: own, code: 'own', why: 'is your own observation' },
      { id: missing, code: 'not_found', why: 'does not exist' },
    ]);
  });
});
