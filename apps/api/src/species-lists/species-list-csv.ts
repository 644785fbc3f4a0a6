import { parsePositiveId } from '../taxonomy/import-rows.js';
import { ErrorList } from '../taxonomy/taxonomy-import.js';
import { readCsvTable } from '../taxonomy/csv-table.js';
import type { Line } from '../taxonomy/text-input.js';

export type ListEntryInput = {
  line: number;
  /** Null until the scientific name is looked up. */
  cdNom: number | null;
  scientificName: string | null;
  position: number;
  pictureUrl: string | null;
  pictureMediaId: string | null;
};

/** Accepted header names for each column (compared without case, quotes or a dwc: prefix). */
const COLUMNS = {
  cdNom: ['cd_nom', 'cdnom', 'taxonid'],
  scientificName: ['scientific_name', 'scientificname', 'lb_nom'],
  pictureUrl: ['picture_url', 'picture', 'image_url', 'photo_url'],
  pictureMediaId: ['picture_media_id', 'media_id'],
  position: ['position', 'rank_in_list', 'order'],
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URL_PATTERN = /^(https?:\/\/|\/(?!\/))\S+$/;

/**
 * Reads a species list CSV (comma, semicolon or tab separated, with a header line). The list
 * order is the `position` column, else the order of the lines.
 */
export async function readSpeciesListCsv(
  lines: AsyncIterable<Line>,
): Promise<{ entries: ListEntryInput[]; errors: ErrorList }> {
  const errors = new ErrorList();
  const entries: ListEntryInput[] = [];
  const table = readCsvTable(lines, COLUMNS, errors, (has) =>
    has('cdNom') || has('scientificName')
      ? null
      : 'the header needs a cd_nom or a scientific_name column',
  );
  for await (const { line, get } of table) {
    const rawId = get('cdNom');
    const scientificName = get('scientificName');
    const pictureUrl = get('pictureUrl');
    const pictureMediaId = get('pictureMediaId');
    const rawPosition = get('position');
    const cdNom = parsePositiveId(rawId);
    if (rawId && cdNom === null) {
      errors.add({ line, message: `cd_nom "${rawId}" is not a positive integer` });
    } else if (!rawId && !scientificName) {
      errors.add({ line, message: 'give a cd_nom or a scientific_name' });
    } else if (pictureUrl && (!URL_PATTERN.test(pictureUrl) || pictureUrl.length > 2000)) {
      errors.add({ line, message: `picture_url "${pictureUrl}" is not an http(s) URL` });
    } else if (pictureMediaId && !UUID.test(pictureMediaId)) {
      errors.add({ line, message: `picture_media_id "${pictureMediaId}" is not a media id` });
    } else if (pictureUrl && pictureMediaId) {
      errors.add({ line, message: 'give picture_url or picture_media_id, not both' });
    } else if (rawPosition && !/^-?\d{1,9}$/.test(rawPosition)) {
      errors.add({ line, message: `position "${rawPosition}" is not an integer` });
    } else {
      entries.push({
        line,
        cdNom,
        scientificName,
        position: rawPosition ? Number(rawPosition) : entries.length,
        pictureUrl,
        pictureMediaId: pictureMediaId?.toLowerCase() ?? null,
      });
    }
  }
  return { entries, errors };
}
