/** The most the stored programmes may take on a device, whatever the browser would allow. */
export const PACK_BUDGET_BYTES = 200 * 1024 * 1024;

/** What one tile weighs on average, for the estimate shown before downloading. */
export const ESTIMATED_BYTES = {
  rasterTile: 25_000,
  observationTile: 3_000,
  picture: 12_000,
  pages: 400_000,
} as const;

export interface StorageRoom {
  /** What the stored programmes may still take. */
  available: number;
  /** What the browser says this site uses, if it says. */
  used: number | null;
}

/**
 * The room left for packs: the budget minus the packs already stored, and never more than
 * half of what the browser still grants this site.
 */
export async function storageRoom(packedBytes: number): Promise<StorageRoom> {
  let available = PACK_BUDGET_BYTES - packedBytes;
  let used: number | null = null;
  try {
    const estimate = await navigator.storage.estimate();
    if (estimate.quota !== undefined && estimate.usage !== undefined) {
      used = estimate.usage;
      available = Math.min(available, (estimate.quota - estimate.usage) / 2);
    }
  } catch {
    // No StorageManager (old browsers): the budget alone.
  }
  return { available: Math.max(0, available), used };
}

/** Asks the browser not to evict the site's storage under pressure (it may say no). */
export async function askPersistence(): Promise<void> {
  try {
    await navigator.storage.persist();
  } catch {
    // Not offered: the data stays, unless the browser needs the room.
  }
}

/** "12.3 MB" in the page's language. */
export function formatBytes(bytes: number, locale: string): string {
  const megabytes = bytes / (1024 * 1024);
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: megabytes < 10 ? 1 : 0 }).format(megabytes)} MB`;
}
