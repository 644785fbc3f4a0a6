import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { QueuedObservation } from './queue';
import type { StoredPack } from './stored-pack';

interface OfflineSchema extends DBSchema {
  /** Observations recorded on this device and not yet accepted by the server. */
  queue: { key: string; value: QueuedObservation; indexes: { byCreated: string } };
  /** Programmes stored for offline use. */
  packs: { key: number; value: StoredPack };
}

const NAME = 'citizen-offline';
let opened: Promise<IDBPDatabase<OfflineSchema>> | undefined;

/** The device's offline database (IndexedDB): survives reloads, closed tabs and restarts. */
export function offlineDb(): Promise<IDBPDatabase<OfflineSchema>> {
  opened ??= openDB<OfflineSchema>(NAME, 1, {
    upgrade(db) {
      db.createObjectStore('queue', { keyPath: 'key' }).createIndex('byCreated', 'createdAt');
      db.createObjectStore('packs', { keyPath: 'programId' });
    },
    // Another tab runs a newer version of the app: let it upgrade, open again next time.
    blocking() {
      void opened?.then((db) => db.close());
      opened = undefined;
    },
  });
  return opened;
}
