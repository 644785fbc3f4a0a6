import type { SavedObservation } from '@citizen/shared';
import { ApiError, request } from '$lib/api';
import { withPhotos } from '$lib/sites/api';
import type { QueuedObservation } from './queue';
import type { SyncTransport } from './sync';

/** The API as the queue is sent to it: each observation with its Idempotency-Key. */
export const apiTransport: SyncTransport = {
  send: (observation: QueuedObservation): Promise<SavedObservation> =>
    request(fetch, 'POST', '/api/observations', {
      body: withPhotos(
        'observation',
        {
          ...observation.body,
          ...(observation.photos.length > 0 && {
            photos: observation.photos.map(({ licence, author }) => ({
              licence,
              ...(author.trim() ? { author: author.trim() } : {}),
            })),
          }),
        },
        observation.photos.map((photo) => photo.blob),
      ),
      headers: { 'Idempotency-Key': observation.key },
    }),
  async whoAmI() {
    try {
      return (await request(fetch, 'GET', '/api/auth/me')).id;
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 401) return null;
      throw cause;
    }
  },
};
