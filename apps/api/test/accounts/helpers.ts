import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuthSession } from '@citizen/shared';
import type { Database } from '../../src/db/database.js';
import type { DB, Role } from '../../src/db/schema.js';
import type { App } from '../../src/http/types.js';
import { hashPassword } from '../../src/users/passwords.js';
import { testApp } from '../app.js';
import { startSmtpSink, type SmtpSinkOptions } from '../smtp-sink.js';

export const PASSWORD = 'Correct horse battery staple';
/** PUBLIC_URL of the test config (no PUBLIC_URL, PORT 3000). */
export const ORIGIN = 'http://localhost:3000';

/** Limits high enough for a test file's many requests; rate-limit tests set their own. */
export const RELAXED_LIMITS = JSON.stringify({
  login: { perIp: 10_000, perAccount: 10_000 },
  register: { perIp: 10_000, perAccount: 10_000 },
  passwordReset: { perIp: 10_000, perAccount: 10_000 },
  observationCreate: { perIp: 10_000, perAccount: 10_000 },
});

/** The API with a real SMTP sink behind its mail sender. */
export async function accountsApp(
  database: Database,
  env: Record<string, string> = {},
  sinkOptions: SmtpSinkOptions = {},
) {
  const sink = await startSmtpSink(sinkOptions);
  const app = await testApp(database, {
    SMTP_URL: sink.url,
    MAIL_FROM: 'Citizen <no-reply@citizen.test>',
    RATE_LIMITS: RELAXED_LIMITS,
    ...env,
  });
  await app.ready();
  return {
    app,
    sink,
    close: async () => {
      await app.close();
      await sink.close();
    },
  };
}

const hashes = new Map<string, Promise<string>>();

export type TestUser = {
  id: number;
  username: string;
  email: string;
  password: string;
  role: Role;
};

let counter = 0;

/** An account made straight in the database (hashing once per password keeps tests fast). */
export async function createUser(
  db: Kysely<DB>,
  options: {
    username?: string;
    role?: Role;
    password?: string;
    confirmed?: boolean;
    active?: boolean;
    locale?: string;
  } = {},
): Promise<TestUser> {
  counter += 1;
  const username = options.username ?? `user${process.pid}x${counter}`;
  const password = options.password ?? PASSWORD;
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  const row = await db
    .insertInto('users')
    .values({
      username,
      email: `${username}@example.net`,
      password_hash: await hashes.get(password)!,
      role: options.role ?? 'observer',
      is_active: options.active ?? true,
      email_confirmed_at: options.confirmed === false ? null : new Date(),
      locale: options.locale ?? 'en',
    })
    .returning(['id', 'username', 'email', 'role'])
    .executeTakeFirstOrThrow();
  return { ...row, password };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Logs in over HTTP, as an app would (no cookies): the session carries its access token. */
export async function login(
  app: App,
  login: string,
  password = PASSWORD,
): Promise<AuthSession & { accessToken: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`login of ${login} failed: ${response.statusCode} ${response.body}`);
  }
  const session = response.json<AuthSession>();
  if (!session.accessToken) throw new Error(`login of ${login} gave no access token`);
  return { ...session, accessToken: session.accessToken };
}

/** The Set-Cookie headers of a response, by cookie name. */
export function cookiesOf(response: LightMyRequestResponse) {
  return Object.fromEntries(response.cookies.map((c) => [c.name, c]));
}
