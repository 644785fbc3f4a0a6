import type { PhotoLicence } from '@citizen/shared';
import type { PhotoDraft } from '$lib/photos/draft';
import type { QueuedObservation } from './queue';

/** The photos of a queued observation as the form's photo input shows them. */
export function photoDrafts(queued: QueuedObservation | undefined): PhotoDraft[] {
  return (queued?.photos ?? []).map((photo, index) => ({
    // Far from the keys the photo input gives new photos.
    key: 1_000_000 + index,
    name: photo.name,
    file: photo.blob,
    previewUrl: URL.createObjectURL(photo.blob),
    licence: photo.licence,
    author: photo.author,
    facts: { date: null, time: null, latitude: null, longitude: null },
  }));
}

/** The form's photos as the queue keeps them (the resized JPEGs themselves). */
export function queuedPhotos(drafts: PhotoDraft[]) {
  return drafts.map((draft) => ({
    name: draft.name,
    blob: draft.file,
    licence: draft.licence as PhotoLicence,
    author: draft.author,
  }));
}

/** True when the error says the API could not be reached (the request never got an answer). */
export const isUnreachable = (cause: unknown) =>
  typeof cause === 'object' && cause !== null && 'status' in cause && cause.status === 503;
