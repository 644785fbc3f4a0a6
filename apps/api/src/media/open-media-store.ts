import type { MediaStorage } from '../config/config.js';
import { createMediaStore, type MediaStore } from './media-store.js';
import { createS3MediaStore } from './s3-media-store.js';

/** The media store the settings name: a folder (MEDIA_DIR) or a bucket (MEDIA_STORAGE=s3). */
export function openMediaStore(storage: MediaStorage): MediaStore {
  return storage.kind === 's3' ? createS3MediaStore(storage) : createMediaStore(storage.dir);
}
