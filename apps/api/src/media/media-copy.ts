import type { MediaStore } from './media-store.js';

export type CopyReport = { keys: number; copied: number; alreadyThere: number };

/**
 * Copies every published photo and avatar of `from` to `to` (a disk store to S3 when moving to
 * object storage), file by file; files `to` already has are left as they are, so an interrupted
 * copy can be run again. Staged and leftover files are not copied.
 */
export async function copyMediaStore(
  from: MediaStore,
  to: MediaStore,
  onKey: (done: number, total: number) => void = () => {},
): Promise<CopyReport> {
  const keys = await from.published();
  const report: CopyReport = { keys: keys.length, copied: 0, alreadyThere: 0 };
  for (const [i, { key }] of keys.entries()) {
    const there = new Set(await to.files(key));
    for (const name of await from.files(key)) {
      if (there.has(name)) {
        report.alreadyThere++;
        continue;
      }
      const bytes = await from.read(key, name);
      if (!bytes) continue; // removed meanwhile
      await to.replace(key, name, bytes);
      report.copied++;
    }
    onKey(i + 1, keys.length);
  }
  return report;
}
