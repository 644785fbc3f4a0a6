/**
 * What the server said about a programme just created (e.g. "the area was repaired"), kept for
 * the editor page it opens next: that page loads the programme afresh, without the notices.
 */
let pending: { id: number; notices: string[] } | null = null;

export function keepNotices(id: number, notices: string[]): void {
  pending = { id, notices };
}

export function takeNotices(id: number): string[] {
  const notices = pending?.id === id ? pending.notices : [];
  pending = null;
  return notices;
}
