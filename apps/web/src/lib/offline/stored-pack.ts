import type { Locale } from '$lib/i18n/locales';
import { offlineDb } from './db';
import type { Bbox } from './tiles';

/**
 * A programme stored on this device (its own module: the service worker reads the stored
 * programmes too, without the pages' code that stores them).
 */
export interface StoredPack {
  programId: number;
  title: string;
  lang: Locale;
  bbox: Bbox;
  zooms: [number, number];
  baseLayerId: string | null;
  tileCount: number;
  bytes: number;
  storedAt: string;
  pages: string[];
  files: string[];
}

/** The programmes stored on this device (read by the pages without the code that stores them). */
export async function listPacks(): Promise<StoredPack[]> {
  return (await offlineDb()).getAll('packs');
}

export async function getPack(programId: number): Promise<StoredPack | undefined> {
  return (await offlineDb()).get('packs', programId);
}
