import { readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MediaRepository } from './media.repository.js';
import type { MediaStore } from './media-store.js';

/**
 * Something unfinished this old belongs to no running request (a save or a deletion takes
 * seconds), even one of another replica sharing the media folder: it was left by a crash.
 */
export const LEFTOVER_AGE_MS = 3_600_000;
/** Import spools live as long as their import, which can read a 1 GB file: a day is safe. */
export const SPOOL_AGE_MS = 86_400_000;
/** The prefix of the temporary folders that imports write uploads to (taxonomy/uploads.ts). */
export const SPOOL_PREFIX = 'citizen-import-';

export type SweepReport = {
  published: number;
  discarded: number;
  orphans: number;
  trash: number;
  spools: number;
};

/**
 * What a killed process may leave in the media folder and the temporary folder, put right at
 * start: staged files whose row committed are published (the crash came between the commit and
 * the rename); other staged files, trash of earlier versions, published folders that no row
 * names any more (deleted, the files not yet removed) and import spools are deleted. Only what
 * is older than LEFTOVER_AGE_MS (SPOOL_AGE_MS) is deleted, so that the requests in flight on
 * another replica keep their files.
 */
export async function sweepMediaLeftovers(
  repository: MediaRepository,
  store: MediaStore,
  { now = new Date(), tempDir = os.tmpdir() }: { now?: Date; tempDir?: string } = {},
): Promise<SweepReport> {
  const old = (modified: Date, age = LEFTOVER_AGE_MS) => now.getTime() - modified.getTime() > age;
  const report: SweepReport = { published: 0, discarded: 0, orphans: 0, trash: 0, spools: 0 };

  const { staged, trash } = await store.leftovers();
  const committed = await repository.knownKeys(staged.map((s) => s.key));
  for (const entry of staged) {
    if (committed.has(entry.key)) {
      await store.publish(entry);
      report.published++;
    } else if (old(entry.modified)) {
      await store.discard(entry);
      report.discarded++;
    }
  }
  for (const entry of trash.filter((t) => old(t.modified))) {
    await store.discard(entry);
    report.trash++;
  }

  // Folders first, rows second: a folder is published only after its row has committed, so a
  // folder listed here whose row is missing from the later query has really lost it.
  const folders = (await store.published()).filter((f) => old(f.modified));
  const named = await repository.knownKeys(folders.map((f) => f.key));
  for (const folder of folders.filter((f) => !named.has(f.key))) {
    await store.remove(folder.key);
    report.orphans++;
  }

  for (const name of await readdir(tempDir).catch(() => [] as string[])) {
    if (!name.startsWith(SPOOL_PREFIX)) continue;
    const dir = path.join(tempDir, name);
    const info = await stat(dir).catch(() => null);
    if (info && old(info.mtime, SPOOL_AGE_MS)) {
      await rm(dir, { recursive: true, force: true });
      report.spools++;
    }
  }
  return report;
}
