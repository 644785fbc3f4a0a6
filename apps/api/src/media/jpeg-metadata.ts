/** Markers whose segments may say where and by whom a photo was taken. */
const PRIVATE_SEGMENTS = new Set([
  0xe1, // APP1: EXIF (GPS position, camera, date) and XMP
  0xed, // APP13: IPTC (names, places, captions)
  0xfe, // COM: free text
]);

const END_OF_IMAGE = Buffer.from([0xff, 0xd9]);
const ICC_PROFILE = Buffer.from('ICC_PROFILE\0', 'latin1');

/** An APP2 segment holds a colour profile, or else the index of images appended (MPF). */
const isColourProfile = (segment: Buffer) =>
  segment.subarray(4, 4 + ICC_PROFILE.length).equals(ICC_PROFILE);

/**
 * The same JPEG without its EXIF, XMP, IPTC and comment segments, the image data untouched (no
 * decoding, no loss); the colour profile (APP2) and the JFIF and Adobe segments stay. null when
 * the bytes are not a JPEG laid out as expected.
 */
export function jpegWithoutMetadata(bytes: Buffer): Buffer | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // a fill byte before a marker
      continue;
    }
    if (marker === 0xda) {
      // Start of scan: the compressed image up to its end marker (which the coded data cannot
      // hold), without what phones append after it (more images, with their own EXIF).
      const end = bytes.indexOf(END_OF_IMAGE, at);
      if (end < 0) return null;
      kept.push(bytes.subarray(at, end + 2));
      return Buffer.concat(kept);
    }
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return null;
    const segment = bytes.subarray(at, at + 2 + length);
    if (!PRIVATE_SEGMENTS.has(marker) && (marker !== 0xe2 || isColourProfile(segment))) {
      kept.push(segment);
    }
    at += 2 + length;
  }
  return null;
}
