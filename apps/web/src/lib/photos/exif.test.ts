import { describe, expect, it } from 'vitest';
import { readPhotoFacts } from './exif';

type Entry = { tag: number; type: number; count: number; value: number[] | string };

/** A JPEG holding only an EXIF block, laid out as cameras write it (little or big endian). */
function jpegWithExif(little: boolean, exif: Entry[], gps: Entry[]): ArrayBuffer {
  const bytes: number[] = [];
  const u16 = (n: number) => (little ? [n & 255, n >> 8] : [n >> 8, n & 255]);
  const u32 = (n: number) => {
    const b = [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];
    return little ? b : b.reverse();
  };
  // TIFF: header, IFD0 (2 pointers), Exif IFD, GPS IFD, then the values that do not fit inline.
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  const ifd0At = 8;
  const exifAt = ifd0At + ifdSize(2);
  const gpsAt = exifAt + ifdSize(exif.length);
  const dataAt = gpsAt + ifdSize(gps.length);
  const data: number[] = [];

  const encode = (entries: Entry[]) => {
    const out = [...u16(entries.length)];
    for (const entry of entries) {
      // ASCII text, else LONG or RATIONAL numbers (a rational is two LONGs).
      const raw =
        typeof entry.value === 'string'
          ? [...entry.value].map((c) => c.charCodeAt(0)).concat(0)
          : entry.value.flatMap((n) => u32(n));
      out.push(...u16(entry.tag), ...u16(entry.type), ...u32(entry.count));
      if (raw.length <= 4) {
        out.push(...raw, ...Array(4 - raw.length).fill(0));
      } else {
        out.push(...u32(dataAt + data.length));
        data.push(...raw);
      }
    }
    return [...out, ...u32(0)];
  };
  const tiff = [
    ...(little ? [0x49, 0x49] : [0x4d, 0x4d]),
    ...u16(42),
    ...u32(ifd0At),
    ...encode([
      { tag: 0x8769, type: 4, count: 1, value: [exifAt] },
      { tag: 0x8825, type: 4, count: 1, value: [gpsAt] },
    ]),
    ...encode(exif),
    ...encode(gps),
  ];
  const app1 = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff, ...data];
  bytes.push(0xff, 0xd8, 0xff, 0xe1, (app1.length + 2) >> 8, (app1.length + 2) & 255, ...app1);
  bytes.push(0xff, 0xd9);
  return new Uint8Array(bytes).buffer;
}

const rational = (...pairs: number[]) => pairs;

describe('readPhotoFacts', () => {
  for (const little of [true, false]) {
    it(`reads the date, time and GPS position (${little ? 'Intel' : 'Motorola'} order)`, () => {
      const buffer = jpegWithExif(
        little,
        [{ tag: 0x9003, type: 2, count: 20, value: '2024:05:17 08:42:10' }],
        [
          { tag: 1, type: 2, count: 2, value: 'N' },
          { tag: 2, type: 5, count: 3, value: rational(45, 1, 46, 1, 30, 1) },
          { tag: 3, type: 2, count: 2, value: 'W' },
          { tag: 4, type: 5, count: 3, value: rational(4, 1, 51, 1, 0, 1) },
        ],
      );
      const facts = readPhotoFacts(buffer);
      expect(facts.date).toBe('2024-05-17');
      expect(facts.time).toBe('08:42');
      expect(facts.latitude).toBeCloseTo(45.775, 5);
      expect(facts.longitude).toBeCloseTo(-4.85, 5);
    });
  }

  it('knows nothing about a file without EXIF, or that is not a JPEG', () => {
    const none = { date: null, time: null, latitude: null, longitude: null };
    expect(readPhotoFacts(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]).buffer)).toEqual(none);
    expect(readPhotoFacts(new Uint8Array([0x89, 0x50, 0x4e, 0x47]).buffer)).toEqual(none);
    expect(readPhotoFacts(new ArrayBuffer(0))).toEqual(none);
  });
});
