/** The longest side of a photo sent to the API; the API keeps at most 1600 px for display. */
export const MAX_SIDE = 2048;
const QUALITY = 0.86;

/**
 * The photo scaled down to MAX_SIDE (turned upright from its EXIF orientation) and re-encoded
 * as JPEG: a phone's 5 MB photo becomes a few hundred kB before it is sent. The EXIF block is
 * not copied, so the location does not travel with the file.
 */
export async function resizePhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.round(bitmap.width * scale);
    const height = Math.round(bitmap.height * scale);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas');
    context.drawImage(bitmap, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The photo could not be encoded'))),
        'image/jpeg',
        QUALITY,
      ),
    );
  } finally {
    bitmap.close();
  }
}
