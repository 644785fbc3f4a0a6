import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createMigratedDatabase, databaseUrl, dropDatabase } from '../postgres.js';
import { runNode } from '../process.js';
import { describeOnPostgres } from '../engines.js';

/** The recompute-badges command, run from the build against PostgreSQL. */
describeOnPostgres('recompute-badges', () => {
  let name: string;
  let database: Database;

  beforeAll(async () => {
    ({ name, database } = await createMigratedDatabase(inject('postgresTemplate')));
    await database.db
      .insertInto('users')
      .values([
        { username: 'old', email: 'old@example.org', created_at: new Date(Date.now() - 9e9) },
        { username: 'new', email: 'new@example.org' },
      ])
      .execute();
    await database.db
      .insertInto('badge_rules')
      .values({ kind: 'seniority', threshold: 30, name: JSON.stringify({ en: 'A month' }) })
      .execute();
  });
  afterAll(async () => {
    await database?.close();
    if (name) await dropDatabase(name);
  });

  const cli = (env: Record<string, string> = {}) =>
    runNode('cli.js', ['recompute-badges'], { DATABASE_URL: databaseUrl(name), ...env });

  it('rebuilds the awards and says what changed', async () => {
    const first = await cli({ BADGES_ENABLED: 'true' });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Badges: 1 awarded, 0 withdrawn; 1 held by 1 users \(\d+ ms\)$/m);
    const again = await cli({ BADGES_ENABLED: 'true' });
    expect(again.stdout).toMatch(/^Badges: 0 awarded, 0 withdrawn; 1 held by 1 users/m);
    const held = await database.db
      .selectFrom('user_badges as ub')
      .innerJoin('users as u', 'u.id', 'ub.user_id')
      .select('u.username')
      .execute();
    expect(held).toEqual([{ username: 'old' }]);
  });

  it('works while badges are off, and says so', async () => {
    const off = await cli();
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/switched off on this instance \(BADGES_ENABLED=false\)/);
  });
});
