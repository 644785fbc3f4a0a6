import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Insertable } from 'kysely';
import type { MediaTable } from '../db/schema.js';
import type { MediaStore, StagedFiles } from '../media/media-store.js';
import { photoFiles, processPhoto } from '../media/photo-processing.js';
import type { ImportReporter } from './import-report.js';

/** A GeoNature-citizen photo: its t_medias row, file name, and who took it. */
export type PhotoSource = {
  idMedia: number;
  filename: string;
  author: string | null;
  uploadedBy: number | null;
  /** Where a problem with the file is reported, when it is no t_medias row (programme images). */
  reportAs?: { table: string; id: number };
};

/**
 * Copies photos from GeoNature-citizen's media folder into Citizen's media store, processed as
 * uploads are (EXIF orientation, display and thumbnail copies, the original kept private). The
 * files are staged; the caller publishes them once the rows naming them have committed
 * (`publish`), or discards them when the transaction fails (`discard`). A dry run only checks
 * that the files are there.
 */
export function createPhotoImport(deps: {
  store: MediaStore;
  mediaDir: string;
  dryRun: boolean;
  report: ImportReporter;
}) {
  const { store, mediaDir, dryRun, report } = deps;
  let staged: StagedFiles[] = [];
  const concurrency = Math.max(1, availableParallelism());

  const skip = (photo: PhotoSource, message: string) =>
    photo.reportAs
      ? report.note(photo.reportAs.table, photo.reportAs.id, `${message}: not copied`)
      : report.skip('t_medias', photo.idMedia, message);

  /** The file of a t_medias row; null (reported) when the name is not a plain file name. */
  function fileOf(photo: PhotoSource): string | null {
    const name = photo.filename.trim();
    if (!name || name !== path.basename(name) || name === '.' || name === '..') {
      skip(photo, `"${photo.filename}" is not a file name in the media folder`);
      return null;
    }
    return path.join(mediaDir, name);
  }

  async function one(photo: PhotoSource): Promise<Insertable<MediaTable> | null> {
    const file = fileOf(photo);
    if (!file) return null;
    if (dryRun) {
      // The same rows go in (and are rolled back), without the work of resizing the photo.
      const size = await stat(file).then(
        (s) => (s.isFile() ? s.size : null),
        () => null,
      );
      if (size === null) {
        skip(photo, `file ${photo.filename} is missing from the media folder`);
        return null;
      }
      const id = randomUUID();
      return { ...describe(photo, id), mime_type: 'application/octet-stream', byte_size: size };
    }
    const bytes = await readFile(file).catch(() => null);
    if (!bytes) {
      skip(photo, `file ${photo.filename} is missing from the media folder`);
      return null;
    }
    let processed: Awaited<ReturnType<typeof processPhoto>>;
    try {
      processed = await processPhoto(bytes, `Photo ${photo.filename}`);
    } catch (error) {
      skip(photo, (error as Error).message);
      return null;
    }
    const id = randomUUID();
    const { files, variants } = photoFiles(processed);
    staged.push(await store.stage(store.keyFor(id), files));
    return {
      ...describe(photo, id),
      mime_type: processed.mime,
      byte_size: processed.original.length,
      width: processed.width,
      height: processed.height,
      taken_at: processed.metadata.takenAt ? new Date(processed.metadata.takenAt) : null,
      variants,
    };
  }

  const describe = (photo: PhotoSource, id: string) => ({
    id,
    storage_key: store.keyFor(id),
    author: photo.author,
    // GeoNature-citizen asked for no licence: none is claimed for the photo.
    licence: null,
    uploaded_by: photo.uploadedBy,
    original_name: photo.filename.slice(0, 200),
  });

  return {
    /**
     * Processes and stages the photos, several at a time; returns the media rows to insert by
     * t_medias id (in a dry run, rows without sizes for the files found). Failures are reported,
     * and the photo left out.
     */
    async prepare(photos: PhotoSource[]): Promise<Map<number, Insertable<MediaTable>>> {
      const rows = new Map<number, Insertable<MediaTable>>();
      let next = 0;
      const worker = async () => {
        while (next < photos.length) {
          const photo = photos[next++]!;
          const row = await one(photo);
          if (row) rows.set(photo.idMedia, row);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, photos.length) }, worker));
      return rows;
    },

    /** Makes the staged files visible: call it once their rows have committed. */
    async publish() {
      const done = staged;
      staged = [];
      for (const files of done) await store.publish(files);
    },

    async discard() {
      const done = staged;
      staged = [];
      await Promise.all(done.map((files) => store.discard(files)));
    },
  };
}

export type PhotoImport = ReturnType<typeof createPhotoImport>;
