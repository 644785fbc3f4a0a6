import type { Message } from '../translate';

/** The admin catalogue texts in English (spread into en.ts). */
export const adminCatalogueEn = {} satisfies Record<string, Message>;
