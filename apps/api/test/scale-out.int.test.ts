import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { SavedObservation } from '@citizen/shared';
import { createUser, PASSWORD, type TestUser } from './accounts/helpers.js';
import { describeOnPostgres } from './engines.js';
import { jpegWithGps, multipart } from './images.js';
import { createMigratedDatabase, databaseUrl, dropDatabase } from './postgres.js';
import { freePort, startNode, type RunningNode } from './process.js';
import { startS3Server, type S3Server } from './s3-server.js';

/**
 * Two API processes on one PostgreSQL and one S3-compatible server, as replicas behind a load
 * balancer: what one writes, the other serves; limits and throttles are counted once for both.
 */
describeOnPostgres('two API replicas sharing PostgreSQL and S3', () => {
  let name: string;
  let s3: S3Server;
  let user: TestUser;
  const replicas: { node: RunningNode; base: string }[] = [];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-replicas-'));

  beforeAll(async () => {
    const created = await createMigratedDatabase(inject('postgresDemoTemplate'));
    user = await createUser(created.database.db);
    await created.database.close();
    name = created.name;
    s3 = await startS3Server();
    for (const _ of [1, 2]) {
      const port = await freePort();
      const node = startNode('main.js', {
        ...s3.env,
        DATABASE_URL: databaseUrl(name),
        DATA_DIR: dataDir,
        PORT: String(port),
        SERVE_WEB: 'false',
        DEMO_DATA: 'false',
        NODE_ENV: 'test',
        PASSWORD_HASH_COST: 'test',
        RATE_LIMITS: JSON.stringify({ register: { perIp: 3 } }),
      });
      replicas.push({ node, base: `http://127.0.0.1:${port}/api` });
    }
    await Promise.all(replicas.map((r) => r.node.waitFor(/Citizen is ready/, 120_000)));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.node.stop()));
    await s3?.close();
    if (name) await dropDatabase(name);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Sends the n-th request to replica n % 2, from one client address. */
  const post = (n: number, url: string, body: object, from: string) =>
    fetch(`${replicas[n % 2]!.base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify(body),
    });

  it('serves from one replica the photo uploaded on the other, private original included', async () => {
    const [one, other] = replicas;
    const session = await post(
      0,
      '/auth/login',
      { login: user.username, password: PASSWORD },
      '192.0.2.1',
    );
    expect(session.status).toBe(200);
    const { accessToken } = (await session.json()) as { accessToken: string };
    const upload = await jpegWithGps({ width: 2000, height: 1500 });
    const { payload, headers } = multipart(
      {
        observation: JSON.stringify({
          programId: 1,
          cdNom: 4117,
          observedOn: '2026-05-03',
          location: { type: 'Point', coordinates: [4.853, 45.778] },
        }),
      },
      [{ field: 'photo', filename: 'bird.jpg', type: 'image/jpeg', bytes: upload }],
    );
    const saved = await fetch(`${one!.base}/observations`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${accessToken}` },
      body: payload,
    });
    expect(saved.status, await saved.clone().text()).toBe(201);
    const photo = ((await saved.json()) as SavedObservation).photos[0]!;

    const display = await fetch(`${other!.base}${photo.displayUrl.replace(/^\/api/, '')}`);
    expect(display.status).toBe(200);
    expect(display.headers.get('content-type')).toBe('image/webp');
    const originalUrl = `${other!.base}/media/${photo.id}/original`;
    expect((await fetch(originalUrl)).status).toBe(404);
    const original = await fetch(originalUrl, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(Buffer.from(await original.arrayBuffer()).equals(upload)).toBe(true);
  });

  it('counts wrong passwords sent to both replicas against one throttle', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 6; n++) {
      const reply = await post(
        n,
        '/auth/login',
        { login: user.username, password: 'wrong one' },
        '192.0.2.2',
      );
      statuses.push(reply.status);
    }
    // Five failures, three on one replica and two on the other, make the sixth wait.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const onOther = await post(
      1,
      '/auth/login',
      { login: user.username, password: PASSWORD },
      '192.0.2.2',
    );
    expect(onOther.status).toBe(429);
    expect(Number(onOther.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts requests sent to both replicas against one rate limit', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 4; n++) {
      const reply = await post(
        n,
        '/auth/register',
        {
          username: `replica${n}`,
          email: `replica${n}@example.net`,
          password: PASSWORD,
          acceptTerms: true,
        },
        '192.0.2.3',
      );
      statuses.push(reply.status);
    }
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses[3]).toBe(429);
  });
});
