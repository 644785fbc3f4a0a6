import type { Message } from '../translate';

/** The sites texts in English (spread into en.ts). */
export const sitesEn = {} satisfies Record<string, Message>;
