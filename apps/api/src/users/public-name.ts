/**
 * A name people typed (observer, display name, photo author), unless it looks like an e-mail
 * address: such a name is never published, in lists, pages or exports.
 */
export function safeObserverName(name: string | null): string | null {
  return name && !name.includes('@') ? name : null;
}
