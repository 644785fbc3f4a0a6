import type { Section } from './en';
import type { validationEn } from './validation.en';

export const validationFr: Section<typeof validationEn> = {};
