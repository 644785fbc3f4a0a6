import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ErrorResponse, SavedObservation } from '@citizen/shared';
import type { App } from '../src/http/types.js';
import { createUser, login } from './accounts/helpers.js';
import { testApp } from './app.js';
import { describeWithDemo } from './engines.js';

const BLACKBIRD = 4117;
/** An observer may record this many observations an hour (the limit these tests set). */
const PER_ACCOUNT = 30;

const observation = (n: number) => ({
  programId: 1,
  cdNom: BLACKBIRD,
  observedOn: '2026-05-14',
  count: n,
  location: { type: 'Point', coordinates: [4.853, 45.778] },
});

describeWithDemo('Idempotency-Key replays and the creation rate limit', (database) => {
  let app: App;
  let asAlice: Record<string, string>;

  beforeAll(async () => {
    app = await testApp(database(), {
      MEDIA_DIR: mkdtempSync(path.join(os.tmpdir(), 'citizen-idempotency-limits-')),
      RATE_LIMITS: JSON.stringify({
        login: { perIp: 10_000, perAccount: 10_000 },
        observationCreate: { perIp: 10_000, perAccount: PER_ACCOUNT, minutes: 60 },
      }),
    });
    const alice = await createUser(database().db);
    asAlice = { authorization: `Bearer ${(await login(app, alice.username)).accessToken}` };
  });
  afterAll(() => app?.close());

  const post = (body: object, key?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/observations',
      payload: body,
      headers: { ...asAlice, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    });
  const observations = async () =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from observations`.execute(database().db))
        .rows[0]!.n,
    );

  it('answers a queue of 30 retried after a lost answer, without counting the retries', async () => {
    const before = await observations();
    const keys = Array.from({ length: PER_ACCOUNT }, () => randomUUID());
    const first = [];
    for (const [n, key] of keys.entries()) first.push(await post(observation(n + 1), key));
    expect(first.map((answer) => answer.statusCode)).toEqual(keys.map(() => 201));

    // The answers were lost: the whole queue again, twice. Each is the first one's answer.
    for (let round = 0; round < 2; round++) {
      for (const [n, key] of keys.entries()) {
        const retry = await post(observation(n + 1), key);
        expect(retry.statusCode, `retry ${n + 1}`).toBe(201);
        expect(retry.headers['idempotent-replayed']).toBe('true');
        expect(retry.json<SavedObservation>().id).toBe(first[n]!.json<SavedObservation>().id);
      }
    }
    expect(await observations()).toBe(before + PER_ACCOUNT);

    // A key reused with another body is still refused for what it is, not as too many.
    const reused = await post(observation(99), keys[0]);
    expect(reused.statusCode).toBe(422);
    expect(reused.json<ErrorResponse>().code).toBe('idempotency.keyReused');

    // The limit still holds for what would be created: a new key, or none.
    const next = await post(observation(31), randomUUID());
    expect(next.statusCode).toBe(429);
    expect(next.json<ErrorResponse>().code).toBe('auth.tooManyAttempts');
    expect((await post(observation(32))).statusCode).toBe(429);
    expect(await observations()).toBe(before + PER_ACCOUNT);
  });
});
