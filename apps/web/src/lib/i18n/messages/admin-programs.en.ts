import type { Message } from '../translate';

/** The admin programs texts in English (spread into en.ts). */
export const adminProgramsEn = {} satisfies Record<string, Message>;
