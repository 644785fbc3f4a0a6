import type {
  SpeciesListDetail,
  SpeciesListEntry,
  SpeciesListInput,
  SpeciesListTaxonInput,
} from '@citizen/shared';

/**
 * An entry as the API takes it back: an uploaded picture by its media id (the entry's
 * pictureUrl is then the API's own address for it), else the picture URL it was given.
 */
export function entryInput(entry: SpeciesListEntry): SpeciesListTaxonInput {
  if (entry.pictureMediaId) return { cdNom: entry.cdNom, pictureMediaId: entry.pictureMediaId };
  return { cdNom: entry.cdNom, pictureUrl: entry.pictureUrl };
}

/** The PUT body that keeps a list as it is but for its taxa, given in order. */
export function listInput(
  list: Pick<SpeciesListDetail, 'name' | 'description' | 'taxhubListId'>,
  taxa: SpeciesListTaxonInput[],
): SpeciesListInput {
  return {
    name: list.name,
    description: list.description,
    taxhubListId: list.taxhubListId,
    taxa,
  };
}

/** The list's taxa with one more at the end; unchanged when it is already there. */
export function withTaxon(entries: SpeciesListEntry[], cdNom: number): SpeciesListTaxonInput[] {
  const taxa = entries.map(entryInput);
  return entries.some((e) => e.cdNom === cdNom) ? taxa : [...taxa, { cdNom }];
}

/** The list's taxa without one. */
export function withoutTaxon(entries: SpeciesListEntry[], cdNom: number): SpeciesListTaxonInput[] {
  return entries.filter((e) => e.cdNom !== cdNom).map(entryInput);
}

/** The list's taxa with one moved up (-1) or down (+1); unchanged at an end. */
export function moved(
  entries: SpeciesListEntry[],
  cdNom: number,
  by: -1 | 1,
): SpeciesListTaxonInput[] {
  const taxa = entries.map(entryInput);
  const from = taxa.findIndex((t) => t.cdNom === cdNom);
  const to = from + by;
  if (from < 0 || to < 0 || to >= taxa.length) return taxa;
  [taxa[from], taxa[to]] = [taxa[to]!, taxa[from]!];
  return taxa;
}

/** A CSV example of the species list format, as the import takes it. */
export const SPECIES_LIST_CSV_EXAMPLE = [
  'cd_nom,scientific_name,picture_url',
  '4117,Turdus merula,https://example.org/blackbird.jpg',
  ',Parus major,',
  '4564,,',
].join('\n');
