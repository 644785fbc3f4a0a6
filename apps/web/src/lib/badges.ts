/**
 * Badges are a later feature of the API. When an observation's answer (or the account) carries
 * newly earned badges, the thank-you screen announces them; until then this finds none.
 */
export interface Badge {
  id: string;
  name: string;
  imageUrl: string | null;
}

export function newBadges(saved: unknown): Badge[] {
  if (typeof saved !== 'object' || saved === null || !('badges' in saved)) return [];
  const { badges } = saved as { badges: unknown };
  if (!Array.isArray(badges)) return [];
  return badges.filter(
    (badge): badge is Badge =>
      typeof badge === 'object' &&
      badge !== null &&
      typeof (badge as Badge).id === 'string' &&
      typeof (badge as Badge).name === 'string',
  );
}
