import type { Message } from '../translate';

/** The validation texts in English (spread into en.ts). */
export const validationEn = {} satisfies Record<string, Message>;
