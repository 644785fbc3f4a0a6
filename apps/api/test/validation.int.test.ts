import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CurrentUser } from '../src/auth/current-user.js';
import type { App } from '../src/http/types.js';
import { createServices, type Services } from '../src/services.js';
import { testApp, testConfig } from './app.js';
import { describeWithDemo } from './engines.js';

describeWithDemo('expert validation', (database) => {
  let app: App;
  let services: Services;
  let observer: CurrentUser;
  let other: CurrentUser;
  let validator: CurrentUser;
  let admin: CurrentUser;
  const observationIds: string[] = [];
  let validatorsOwn: string;

  beforeAll(async () => {
    app = await testApp(database());
    services = createServices(testConfig(), database());
    const users = await database()
      .db.selectFrom('users')
      .select(['id', 'username', 'role'])
      .orderBy('id')
      .execute();
    admin = users.find((u) => u.role === 'admin') as CurrentUser;
    [observer, other] = users.filter((u) => u.role === 'observer') as CurrentUser[] as [
      CurrentUser,
      CurrentUser,
    ];
    const third = users.filter((u) => u.role === 'observer')[2]!;
    await database()
      .db.updateTable('users')
      .set({ role: 'validator' })
      .where('id', '=', third.id)
      .execute();
    validator = { ...third, role: 'validator' } as CurrentUser;
    const write = services.observationWriter;
    const input = {
      programId: 1,
      cdNom: 4117,
      observedOn: '2026-05-02',
      location: { type: 'Point' as const, coordinates: [4.853, 45.778] },
    };
    for (let i = 0; i < 3; i++) observationIds.push((await write.create(input, [], observer)).id);
    validatorsOwn = (await write.create(input, [], validator)).id;
  });
  afterAll(() => app?.close());

  it('lets a validator confirm an observation, and records who, when and what', async () => {
    const state = await services.validation.validate(
      observationIds[0]!,
      { status: 'certain', comment: 'Clear song' },
      validator,
    );
    expect(state).toMatchObject({
      validationStatus: 'certain',
      validationComment: 'Clear song',
      validationReason: null,
    });
    expect(state.validatedAt).not.toBeNull();
    expect(state.history).toEqual([
      expect.objectContaining({
        kind: 'validated',
        actor: validator.username[0]!.toUpperCase() + validator.username.slice(1),
        fromStatus: 'pending',
        toStatus: 'certain',
      }),
    ]);
  });

  it('re-identifies an observation and keeps the original identification in the history', async () => {
    const state = await services.validation.validate(
      observationIds[1]!,
      { status: 'probable', cdNom: 4129 },
      validator,
    );
    expect(state.cdNom).toBe(4129);
    expect(state.history.map((e) => [e.kind, e.fromCdNom, e.toCdNom, e.toStatus])).toEqual([
      ['reidentified', 4117, 4129, null],
      ['validated', null, null, 'probable'],
    ]);
  });

  it('asks for a reason to mark an observation doubtful or invalid', async () => {
    await expect(
      services.validation.validate(observationIds[2]!, { status: 'invalid' }, validator),
    ).rejects.toMatchObject({
      code: 'validation.reasonRequired',
      errors: [{ field: 'reason', code: 'validation.reasonRequired' }],
    });
    const state = await services.validation.validate(
      observationIds[2]!,
      { status: 'invalid', reason: 'misidentified' },
      validator,
    );
    expect(state).toMatchObject({ validationStatus: 'invalid', validationReason: 'misidentified' });
  });

  it('never lets validators validate their own observation, nor observers validate at all', async () => {
    await expect(
      services.validation.validate(validatorsOwn, { status: 'certain' }, validator),
    ).rejects.toMatchObject({ code: 'validation.ownObservation' });
    await expect(
      services.validation.validate(observationIds[0]!, { status: 'certain' }, other),
    ).rejects.toMatchObject({ code: 'auth.validatorOnly' });
    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/observations/${observationIds[0]}/validation`,
      payload: { status: 'certain' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('validates in bulk, skipping own and unknown observations', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const result = await services.validation.bulk(
      { ids: [observationIds[0]!, validatorsOwn, missing], status: 'probable' },
      validator,
    );
    expect(result).toEqual({
      updated: [observationIds[0]],
      skipped: [
        { id: validatorsOwn, code: 'own', why: 'is your own observation' },
        { id: missing, code: 'not_found', why: 'does not exist' },
      ],
    });
  });

  it('keeps a conversation between validator and observer, closed to others', async () => {
    await services.validation.comment(observationIds[1]!, 'Did you hear it sing?', validator);
    const state = await services.validation.comment(observationIds[1]!, 'Yes, at dawn', observer);
    expect(state.history.slice(-2).map((e) => [e.kind, e.comment])).toEqual([
      ['question', 'Did you hear it sing?'],
      ['answer', 'Yes, at dawn'],
    ]);
    await expect(
      services.validation.comment(observationIds[1]!, 'Me too', other),
    ).rejects.toMatchObject({ code: 'validation.discussionClosed' });
    await expect(services.validation.state(observationIds[1]!, other)).rejects.toMatchObject({
      code: 'validation.historyClosed',
    });
    expect((await services.validation.state(observationIds[1]!, observer)).history.length).toBe(4);
  });

  it('lets admins hide and show an observation, with the reason kept', async () => {
    await expect(
      services.validation.setHidden(observationIds[2]!, true, 'spam', validator),
    ).rejects.toMatchObject({ code: 'moderation.adminOnly' });
    const hidden = await services.validation.setHidden(
      observationIds[2]!,
      true,
      'Photo of a person',
      admin,
    );
    expect(hidden.history.at(-1)).toMatchObject({ kind: 'hidden', reason: 'Photo of a person' });
    const row = await database()
      .db.selectFrom('observations')
      .select(['hidden_at', 'hidden_reason'])
      .where('id', '=', observationIds[2]!)
      .executeTakeFirstOrThrow();
    expect(row.hidden_reason).toBe('Photo of a person');
    const shown = await services.validation.setHidden(observationIds[2]!, false, null, admin);
    expect(shown.history.at(-1)?.kind).toBe('unhidden');
  });
});
