import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Insertable } from 'kysely';
import type { MediaTable, ObservationMediaTable } from '../db/schema.js';
import type { MediaStore, StagedFiles } from '../media/media-store.js';
import { photoFiles, processPhoto, type ProcessedPhoto } from '../media/photo-processing.js';
import {
  groupOf,
  illustrationKeys,
  illustrationSvg,
  paletteCount,
  type IllustrationGroup,
} from './illustrations.js';

/** One demo observation in three has a photo, one in five of those a second. */
const WITH_PHOTO = 1 / 3;
const SECOND_PHOTO = 1 / 5;

type DemoObservation = {
  id: string;
  cdNom: number;
  observerId: number | null;
  observerName: string | null;
};

/**
 * The demo's photos, through the same pipeline as uploads (display copy, thumbnail): each
 * picture is drawn and processed once, and every observation showing it gets its own media row
 * and stored files, so that deleting one observation's photo leaves the others'. Files are
 * staged while the demo's transaction runs and published once it has committed.
 */
export async function createDemoAlbum(store: MediaStore) {
  const pictures = new Map<string, ProcessedPhoto>();
  for (const { group, palette } of illustrationKeys()) {
    const jpeg = await sharp(Buffer.from(illustrationSvg(group, palette)))
      .jpeg({ quality: 82 })
      .toBuffer();
    pictures.set(`${group}-${palette}`, await processPhoto(jpeg, `${group}-${palette}.jpg`));
  }
  const staged: StagedFiles[] = [];

  return {
    /**
     * Photos of their taxon's group for some of these observations: their files are staged, and
     * the rows to insert returned.
     */
    async photosFor(
      observations: DemoObservation[],
      groupOfTaxon: Map<number, IllustrationGroup>,
      random: () => number,
    ) {
      const media: Insertable<MediaTable>[] = [];
      const links: Insertable<ObservationMediaTable>[] = [];
      for (const observation of observations) {
        if (random() >= WITH_PHOTO) continue;
        const count = random() < SECOND_PHOTO ? 2 : 1;
        const group = groupOfTaxon.get(observation.cdNom) ?? groupOf(null, null);
        const first = Math.floor(random() * paletteCount);
        for (let position = 0; position < count; position++) {
          const name = `${group}-${(first + position) % paletteCount}`;
          const photo = pictures.get(name)!;
          const id = randomUUID();
          const { files, variants } = photoFiles(photo);
          staged.push(await store.stage(store.keyFor(id), files));
          media.push({
            id,
            storage_key: store.keyFor(id),
            mime_type: photo.mime,
            byte_size: photo.original.length,
            width: photo.width,
            height: photo.height,
            author: observation.observerName,
            licence: 'CC0-1.0',
            uploaded_by: observation.observerId,
            original_name: `${name}.jpg`,
            taken_at: null,
            variants,
          });
          links.push({ observation_id: observation.id, media_id: id, position });
        }
      }
      return { media, links };
    },
    /** Once the demo has committed: its photos become visible. */
    async publish() {
      for (const files of staged) await store.publish(files);
    },
    /** The demo failed: no file stays behind. */
    async discard() {
      await Promise.all(staged.map((files) => store.discard(files)));
    },
  };
}

export type DemoAlbum = Awaited<ReturnType<typeof createDemoAlbum>>;
