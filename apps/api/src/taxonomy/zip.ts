import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { DomainError } from '../http/errors.js';

/**
 * A minimal reader for zip files (Darwin Core archives, TAXREF downloads): lists the entries from
 * the central directory and streams one entry without extracting the archive. Handles stored and
 * deflated entries and Zip64 (archives or entries over 4 GB).
 */
export type ZipEntry = {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
};

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

export async function isZipFile(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === LOCAL;
  } finally {
    await handle.close();
  }
}

async function readAt(file: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function listZip(file: string): Promise<ZipEntry[]> {
  const handle = await open(file, 'r');
  let size: number;
  try {
    size = (await handle.stat()).size;
  } finally {
    await handle.close();
  }
  // The end record is in the last 22 bytes plus a comment of at most 64 KB.
  const tailLength = Math.min(size, 22 + 0xffff + 20);
  const tail = await readAt(file, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new DomainError('zip.notZip');
  let count = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || directorySize === MAX32 || directoryOffset === MAX32) {
    const locator = at - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== EOCD64_LOCATOR) {
      throw new DomainError('zip.damaged', { part: 'Zip64' });
    }
    const record = await readAt(file, Number(tail.readBigUInt64LE(locator + 8)), 56);
    if (record.readUInt32LE(0) !== EOCD64) throw new DomainError('zip.damaged', { part: 'Zip64' });
    count = Number(record.readBigUInt64LE(32));
    directorySize = Number(record.readBigUInt64LE(40));
    directoryOffset = Number(record.readBigUInt64LE(48));
  }

  const directory = await readAt(file, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) {
      throw new DomainError('zip.damaged', { part: 'central directory' });
    }
    const flags = directory.readUInt16LE(p + 8);
    const method = directory.readUInt16LE(p + 10);
    let compressedSize = directory.readUInt32LE(p + 20);
    let uncompressed = directory.readUInt32LE(p + 24);
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    let localHeaderOffset = directory.readUInt32LE(p + 42);
    const name = directory.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    // Zip64 extra field: the 64-bit values of the fields that are 0xFFFFFFFF, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = directory.readUInt16LE(e);
      const length = directory.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressed === MAX32) {
          uncompressed = Number(directory.readBigUInt64LE(q));
          q += 8;
        }
        if (compressedSize === MAX32) {
          compressedSize = Number(directory.readBigUInt64LE(q));
          q += 8;
        }
        if (localHeaderOffset === MAX32) localHeaderOffset = Number(directory.readBigUInt64LE(q));
      }
      e += 4 + length;
    }
    if (flags & 0x1) throw new DomainError('zip.encrypted', { name });
    entries.push({ name, method, compressedSize, size: uncompressed, localHeaderOffset });
    p = extraEnd + commentLength;
  }
  return entries;
}

/** The bytes of one entry, decompressed. */
export async function openZipEntry(file: string, entry: ZipEntry): Promise<Readable> {
  const header = await readAt(file, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) {
    throw new DomainError('zip.damaged', { part: entry.name });
  }
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(file, { start, end: start + entry.compressedSize - 1 });
  if (entry.method === 0) return raw;
  if (entry.method !== 8) {
    raw.destroy();
    throw new DomainError('zip.unsupportedCompression', {
      name: entry.name,
      method: entry.method,
    });
  }
  const inflate = createInflateRaw();
  raw.on('error', (error) => inflate.destroy(error));
  return raw.pipe(inflate);
}
