import type { ObservationInput, PhotoLicence, TaxonHit } from '@citizen/shared';
import type { CodedError } from '../error-text';
import { announceChange } from './changes';
import { offlineDb } from './db';

/** A photo waiting with its observation: the resized JPEG itself and its licence. */
export interface QueuedPhoto {
  name: string;
  blob: Blob;
  licence: PhotoLicence;
  author: string;
}

/** Why the server refused an observation: its error code and values, and per-field errors. */
export interface Refusal extends CodedError {
  status: number;
  fields: { field: string; code?: string; message: string }[];
}

/**
 * An observation recorded on this device and not yet accepted by the server. `key` is the
 * Idempotency-Key it is sent with: made once, when it is first saved, so that a retry after a
 * lost answer cannot create it twice.
 */
export interface QueuedObservation {
  key: string;
  programId: number;
  programTitle: string;
  /** Who recorded it: sent only under this account (null: a visitor, sent without one). */
  userId: number | null;
  /** What is sent, minus the photos' files (the `photos` licences are built from `photos`). */
  body: Omit<ObservationInput, 'photos'>;
  taxon: TaxonHit;
  photos: QueuedPhoto[];
  createdAt: string;
  updatedAt: string;
  /** `refused`: the server said no (the reason is kept); it waits for a correction. */
  status: 'waiting' | 'refused';
  refusal: Refusal | null;
}

export type NewQueuedObservation = Omit<
  QueuedObservation,
  'key' | 'createdAt' | 'updatedAt' | 'status' | 'refusal'
>;

let lastStamp = 0;

/**
 * Saves a new observation on the device at once; returns it with its Idempotency-Key (the one
 * of a send that got no answer, so that sending it again cannot create it twice).
 */
export async function enqueue(
  observation: NewQueuedObservation,
  key: string = crypto.randomUUID(),
): Promise<QueuedObservation> {
  // Strictly increasing within the page: the queue is sent in this order.
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  const now = new Date(lastStamp).toISOString();
  const queued: QueuedObservation = {
    ...observation,
    key,
    createdAt: now,
    updatedAt: now,
    status: 'waiting',
    refusal: null,
  };
  await (await offlineDb()).put('queue', queued);
  announceChange();
  return queued;
}

/**
 * A corrected observation, waiting again. One never sent keeps its key; a refused one gets a
 * new key, since the server may remember its answer to the old one.
 */
export async function replaceQueued(
  key: string,
  observation: NewQueuedObservation,
): Promise<QueuedObservation | undefined> {
  const db = await offlineDb();
  const before = await db.get('queue', key);
  if (!before) return undefined;
  const after: QueuedObservation = {
    ...before,
    ...observation,
    key: before.status === 'refused' ? crypto.randomUUID() : key,
    updatedAt: new Date().toISOString(),
    status: 'waiting',
    refusal: null,
  };
  const tx = db.transaction('queue', 'readwrite');
  await Promise.all([tx.store.delete(key), tx.store.put(after), tx.done]);
  announceChange();
  return after;
}

export async function markRefused(key: string, refusal: Refusal): Promise<void> {
  const db = await offlineDb();
  const queued = await db.get('queue', key);
  if (!queued) return;
  await db.put('queue', { ...queued, status: 'refused', refusal });
  announceChange();
}

export async function removeQueued(key: string): Promise<void> {
  await (await offlineDb()).delete('queue', key);
  announceChange();
}

export async function getQueued(key: string): Promise<QueuedObservation | undefined> {
  return (await offlineDb()).get('queue', key);
}

/** The queue in the order the observations were recorded (the order they are sent in). */
export async function listQueued(programId?: number): Promise<QueuedObservation[]> {
  const all = await (await offlineDb()).getAllFromIndex('queue', 'byCreated');
  return programId === undefined ? all : all.filter((item) => item.programId === programId);
}
