import type { FastifyRequest } from 'fastify';
import { DomainError } from '../http/errors.js';
import { refuseNulCharacters } from '../http/input-guard.js';

export type UploadedFile = { field: string; filename: string; bytes: Buffer };

/**
 * Reads a multipart request: its files (at most `maxFiles`, each at most `maxBytes`) and its
 * text fields.
 */
export async function readUploads(
  request: FastifyRequest,
  { maxFiles, maxBytes }: { maxFiles: number; maxBytes: number },
): Promise<{ files: UploadedFile[]; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new DomainError('upload.notMultipart');
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({
      limits: { fileSize: maxBytes, files: maxFiles + 1 },
    })) {
      if (part.type === 'file') {
        if (files.length === maxFiles) {
          throw new DomainError('media.tooManyPhotos', { max: maxFiles });
        }
        refuseNulCharacters(part.filename, `${part.fieldname} filename`);
        files.push({
          field: part.fieldname,
          filename: part.filename || 'photo',
          bytes: await part.toBuffer(),
        });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new DomainError('media.photoTooLarge', { max: Math.round(maxBytes / 1e6) });
    }
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
      throw new DomainError('media.tooManyPhotos', { max: maxFiles });
    }
    throw error;
  }
  return { files, fields };
}
