import { describe, expect, it } from 'vitest';
import { createRefusalAudit } from './refusals.js';

/**
 * An audit table whose count updates answer only when the test says, so that two write-backs can
 * be made to land in either order.
 */
function slowAuditTable() {
  const waiting: { count: number; land: () => void }[] = [];
  let stored = 0;
  return {
    table: {
      recordCounted: () => Promise.resolve(1),
      setCount: (_id: number, count: number) =>
        new Promise<void>((resolve) => {
          waiting.push({
            count,
            land: () => {
              stored = count;
              resolve();
            },
          });
        }),
    },
    waiting,
    stored: () => stored,
  };
}

const refusal = {
  event: 'rate_limited',
  ip: '203.0.113.7',
  route: 'POST /api/auth/login',
} as const;

describe('refusal audit', () => {
  it('never lets an older count overwrite a newer one, however the database answers', async () => {
    const { table, waiting, stored } = slowAuditTable();
    const audit = createRefusalAudit(table);
    await audit.record(refusal);
    for (let i = 0; i < 4; i++) await audit.record(refusal);
    const first = audit.flush();
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 5; i++) await audit.record(refusal);
    const second = audit.flush();
    await new Promise((resolve) => setImmediate(resolve));

    // The newest update lands first, then the older one (two connections, no order between them).
    while (waiting.length > 0) {
      waiting.pop()!.land();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([first, second]);
    expect(stored()).toBe(10);
  });
});
