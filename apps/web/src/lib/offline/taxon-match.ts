import type { TaxonHit } from '@citizen/shared';

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/**
 * The species of a list whose names contain every word typed, as the taxon search does when it
 * cannot reach the server (offline, the programme's stored list). Names starting with the
 * text come first.
 */
export function matchTaxa(list: TaxonHit[], text: string, limit = 12): TaxonHit[] {
  const words = fold(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const scored = list.flatMap((taxon) => {
    const names = fold(`${taxon.vernacularName ?? ''} ${taxon.scientificName}`);
    if (!words.every((word) => names.includes(word))) return [];
    const starts = [taxon.vernacularName, taxon.scientificName].some(
      (name) => name && fold(name).startsWith(words[0]!),
    );
    return [{ taxon, rank: starts ? 0 : 1 }];
  });
  return scored
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map(({ taxon }) => taxon);
}
