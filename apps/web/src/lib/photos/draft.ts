import type { PhotoLicence } from '@citizen/shared';
import type { PhotoFacts } from './exif';

/** A photo chosen for an observation, ready to send. */
export interface PhotoDraft {
  key: number;
  name: string;
  file: Blob;
  previewUrl: string;
  licence: PhotoLicence;
  author: string;
  facts: PhotoFacts;
}

/** At most this many photos per observation (the API's limit). */
export const MAX_PHOTOS = 5;
