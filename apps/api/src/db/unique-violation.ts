/** Whether `error` is PostgreSQL's unique violation (23505) of the index or constraint `name`. */
export function isUniqueViolation(error: unknown, name: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint === name || !!e.message?.includes(name));
}
