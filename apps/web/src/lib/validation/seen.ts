/**
 * The observations a validator has passed over in this browser tab (judged or skipped), so that
 * "next in queue" moves on instead of coming back to them. Session storage: forgotten with the
 * tab; at most MAX ids, the oldest dropped first.
 */
const KEY = 'citizen:validation:seen';
const MAX = 500;

function read(): string[] {
  if (typeof sessionStorage === 'undefined') return [];
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function seenInSession(): Set<string> {
  return new Set(read());
}

export function markSeen(id: string): void {
  if (typeof sessionStorage === 'undefined') return;
  const ids = read().filter((seen) => seen !== id);
  ids.push(id);
  try {
    sessionStorage.setItem(KEY, JSON.stringify(ids.slice(-MAX)));
  } catch {
    // Storage full or refused: "next" may then offer an observation again, nothing worse.
  }
}
