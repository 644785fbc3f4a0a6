import type { Message } from '../translate';

/** The admin people texts in English (spread into en.ts). */
export const adminPeopleEn = {} satisfies Record<string, Message>;
