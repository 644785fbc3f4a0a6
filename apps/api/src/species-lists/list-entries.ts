import type { ImportReport } from '@citizen/shared';
import type { ListEntryInput } from './species-list-csv.js';
import type { ListEntryRow, SpeciesListsRepository } from './species-lists.repository.js';

type StoredEntry = {
  cd_nom: number;
  position: number;
  picture_url: string | null;
  picture_media_id: string | null;
};

/** What makes a list's taxa exactly `wanted`: the taxa to remove, the entries to write, counts. */
export function entryChanges(current: StoredEntry[], wanted: ListEntryRow[]) {
  const before = new Map(current.map((c) => [c.cd_nom, c]));
  const keep = new Set(wanted.map((w) => w.cdNom));
  const removed = current.filter((c) => !keep.has(c.cd_nom)).map((c) => c.cd_nom);
  let inserted = 0;
  let updated = 0;
  const upserted: ListEntryRow[] = [];
  for (const w of wanted) {
    const old = before.get(w.cdNom);
    if (!old) inserted += 1;
    else if (
      old.position !== w.position ||
      old.picture_url !== w.pictureUrl ||
      old.picture_media_id !== w.pictureMediaId
    ) {
      updated += 1;
    } else continue;
    upserted.push(w);
  }
  const report: ImportReport = {
    inserted,
    updated,
    unchanged: wanted.length - inserted - updated,
    removed: removed.length,
    errors: [],
    errorCount: 0,
  };
  return { removed, upserted, report };
}

/** Finds the taxon of each row given by scientific name, and checks ids and media exist. */
export async function resolveEntries(
  repository: SpeciesListsRepository,
  rows: ListEntryInput[],
  errors: { add(e: { line: number; message: string }): void; count: number },
) {
  const names = [...new Set(rows.flatMap((r) => (r.cdNom === null ? [r.scientificName!] : [])))];
  const byKey = new Map<string, { cd_nom: number; cd_ref: number }[]>();
  const keyOf = new Map<string, string>();
  if (names.length > 0) {
    for (const f of await repository.taxaByName(names)) {
      keyOf.set(f.name, f.key);
      if (f.cd_nom === null || f.cd_ref === null) continue;
      byKey.set(f.key, [...(byKey.get(f.key) ?? []), { cd_nom: f.cd_nom, cd_ref: f.cd_ref }]);
    }
  }
  for (const row of rows) {
    if (row.cdNom !== null) continue;
    const candidates = byKey.get(keyOf.get(row.scientificName!) ?? '') ?? [];
    const accepted = candidates.filter((c) => c.cd_nom === c.cd_ref);
    const pick = accepted.length > 0 ? accepted : candidates;
    if (pick.length === 1) row.cdNom = pick[0]!.cd_nom;
    else if (pick.length === 0) {
      errors.add({ line: row.line, message: `no taxon is named "${row.scientificName}"` });
    } else {
      errors.add({
        line: row.line,
        message: `several taxa are named "${row.scientificName}" (${pick.map((p) => p.cd_nom).join(', ')}); give its cd_nom`,
      });
    }
  }

  const ids = [...new Set(rows.flatMap((r) => (r.cdNom === null ? [] : [r.cdNom])))];
  const known = await repository.knownTaxa(ids);
  const first = new Map<number, number>();
  for (const row of rows) {
    if (row.cdNom === null) continue;
    if (!known.has(row.cdNom)) {
      errors.add({ line: row.line, message: `taxon ${row.cdNom} is not in the taxonomy` });
    } else if (first.has(row.cdNom)) {
      errors.add({
        line: row.line,
        message: `taxon ${row.cdNom} is already on line ${first.get(row.cdNom)}`,
      });
    } else {
      first.set(row.cdNom, row.line);
    }
  }

  const media = [...new Set(rows.flatMap((r) => (r.pictureMediaId ? [r.pictureMediaId] : [])))];
  const present = await repository.knownMedia(media);
  for (const row of rows) {
    if (row.pictureMediaId && !present.has(row.pictureMediaId)) {
      errors.add({ line: row.line, message: `media ${row.pictureMediaId} does not exist` });
    }
  }
}
