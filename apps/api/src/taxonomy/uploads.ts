import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { TAXONOMY_IMPORT_MAX_BYTES } from '@citizen/shared';
import { DomainError } from '../http/errors.js';
// A killed process's spools are removed at the next start (media-sweep.ts).
import { SPOOL_PREFIX } from '../media/media-sweep.js';

/** Largest file an import accepts: a full TAXREF text file is about 250 MB, GBIF's Backbone 1 GB. */
export const IMPORT_MAX_BYTES = TAXONOMY_IMPORT_MAX_BYTES;

export type SpooledFile = { path: string; filename: string };

/**
 * Writes the files of a multipart request to a temporary folder as they arrive (a big file is
 * never held in memory), so that the import reads them after the upload, without holding a
 * database connection during a slow upload. `cleanup` removes the folder.
 */
export async function spoolUploads(
  request: FastifyRequest,
  { fileFields, maxBytes = IMPORT_MAX_BYTES }: { fileFields: string[]; maxBytes?: number },
): Promise<{
  files: Map<string, SpooledFile>;
  fields: Record<string, string>;
  cleanup: () => Promise<void>;
}> {
  if (!request.isMultipart()) throw new DomainError('upload.notMultipart');
  const dir = await mkdtemp(path.join(os.tmpdir(), SPOOL_PREFIX));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const files = new Map<string, SpooledFile>();
  const fields: Record<string, string> = {};
  try {
    const parts = request.parts({
      limits: { fileSize: maxBytes, files: fileFields.length, fields: 20 },
    });
    for await (const part of parts) {
      if (part.type !== 'file') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (!fileFields.includes(part.fieldname) || files.has(part.fieldname)) {
        part.file.resume();
        throw new DomainError('upload.unexpectedFile', {
          field: part.fieldname,
          expected: fileFields.join(', '),
        });
      }
      const file = path.join(dir, `${files.size}.upload`);
      await pipeline(part.file, createWriteStream(file));
      files.set(part.fieldname, { path: file, filename: part.filename || part.fieldname });
    }
  } catch (error) {
    await cleanup();
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new DomainError('upload.fileTooLarge', { max: Math.round(maxBytes / 1e6) });
    }
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new DomainError('upload.tooManyFiles', { expected: fileFields.join(', ') });
    }
    throw error;
  }
  return { files, fields, cleanup };
}
