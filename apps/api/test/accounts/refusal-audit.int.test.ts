import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { App } from '../../src/http/types.js';
import { describeOnEngines } from '../engines.js';
import { accountsApp, PASSWORD } from './helpers.js';

const LIMITS = JSON.stringify({
  login: { perIp: 3, perAccount: 3 },
  register: { perIp: 100, perAccount: 100 },
  passwordReset: { perIp: 100, perAccount: 100 },
  observationCreate: { perIp: 100, perAccount: 100 },
});

/**
 * A flood of refused requests writes a bounded number of audit rows: one per event, address,
 * route (and user) and minute, whose `count` says how many there were.
 */
describeOnEngines('audit of refused requests under a flood', (database) => {
  let app: App;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, close } = await accountsApp(database(), { RATE_LIMITS: LIMITS }));
  });
  afterAll(() => close?.());

  /** Rows of an event from one address, once their counts add up to `total`. */
  const rowsAddingUpTo = (event: string, ip: string, total: number) =>
    vi.waitFor(
      async () => {
        const { rows } = await sql<{ details: { count: number } }>`
          select details from audit_log where event = ${event} and ip = ${ip}`.execute(
          database().db,
        );
        expect(rows.reduce((sum, row) => sum + row.details.count, 0)).toBe(total);
        return rows;
      },
      { timeout: 15_000, interval: 200 },
    );

  it('counts a flood of cross-site requests in one row', async () => {
    const ip = '198.51.100.50';
    for (let i = 0; i < 40; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/logout-all',
        headers: {
          cookie: 'citizen_access=stolen',
          origin: 'https://evil.example',
          'x-forwarded-for': ip,
        },
      });
      expect(response.statusCode).toBe(403);
    }
    const rows = await rowsAddingUpTo('csrf_refused', ip, 40);
    // One row, or two if the flood straddled a minute.
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows[0]!.details).toMatchObject({ route: 'POST /api/auth/logout-all' });
  });

  it('counts failed and rate-limited logins from one address in one row each', async () => {
    const ip = '203.0.113.60';
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: 'nobody-here', password: PASSWORD },
        headers: { 'x-forwarded-for': ip },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(27);
    expect((await rowsAddingUpTo('login_failed', ip, 3)).length).toBeLessThanOrEqual(2);
    expect((await rowsAddingUpTo('rate_limited', ip, 27)).length).toBeLessThanOrEqual(2);
  });
});
