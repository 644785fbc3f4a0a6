import { afterEach, describe, expect, it } from 'vitest';
import { sessionHint } from './api';

describe('sessionHint', () => {
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('remembers a login in local storage', () => {
    const store = new Map<string, string>();
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => store.set(key, value),
      removeItem: (key: string) => store.delete(key),
    };
    expect(sessionHint()).toBe(false);
    expect(sessionHint(true)).toBe(true);
    expect(sessionHint()).toBe(true);
    expect(sessionHint(false)).toBe(false);
  });

  it('says no session, without throwing, where reading the storage throws (a blocked iframe)', () => {
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    expect(sessionHint()).toBe(false);
    expect(sessionHint(true)).toBe(false);
  });
});
