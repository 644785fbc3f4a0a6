import type { MediaStore } from '../media/media-store.js';
import type { createMediaRepository } from '../media/media.repository.js';

type MediaFiles = Pick<ReturnType<typeof createMediaRepository>, 'filesOf'>;

const MEDIA_URL = /^\/api\/media\/([0-9a-f-]{36})\/(?:thumb|display|original)$/i;

/**
 * The bytes of the site's logo when it is a photo of this site's media store (what the logo
 * upload sets: /api/media/<id>/display, or the same on the public origin); its largest public
 * copy. Anything else (another host, a static file) is null: the server fetches nothing.
 */
export async function readSiteLogo(
  logoUrl: string | null,
  publicOrigin: string,
  { media, store }: { media: MediaFiles; store: Pick<MediaStore, 'read'> },
): Promise<Buffer | null> {
  if (!logoUrl) return null;
  const path = logoUrl.startsWith(`${publicOrigin}/`)
    ? logoUrl.slice(publicOrigin.length)
    : logoUrl;
  const id = MEDIA_URL.exec(path)?.[1];
  if (!id) return null;
  const [row] = await media.filesOf([id.toLowerCase()]);
  // `display` alone is a WebP; a display small enough to keep as it was names its extension.
  const file = row?.variants.find((v) => v === 'display' || v.startsWith('display.'));
  if (!row || !file) return null;
  return store.read(row.storage_key, file.includes('.') ? file : 'display.webp');
}
